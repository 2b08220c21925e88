"""Matching inside a text for snippets and the page viewer (fulltext/matching.py)."""

from mittelangeln.policy.fulltext.matching import Query
from mittelangeln.policy.fulltext.matching import find
from mittelangeln.policy.fulltext.matching import highlighted_snippet


TEXT = "Drei Bauanträge aus Soerup, ein Bauantragsformular und die Straßenbeleuchtung am Mühlenweg (Az. 632.1/0042)."


def marked(text, query):
    return [text[start:end] for start, end in find(text, Query(query))[0]]


def test_inflections_spellings_and_compounds_are_matched():
    assert marked(TEXT, "Bauantrag") == ["Bauanträge", "Bauantragsformular"]
    assert marked(TEXT, "Sörup") == ["Soerup"]
    assert marked(TEXT, "Beleuchtung Muehlenweg") == ["Straßenbeleuchtung", "Mühlenweg"]


def test_codes_match_only_themselves():
    assert marked(TEXT, "632.1/0042") == ["632.1/0042"]
    assert marked(TEXT, "632.1/0043") == []


def test_wildcards_match_exact_forms():
    assert marked(TEXT, "Bauan*") == ["Bauanträge", "Bauantragsformular"]
    assert marked(TEXT, "Bauantrae*") == ["Bauanträge"]
    assert marked(TEXT, "Bauantrag*") == ["Bauantragsformular"]  # not the stem of "Bauanträge"


def test_all_words_must_be_found():
    assert find(TEXT, Query("Bauantrag Soerup"))[1]
    assert not find(TEXT, Query("Bauantrag Hundesteuer"))[1]


def test_snippet_marks_the_words_and_escapes_the_text():
    html = highlighted_snippet("<b>Hinweis</b>: zwei Bauanträge & ein Antrag", Query("Bauantrag"))
    assert str(html) == "&lt;b&gt;Hinweis&lt;/b&gt;: zwei <mark>Bauanträge</mark> &amp; ein Antrag"
    assert highlighted_snippet("nichts davon", Query("Bauantrag")) is None


def test_snippet_is_cut_around_the_first_match():
    text = "Wort " * 100 + "Bauanträge liegen vor " + "Wort " * 100
    html = str(highlighted_snippet(text, Query("Bauantrag"), context=30))
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>Bauanträge</mark>" in html and len(html) < 120


def test_words_are_matched_by_the_catalogs_rules():
    assert marked(TEXT, "B*") == []  # too short for a wildcard: the word "b"
    assert marked(TEXT, "632.1*") == []  # codes are exact, no beginnings
    assert marked(TEXT, "Bauan*tr*ge") == ["Bauanträge", "Bauantragsformular"]  # one star: "bauan*"
