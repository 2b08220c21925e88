"""Compound parts from the word list (fulltext/compounds.py)."""

import pytest

from mittelangeln.policy.fulltext.compounds import WordList
from mittelangeln.policy.fulltext.compounds import compound_parts
from mittelangeln.policy.fulltext.compounds import pieces
from mittelangeln.policy.fulltext.compounds import words
from mittelangeln.policy.fulltext.german import fold


def split(word):
    return pieces(fold(word))


def test_the_debian_word_list_is_read():
    assert len(words()) > 300_000
    assert fold("Satzung") in words() and "xqzvw" not in words()


@pytest.mark.parametrize(
    "compound, expected",
    [
        ("Hundesteuersatzung", ("hunde", "steuer", "satzung")),
        ("Straßenbeleuchtung", ("strassen", "beleuchtung")),
        ("Bauantragsformular", ("bau", "antrags", "formular")),
        ("Kindergartengebühren", ("kinder", "garten", "gebuehren")),
        ("Schülerbeförderung", ("schueler", "befoerderung")),
        ("Straßenausbaubeitrag", ("strassen", "ausbau", "beitrag")),
        ("Grundsteuer", ("grund", "steuer")),
        ("Standesamt", ("standes", "amt")),
        ("Gemeinderat", ("gemeinde", "rat")),
        ("Geschwisterermäßigung", ("geschwister", "ermaessigung")),
    ],
)
def test_compounds_split_into_their_words(compound, expected):
    assert split(compound) == expected


@pytest.mark.parametrize("word", ["Verwaltung", "Beleuchtung", "Erbschaft", "Hundert", "Satzung", "Sörup", "Antrag"])
def test_simple_words_and_suffixes_are_not_split(word):
    assert split(word) == (fold(word),)


def test_parts_are_every_span_but_the_whole():
    assert set(compound_parts(fold("Hundesteuersatzung"))) == {
        "hunde", "steuer", "satzung", "hundesteuer", "steuersatzung",
    }  # fmt: skip
    assert compound_parts(fold("Verwaltung")) == ()


def test_word_list_membership_is_by_hash():
    listed = WordList(["amt", "rat"])
    assert "amt" in listed and "rat" in listed and "tor" not in listed
    assert len(listed) == 2


def test_text_run_together_is_no_compound():
    """OCR or a PDF without spaces gives "words" of whole lines: their parts
    would grow with the square of their pieces (11,000 index forms for a
    line of 150 words). Real compounds stay far below the limit."""
    line = fold("HundesteuersatzungGemeindevertretungBauantragsformularStraßenbeleuchtungKindergartengebühren" * 3)
    assert pieces(line) == (line,)
    assert compound_parts(line) == ()
    longest = fold("Grundstücksverkehrsgenehmigungszuständigkeitsübertragungsverordnung")
    assert len(pieces(longest)) > 3
