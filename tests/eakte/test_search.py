"""Finding Akten by Aktenzeichen, Bauakte keys and full text."""

import pytest
from plone import api
from plone.namedfile.file import NamedBlobFile

from mittelangeln.policy.textpdf import text_pdf


@pytest.fixture
def bauakte(plan):
    return api.content.create(
        container=plan["genehmigungen"],
        type="Bauakte",
        title="Neubau Dorfstraße 12",
        fachdienst="Fachdienst IV – Bauen und Umwelt",
        gemarkung="Satrup",
        flur="3",
        flurstuecke=["45/2", "45/3"],
        site_address="Dorfstraße 12, 24986 Mittelangeln",
        bauherr="Jens Petersen",
    )


@pytest.fixture
def other_bauakte(plan):
    return api.content.create(
        container=plan["genehmigungen"],
        type="Bauakte",
        title="Anbau Hauptstraße 5",
        fachdienst="Fachdienst IV – Bauen und Umwelt",
        gemarkung="Rüde",
        flur="1",
        flurstuecke=["12/3"],
    )


def ids(brains):
    return {b.getId for b in brains}


def test_exact_aktenzeichen(bauakte, other_bauakte):
    assert ids(api.content.find(aktenzeichen=bauakte.aktenzeichen)) == {bauakte.getId()}


def test_aktenzeichen_prefix(plan, bauakte, other_bauakte):
    elsewhere = api.content.create(
        container=plan["bau"], type="Akte", title="Allgemeines", fachdienst="Fachdienst IV – Bauen und Umwelt"
    )
    found = api.content.find(aktenzeichen={"query": ("632.1/", "632.1/\uffff"), "range": "min:max"})
    assert ids(found) == {bauakte.getId(), other_bauakte.getId()}
    assert elsewhere.getId() not in ids(found)


def test_vorgang_found_by_its_aktenzeichen_documents_not(bauakte, make_file):
    vorgang = api.content.create(container=bauakte, type="Vorgang", title="Bauantrag")
    api.content.create(container=vorgang, type="Dokument", title="Antrag", file=make_file())
    assert ids(api.content.find(aktenzeichen=vorgang.aktenzeichen)) == {vorgang.getId()}
    assert ids(api.content.find(aktenzeichen=bauakte.aktenzeichen)) == {bauakte.getId()}


def test_flurstueck_finds_the_bauakte(bauakte, other_bauakte):
    assert ids(api.content.find(flurstuecke="45/3")) == {bauakte.getId()}
    assert ids(api.content.find(gemarkung="Rüde", flur="1")) == {other_bauakte.getId()}


@pytest.mark.parametrize("text", ["Petersen", "Dorfstraße", "Satrup"])
def test_full_text_covers_bauakte_keys(bauakte, other_bauakte, text):
    assert ids(api.content.find(SearchableText=text, portal_type="Bauakte")) == {bauakte.getId()}


def test_full_text_covers_pdf_dokument(bauakte):
    vorgang = api.content.create(container=bauakte, type="Vorgang", title="Statik")
    api.content.create(
        container=vorgang,
        type="Dokument",
        title="Nachweis",
        kind="eingang",
        file=NamedBlobFile(
            text_pdf([["Standsicherheitsnachweis fuer den Dachstuhl"]]),
            contentType="application/pdf",
            filename="statik.pdf",
        ),
    )
    found = api.content.find(SearchableText="Standsicherheitsnachweis")
    assert [b.portal_type for b in found] == ["Dokument"]


def test_plan_key_and_fachdienst_indexed(bauakte):
    brain = api.content.find(UID=api.content.get_uuid(bauakte))[0]
    assert brain.plan_key == "632.1"
    assert brain.fachdienst == "Fachdienst IV – Bauen und Umwelt"
    assert bauakte.getId() in ids(api.content.find(fachdienst="Fachdienst IV – Bauen und Umwelt", plan_key="632.1"))
