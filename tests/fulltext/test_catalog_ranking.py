"""The catalog's SearchableText on the German lexicon: folding, stems and
compounds find the word's relatives, exact matches rank first, codes stay exact."""

import pytest
from plone import api

from mittelangeln.policy.fulltext.catalog import lexicon_of
from mittelangeln.policy.fulltext.query import searchable_text


TEXTS = {
    "exakt": "Der Bauantrag für die Dorfstraße 12 liegt vor.",
    "plural": "Drei Bauanträge aus Sörup sind eingegangen.",
    "kompositum": "Bitte das Bauantragsformular ausfüllen.",
    "strasse": "Die Straßenbeleuchtung im Muehlenweg ist defekt.",
    "hund": "Hundesteuersatzung der Gemeinde Mittelangeln",
    "grund": "Grundsteuer B für das Jahr 2026",
    "fremd": "Protokoll der Sitzung des Amtsausschusses",
}


@pytest.fixture
def texts(akte, make_file):
    for name, text in TEXTS.items():
        api.content.create(
            container=akte, type="Dokument", id=name, title=f"Dokument {name}", kind="eingang",
            file=make_file(text.encode("utf-8"), filename=f"{name}.txt"),
        )  # fmt: skip
    return akte


def found(text):
    brains = api.portal.get_tool("portal_catalog")(SearchableText=searchable_text(text), portal_type="Dokument")
    return [brain.getId for brain in brains]


def test_searchable_text_uses_the_german_lexicon(portal):
    assert lexicon_of(api.portal.get_tool("portal_catalog")) == "german_lexicon"


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Bauanträge", {"exakt", "plural", "kompositum"}),
        ("Soerup", {"plural"}),
        ("Mühlenweg", {"strasse"}),
        ("Strasse", {"strasse", "exakt"}),  # Dorfstraße, Straßenbeleuchtung
        ("Beleuchtung", {"strasse"}),
        ("Hundesteuer", {"hund"}),
        ("Steuer", {"hund", "grund"}),
        ("Satzung", {"hund"}),
        ("Hund", {"hund"}),
    ],
)
def test_relatives_are_found(texts, query, expected):
    assert set(found(query)) == expected


def test_exact_matches_rank_first(texts):
    ranked = found("Bauantrag")
    assert ranked[0] == "exakt"
    assert set(ranked[1:]) == {"plural", "kompositum"}
    assert found("Bauanträge")[0] == "plural"


def test_compound_query_does_not_match_its_siblings(texts):
    assert found("Grundsteuer") == ["grund"]
    assert "grund" not in found("Hundesteuer")


def test_an_aktenzeichen_finds_that_akte_only(plan):
    position = plan["genehmigungen"]
    akten = [
        api.content.create(
            container=position, type="Akte", title=f"Akte {n}", fachdienst="Fachdienst IV – Bauen und Umwelt"
        )
        for n in range(3)
    ]
    vorgang = api.content.create(container=akten[0], type="Vorgang", title="Bauantrag prüfen")
    aktenzeichen = akten[0].aktenzeichen
    assert vorgang.aktenzeichen.startswith(aktenzeichen)  # e.g. 632.1/0001 and 632.1/0001-1

    catalog = api.portal.get_tool("portal_catalog")
    for akte in akten:
        found = [brain.UID for brain in catalog(SearchableText=searchable_text(akte.aktenzeichen))]
        assert found == [api.content.get_uuid(akte)]
    assert [brain.UID for brain in catalog(SearchableText=searchable_text(vorgang.aktenzeichen))] == [
        api.content.get_uuid(vorgang)
    ]
    # no beginnings: a cut-off Aktenzeichen is another code
    assert len(catalog(SearchableText=searchable_text(aktenzeichen[:-1]))) == 0


def test_a_raw_glob_keeps_one_star(texts):
    """What reaches the index without fulltext.query (REST @search): a word
    is cut after its first *, whose regex would backtrack for minutes on
    long words of the lexicon with several (".*e.*e.*q")."""
    catalog = api.portal.get_tool("portal_catalog")
    lexicon = catalog["german_lexicon"]
    assert lexicon.parseTerms("Hund*e*e*q Stra*") == ["hund*", "stra*"]
    assert {brain.getId for brain in catalog(SearchableText="Hund*e*e*q", portal_type="Dokument")} == {"hund"}
