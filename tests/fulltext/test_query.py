"""The query text of the search channels (fulltext/query.py)."""

import pytest
from Products.ZCTextIndex.Lexicon import Lexicon
from Products.ZCTextIndex.QueryParser import QueryParser

from mittelangeln.policy.fulltext.lexicon import GermanNormalizer
from mittelangeln.policy.fulltext.lexicon import GermanSplitter
from mittelangeln.policy.fulltext.query import searchable_text


@pytest.mark.parametrize(
    "typed, query",
    [
        ("Bauantrag", "Bauantrag"),
        ("Gebühren  Kindergarten", "Gebühren AND Kindergarten"),
        ("632.1/0042", '"632.1/0042"'),
        ("632.1/0042*", '"632.1/0042"'),
        ('Satzung "Amt Mittelangeln"', '"Amt Mittelangeln" AND Satzung'),
        ("Hund AND Katze", 'Hund AND "AND" AND Katze'),
        ("not", '"not"'),
        ("(((Bau)", "Bau"),
        ("Bau*", "Bau*"),
        ("Bau?ntr*", "Bau?ntr*"),
        # the lexicon's glob regex backtracks: one * at most
        ("ge*e*e*e*q", "ge*"),
        ("ge*?*?*?*?*?*?*?*?*?*?*q", "ge*"),
        ("B*", "B"),
        ("*", None),
        ("", None),
        (None, None),
        ("!!! ???", None),
        ('"', None),
    ],
)
def test_what_users_type_becomes_a_safe_query(typed, query):
    assert searchable_text(typed) == query


def test_the_live_search_also_matches_the_beginning_of_the_last_word():
    assert searchable_text("Gebühren Kinderg", prefix=True) == "Gebühren AND (Kinderg OR Kinderg*)"
    assert searchable_text("632.1/00", prefix=True) == '"632.1/00"'


@pytest.mark.parametrize("typed", ["Hund AND", "OR", "((Bau", '"a b', "-Bau", "Bau -", "x" * 500, "AND OR NOT ( ) *"])
def test_every_query_parses(typed):
    """With the German pipeline itself: no word of ours comes to nothing."""
    query = searchable_text(typed)
    assert query is not None
    QueryParser(Lexicon(GermanSplitter(), GermanNormalizer())).parseQuery(query)
