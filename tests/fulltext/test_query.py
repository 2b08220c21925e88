"""The query text of the search channels (fulltext/query.py)."""

import pytest
from Products.ZCTextIndex.QueryParser import QueryParser

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


@pytest.mark.parametrize("typed", ["Hund AND", "OR", "((", '"a b', "-Bau", "Bau -", "x" * 500, "AND OR NOT ( ) *"])
def test_every_query_parses(typed):
    class Lexicon:
        def parseTerms(self, text):
            return text.split()

        def isGlob(self, word):
            return "*" in word

    query = searchable_text(typed)
    if query is not None:
        QueryParser(Lexicon()).parseQuery(query)
