"""*Zu den Akten* through @@zu-den-akten: a scanned letter, OCR'd in the
Eingang, is filed into a Vorgang and found there by a word only OCR read;
nothing is doubled; an Akte gets a new Vorgang; who may not add Dokumente
there gets a German refusal and nothing moves."""

import re
from urllib.parse import quote

import pytest
import transaction
from plone import api

from mittelangeln.policy.dokumente.queue import process_queue
from mittelangeln.policy.dokumente.scanimport.generator import scanned_pdf
from mittelangeln.policy.posteingang.intake import Delivery
from mittelangeln.policy.posteingang.intake import IncomingFile
from mittelangeln.policy.posteingang.intake import register
from mittelangeln.policy.testing.helpers import as_conversion_worker
from mittelangeln.policy.testing.helpers import browser_as
from tests.posteingang.staff import BAUEN
from tests.posteingang.staff import ORDNUNG
from tests.posteingang.staff import add_posteingang_staff


# Converts the scan with tesseract: left out by `make test-quick`.
pytestmark = pytest.mark.ocr

# "Schornsteinfeger" is printed only inside the scan's image.
SCAN_PAGES = [["Bauantrag Muehlenweg 3", "Abnahme durch den Schornsteinfeger"]]
OCR_WORD = "Schornsteinfeger"


@pytest.fixture(scope="module")
def scan():
    return scanned_pdf(SCAN_PAGES, seed=3)


@pytest.fixture
def site(staff_plan, scan):
    """An Akte of Fachdienst IV with a Vorgang, and an Eingang for
    Fachdienst IV holding the scan (converted with OCR) and a text attachment."""
    portal = staff_plan["portal"]
    add_posteingang_staff()
    akte = api.content.create(
        container=staff_plan["genehmigungen"], type="Akte", title="Mühlenweg 3, Sörup", fachdienst=BAUEN
    )
    vorgang = api.content.create(container=akte, type="Vorgang", title="Bauantrag")
    eingang = register(
        Delivery(
            channel="post",
            subject="Bauantrag Mühlenweg 3",
            files=[IncomingFile("scan.pdf", scan), IncomingFile("anschreiben.txt", b"Anschreiben zum Bauantrag")],
            fachdienst=BAUEN,
        )
    )
    transaction.commit()
    with as_conversion_worker():
        assert process_queue(portal, commit=transaction.commit) == 1
    staff_plan["done"]()
    return {"portal": portal, "akte": akte, "vorgang": vorgang, "eingang": eingang}


def found(word, container):
    transaction.begin()
    brains = api.content.find(SearchableText=word, path="/".join(container.getPhysicalPath()), unrestricted=True)
    return [brain._unrestrictedGetObject() for brain in brains]


def file_through_the_form(portal, eingang, username, query, target, vorgang_title=""):
    """Search, choose ``target`` and confirm in @@zu-den-akten as ``username``."""
    browser = browser_as(portal, username)
    browser.open(f"{eingang.absolute_url()}/@@zu-den-akten?suche={quote(query)}")
    assert target.Title() in browser.contents
    token = re.search(r'name="_authenticator" value="([^"]+)"', browser.contents).group(1)
    browser.post(
        f"{eingang.absolute_url()}/@@zu-den-akten",
        {
            "_authenticator": token,
            "suche": query,
            "target": api.content.get_uuid(target),
            "vorgang_title": vorgang_title,
            "form.buttons.file": "1",
        },
    )
    return browser


def test_filed_documents_are_found_in_the_vorgang_by_their_ocr_text(site):
    portal, eingang, vorgang = site["portal"], site["eingang"], site["vorgang"]
    assert [item.getId() for item in found(OCR_WORD, eingang)] == ["scan.pdf"]
    assert found(OCR_WORD, vorgang) == []

    browser = file_through_the_form(portal, eingang, "bauamt", vorgang.aktenzeichen, vorgang)
    assert browser.headers["status"].startswith("200")
    assert browser.url == eingang.absolute_url()

    transaction.begin()
    (dokument,) = found(OCR_WORD, vorgang)
    assert dokument.aq_parent == vorgang
    assert found(OCR_WORD, eingang) == []
    # Nothing doubled: both Dokumente left the Eingang and are once in the Vorgang.
    assert list(eingang.objectIds()) == []
    assert sorted(vorgang.objectIds()) == ["anschreiben.txt", "scan.pdf"]
    assert len(api.content.find(portal_type="Dokument", unrestricted=True)) == 2
    assert api.content.get_state(eingang) == "erledigt"
    assert eingang.filed_by == "bauamt"

    # The Eingang shows where they went, by whom and when.
    page = re.sub(r"\s+", " ", browser.contents)
    assert f"Zu den Akten gegeben in {vorgang.aktenzeichen} Bauantrag" in page  # status message
    assert "Zu den Akten gegeben am " in page
    assert f' von bauamt in <a href="{vorgang.absolute_url()}">{vorgang.aktenzeichen} Bauantrag</a>.' in page
    assert f'href="{dokument.absolute_url()}"' in page


def test_filing_into_an_akte_makes_a_new_vorgang(site):
    portal, eingang, akte = site["portal"], site["eingang"], site["akte"]
    file_through_the_form(portal, eingang, "bauamt", "Mühlenweg", akte, vorgang_title="Nachreichung Statik")
    transaction.begin()
    (vorgang,) = [item for item in akte.objectValues() if item.portal_type == "Vorgang" and item != site["vorgang"]]
    assert vorgang.title == "Nachreichung Statik"
    assert sorted(vorgang.objectIds()) == ["anschreiben.txt", "scan.pdf"]
    assert [item.getId() for item in found(OCR_WORD, vorgang)] == ["scan.pdf"]


def test_who_may_not_add_dokumente_there_gets_a_german_refusal_and_nothing_moves(site):
    portal, eingang, vorgang = site["portal"], site["eingang"], site["vorgang"]
    eingang.fachdienst = ORDNUNG  # Fachdienst III works on it, the Akte is Fachdienst IV's
    eingang.reindexObjectSecurity()
    transaction.commit()
    browser = file_through_the_form(portal, eingang, "ordnungsamt", vorgang.aktenzeichen, vorgang)
    assert browser.headers["status"].startswith("400")
    assert "Sie dürfen in „Bauantrag“ keine Dokumente ablegen." in browser.contents
    transaction.begin()
    assert sorted(eingang.objectIds()) == ["anschreiben.txt", "scan.pdf"]
    assert list(vorgang.objectIds()) == []
    assert not eingang.filed_in
    assert api.content.get_state(eingang) == "zugewiesen"


def test_no_target_chosen_is_refused_in_german(site):
    portal, eingang = site["portal"], site["eingang"]
    browser = browser_as(portal, "bauamt")
    browser.open(f"{eingang.absolute_url()}/@@zu-den-akten?suche=Bauantrag")
    token = re.search(r'name="_authenticator" value="([^"]+)"', browser.contents).group(1)
    browser.post(
        f"{eingang.absolute_url()}/@@zu-den-akten",
        {"_authenticator": token, "suche": "Bauantrag", "target": "keine-uid", "form.buttons.file": "1"},
    )
    assert browser.headers["status"].startswith("400")
    assert "Bitte wählen Sie eine Akte oder einen Vorgang aus den Suchergebnissen." in browser.contents
    transaction.begin()
    assert len(eingang.objectIds()) == 2


def test_a_filed_eingang_offers_no_filing_any_more(site):
    portal, eingang, vorgang = site["portal"], site["eingang"], site["vorgang"]
    browser = browser_as(portal, "bauamt")
    browser.open(eingang.absolute_url())
    assert "@@zu-den-akten" in browser.contents  # the button, and the actions menu
    file_through_the_form(portal, eingang, "bauamt", vorgang.aktenzeichen, vorgang)
    browser.open(eingang.absolute_url())
    assert "@@zu-den-akten" not in browser.contents
    assert "@@weiterleiten" not in browser.contents
    browser.open(f"{eingang.absolute_url()}/@@zu-den-akten")
    assert 'name="form.buttons.file"' not in browser.contents


def test_the_search_for_the_akte_applies_the_german_rules(site):
    """The full text as in every search channel (fulltext.query): umlaut
    spellings and inflections find the Akte "Mühlenweg 3, Sörup" and its
    Vorgang "Bauantrag"; the last word may be the beginning of one."""
    portal, eingang = site["portal"], site["eingang"]
    akte, vorgang = api.content.get_uuid(site["akte"]), api.content.get_uuid(site["vorgang"])
    browser = browser_as(portal, "bauamt")

    def offered(query):
        browser.open(f"{eingang.absolute_url()}/@@zu-den-akten?suche={quote(query)}")
        return set(re.findall(r'name="target"[^>]*value="([^"]+)"', browser.contents))

    for query in ("Soerup", "sörup", "Muehlenweg", "Mühlenw", "Muehlenweg 3", "Soerup Mühlenweg"):
        assert akte in offered(query), query  # with its Vorgänge
    assert offered("Bauanträge") == {vorgang}
    assert offered("Mühlenw Schule") == set()  # every word must occur
    assert "Keine Akte und kein Vorgang gefunden, die Sie sehen dürfen." in browser.contents
    for text in ['"', "(", "AND", "NOT OR", "*", "a*", 'Mühlenweg"(', "632.1/", "45/2*"]:
        offered(text)
        assert browser.headers["status"].startswith("200"), text
