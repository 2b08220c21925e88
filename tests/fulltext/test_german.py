"""Words, exact forms and stems (fulltext/german.py)."""

import pytest

from mittelangeln.policy.fulltext.german import fold
from mittelangeln.policy.fulltext.german import hyphenated
from mittelangeln.policy.fulltext.german import is_code
from mittelangeln.policy.fulltext.german import join_divided
from mittelangeln.policy.fulltext.german import marked_stem
from mittelangeln.policy.fulltext.german import stem
from mittelangeln.policy.fulltext.german import tokens


@pytest.mark.parametrize(
    "written, spelled_out",
    [("Mühlenweg", "Muehlenweg"), ("Sörup", "Soerup"), ("Straße", "Strasse"), ("GEBÜHREN", "gebuehren"),
     ("Ärztin", "Aerztin"), ("STRAẞE", "strasse")],
)  # fmt: skip
def test_umlauts_and_sharp_s_fold_to_the_spelled_out_form(written, spelled_out):
    assert fold(written) == fold(spelled_out) == spelled_out.lower()


def test_other_accents_are_dropped_and_letters_kept():
    assert fold("Café") == "cafe"
    assert fold("Łódź") == "łodz".replace("ł", "ł")  # ł has no decomposition: kept


@pytest.mark.parametrize(
    "one, other",
    [("bauantrag", "bauanträge"), ("grundschule", "grundschulen"), ("gebühr", "gebuehren"),
     ("kindergarten", "kindergärten"), ("sörup", "soerup"), ("haus", "häuser")],
)  # fmt: skip
def test_inflections_and_spellings_share_a_stem(one, other):
    assert stem(fold(one)) == stem(fold(other))


def test_different_words_keep_different_stems():
    assert stem(fold("Hund")) != stem(fold("Hundert"))
    assert stem(fold("Satzung")) != stem(fold("Sitzung"))


def test_stems_are_marked_so_they_never_meet_an_exact_form():
    assert marked_stem("bauantraege") == "~bauantrag"
    assert fold("~bauantrag") not in tokens("~bauantrag")


def test_codes_stay_whole_and_are_their_own_stem():
    assert tokens("Az. 632.1/0042. Plan 632.1, Frist 2026-12-31, Nr. 17") == [
        "Az", "632.1/0042", "Plan", "632.1", "Frist", "2026-12-31", "Nr", "17",
    ]  # fmt: skip
    assert is_code("632.1/0042") and is_code("17") and not is_code("Bauantrag")
    assert stem("632.1/0042") == "632.1/0042"


def test_a_word_divided_at_a_line_end_is_joined():
    assert tokens(join_divided("drei Bau-\nanträge und die Nord-\nSchleswiger")) == [
        "drei",
        "Bauanträge",
        "und",
        "die",
        "Nord",
        "Schleswiger",
    ]


def test_hyphenated_words_are_their_parts():
    assert tokens("Straßen-Beleuchtung") == ["Straßen", "Beleuchtung"]


def test_plural_s_after_a_vowel_is_a_plural():
    assert stem(fold("Kitas")) == stem(fold("Kita"))
    assert stem(fold("Autos")) == stem(fold("Auto"))
    assert stem(fold("Haus")) != stem(fold("Hau"))  # only after a, o, i, y


def test_hyphenated_words_are_also_joined():
    assert hyphenated("Die Kita-Gebühren und Straßen-Bau-Arbeiten, Az. 632.1/0042-1") == [
        "KitaGebühren", "StraßenBauArbeiten",
    ]  # fmt: skip
