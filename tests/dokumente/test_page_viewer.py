"""The page viewer (browser/viewer.py): pages of a converted Dokument, the
search inside it, German notices without pages, and nothing for those who
may not see the Dokument."""

import json
from urllib.parse import quote

import pytest
import transaction
from collective.documentviewer.convert import Converter
from collective.documentviewer.settings import Settings
from lxml import html
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from plone.namedfile.file import NamedBlobFile

from mittelangeln.policy.dokumente.conversion import page_texts
from mittelangeln.policy.dokumente.queue import process_queue
from mittelangeln.policy.dokumente.scanimport.generator import scanned_pdf
from mittelangeln.policy.testing.helpers import as_conversion_worker
from mittelangeln.policy.testing.helpers import browser_as
from mittelangeln.policy.testing.helpers import fetch
from mittelangeln.policy.textpdf import text_pdf


# Converts documents with tesseract: left out by `make test-quick`.
pytestmark = pytest.mark.ocr

PAGES = [
    ["Bauantrag Dorfstrasse 12", "Neubau einer Kindertagesstaette in Holzbauweise"],
    ["Statische Berechnung", "Tragwerk aus Holz"],
    ["Abnahme der Heizung", "Die Heizung ist in Ordnung"],
]
SECRET_PAGES = [["Personalakte Jensen"], ["Beurteilung vertraulich"]]
# Printed only inside a scan's image, with real umlauts and ß.
SCAN_PAGES = [
    ["Eingangsbestätigung", "Drei Bauanträge aus Sörup", "für die Straßenbeleuchtung am Mühlenweg"],
    ["Hundesteuersatzung der Gemeinde", "Aktenzeichen 632.1/0042"],
]


def pdf_file(pages, filename):
    return NamedBlobFile(text_pdf(pages), contentType="application/pdf", filename=filename)


@pytest.fixture
def site(staff_plan, personalakte):
    """A Bauakte Dokument (3 pages), a Personalakte Dokument (2 pages), a
    text Dokument and a PDF still in the queue; clerk ``sachbearbeiter`` with
    rights on the Aktenplan, ``personal`` in the personnel office."""
    portal = staff_plan["portal"]
    bau = staff_plan["genehmigungen"]
    akte = api.content.create(
        container=bau, type="Akte", id="kita", title="Neubau Kita", fachdienst="Fachdienst IV – Bauen und Umwelt"
    )
    vorgang = api.content.create(container=akte, type="Vorgang", id="antrag", title="Bauantrag")
    bauantrag = api.content.create(
        container=vorgang,
        type="Dokument",
        id="bauantrag",
        title="Bauantrag mit Anlagen",
        description="Antrag, Statik und Abnahme",
        kind="antrag",
        file=pdf_file(PAGES, "bauantrag.pdf"),
    )
    notiz = api.content.create(
        container=vorgang,
        type="Dokument",
        id="notiz",
        title="Telefonnotiz",
        kind="vermerk",
        file=NamedBlobFile(b"Rueckruf erbeten", contentType="text/plain", filename="notiz.txt"),
    )
    beurteilung = api.content.create(
        container=personalakte,
        type="Dokument",
        id="beurteilung",
        title="Beurteilung",
        file=pdf_file(SECRET_PAGES, "beurteilung.pdf"),
    )
    transaction.commit()
    with as_conversion_worker():
        assert process_queue(portal, commit=transaction.commit) == 2
    # Uploaded after the worker's round: still waiting.
    wartend = api.content.create(
        container=vorgang, type="Dokument", id="wartend", title="Nachreichung", file=pdf_file(PAGES[:1], "n.pdf")
    )
    staff_plan["done"]()
    return {
        "portal": portal,
        "bauantrag": bauantrag,
        "notiz": notiz,
        "beurteilung": beurteilung,
        "wartend": wartend,
    }


def page(portal, url, username="sachbearbeiter"):
    status, body, _type = fetch(portal, url, username)
    assert status == 200, body[:2000]
    return html.fromstring(body)


def search(portal, dokument, query, username="sachbearbeiter"):
    url = f"{dokument.absolute_url()}/@@seiten-suche?q={query}"
    status, body, content_type = fetch(portal, url, username)
    assert content_type.startswith("application/json")
    return status, json.loads(body)


def dvpdffiles(portal, dokument):
    uid = api.content.get_uuid(dokument)
    return f"{portal.absolute_url()}/@@dvpdffiles/{uid[0]}/{uid[1]}/{uid}"


def main_image(tree):
    (image,) = tree.cssselect(".viewer-page-image")
    return image


def assert_denied(status, body):
    assert status in (401, 403, 404) or "Unzureichende Berechtigungen" in body or "Anmelden" in body
    assert "mittelangeln-viewer" not in body
    assert "viewer-page-image" not in body
    assert "dump_1" not in body


# -- the viewer --------------------------------------------------------------


def test_dokument_view_is_the_default_view(site):
    assert site["bauantrag"].getLayout() == "dokument-view"
    tree = page(site["portal"], site["bauantrag"].absolute_url())
    assert tree.cssselect(".mittelangeln-viewer")


def test_viewer_shows_pages_thumbnails_and_metadata(site):
    portal, dokument = site["portal"], site["bauantrag"]
    base = dvpdffiles(portal, dokument)
    tree = page(portal, dokument.absolute_url())

    (viewer,) = tree.cssselect(".mittelangeln-viewer")
    assert viewer.get("data-pages") == "3"
    assert viewer.get("data-current") == "1"
    assert viewer.get("data-image-url") == f"{base}/{{size}}/dump_{{page}}.gif"
    assert viewer.get("data-search-url") == f"{dokument.absolute_url()}/@@seiten-suche"
    assert viewer.get("data-label-page-alt") == "Seite {page} von {pages}"
    assert viewer.get("data-label-hits-many") == "{count} Treffer"

    image = main_image(tree)
    assert image.get("src") == f"{base}/normal/dump_1.gif"
    assert image.get("alt") == "Seite 1 von 3"

    thumbnails = tree.cssselect(".viewer-thumbnail")
    assert [link.get("data-page") for link in thumbnails] == ["1", "2", "3"]
    assert [link.find("img").get("src") for link in thumbnails] == [f"{base}/small/dump_{n}.gif" for n in (1, 2, 3)]
    assert [link.find("img").get("alt") for link in thumbnails] == [f"Vorschau von Seite {n}" for n in (1, 2, 3)]
    assert thumbnails[0].get("aria-current") == "page"

    text = tree.text_content()
    assert "Bauantrag mit Anlagen" in text
    assert "Antrag, Statik und Abnahme" in text
    assert "Antrag" in [td.text_content() for td in tree.cssselect(".dokument-metadata td")]
    assert "Vorherige Seite" in text and "Nächste Seite" in text
    assert "Vergrößern" in text and "Verkleinern" in text
    assert "In diesem Dokument suchen" in text
    assert " ".join(tree.cssselect(".viewer-page-label")[0].text_content().split()) == "Seite von 3"
    assert tree.cssselect(".viewer-page-input")[0].get("value") == "1"
    (download,) = tree.cssselect("a.dokument-download-link")
    assert download.get("href") == f"{dokument.absolute_url()}/@@download/file"
    assert "Originaldatei herunterladen (bauantrag.pdf)" in " ".join(download.text_content().split())


def test_page_images_of_the_view_are_served(site):
    portal, dokument = site["portal"], site["bauantrag"]
    tree = page(portal, dokument.absolute_url())
    browser = browser_as(portal, "sachbearbeiter")
    for src in [main_image(tree).get("src")] + [img.get("src") for img in tree.cssselect(".viewer-thumbnail img")]:
        browser.open(src)
        assert browser.contents[:3] == b"GIF"


def test_script_and_styles_are_included(site):
    portal = site["portal"]
    tree = page(portal, site["bauantrag"].absolute_url())
    scripts = [s.get("src") for s in tree.cssselect("script[src]") if "mittelangeln.viewer" in s.get("src")]
    styles = [s.get("href") for s in tree.cssselect("link[rel=stylesheet]") if "mittelangeln.viewer" in s.get("href")]
    assert scripts == [f"{portal.absolute_url()}/++resource++mittelangeln.viewer/viewer.js"]
    assert styles == [f"{portal.absolute_url()}/++resource++mittelangeln.viewer/viewer.css"]
    status, body, _type = fetch(portal, scripts[0])
    assert status == 200 and "data-label-" in body


def test_start_page_parameter(site):
    """?seite=N opens page N; anything that is not a page number opens page 1
    or the nearest page, never an error."""
    portal, dokument = site["portal"], site["bauantrag"]
    cases = [("2", 2), ("3", 3), ("abc", 1), ("", 1), ("-4", 1), ("0", 1), ("99", 3), ("2.5", 1), ("%00", 1)]
    for seite, expected in cases:
        tree = page(portal, f"{dokument.absolute_url()}?seite={seite}")
        assert main_image(tree).get("src").endswith(f"/normal/dump_{expected}.gif"), seite
        assert tree.cssselect(".viewer-page-input")[0].get("value") == str(expected)
        current = [link.get("data-page") for link in tree.cssselect(".viewer-thumbnail[aria-current=page]")]
        assert current == [str(expected)]


def test_previous_and_next_links(site):
    portal, dokument = site["portal"], site["bauantrag"]
    tree = page(portal, f"{dokument.absolute_url()}?seite=2")
    (previous,) = tree.cssselect(".viewer-previous")
    (following,) = tree.cssselect(".viewer-next")
    assert previous.get("href").endswith("dokument-view?seite=1")
    assert following.get("href").endswith("dokument-view?seite=3")
    last = page(portal, f"{dokument.absolute_url()}?seite=3")
    assert last.cssselect(".viewer-next")[0].get("aria-disabled") == "true"


# -- search inside the document ----------------------------------------------


def test_search_finds_word_on_its_page_only(site):
    """``hits`` counts the matching words of the page, ``mark`` is the first."""
    cases = [
        ("Heizung", 3, 2, "Heizung"),
        ("hEIZUNG", 3, 2, "Heizung"),
        ("Heizungen", 3, 2, "Heizung"),  # another inflection, as in the catalog
        ("Tragwerk", 2, 1, "Tragwerk"),
        ("statische%20%20%20berechnung", 2, 2, "Statische"),
        ("Heizung)", 3, 2, "Heizung"),  # a bracket is no word
    ]
    for query, page_number, hits, marked in cases:
        status, data = search(site["portal"], site["bauantrag"], query)
        assert status == 200
        assert data["error"] is None
        assert [(r["page"], r["hits"]) for r in data["results"]] == [(page_number, hits)], query
        result = data["results"][0]
        offset, length = result["mark"]
        assert result["snippet"][offset : offset + length] == marked, query
        assert "Tragwerk aus Holz" in result["snippet"] or "Heizung ist in Ordnung" in result["snippet"]


def test_search_word_on_several_pages(site):
    _status, data = search(site["portal"], site["bauantrag"], "Bauantrag")
    assert [r["page"] for r in data["results"]] == [1]
    # "Holz" on page 2, and a part of "Holzbauweise" on page 1
    _status, data = search(site["portal"], site["bauantrag"], "Holz")
    assert [(r["page"], r["hits"]) for r in data["results"]] == [(1, 1), (2, 1)]
    first = data["results"][0]
    assert first["snippet"][first["mark"][0] : sum(first["mark"])] == "Holzbauweise"


def test_search_matches_words_not_pieces_of_them(site):
    """Like the catalog: every query word must be on the page, a few letters
    inside a word are no match, a wildcard asks for a word's beginning."""
    for query, pages in [("er", []), ("eizun", []), ("Heizung Tragwerk", []), ("Heiz*", [3]), ("Trag*%20Holz", [2])]:
        status, data = search(site["portal"], site["bauantrag"], query)
        assert status == 200 and data["error"] is None
        assert [r["page"] for r in data["results"]] == pages, query


def test_search_without_hits(site):
    status, data = search(site["portal"], site["bauantrag"], "Hochwasser")
    assert status == 200
    assert data == {"query": "Hochwasser", "results": [], "error": None}


def test_bad_search_input_is_a_clear_400(site):
    cases = [
        ("", "Bitte geben Sie einen Suchbegriff ein."),
        ("%20%20%20", "Bitte geben Sie einen Suchbegriff ein."),
        ("x" * 201, "Der Suchbegriff ist zu lang (höchstens 200 Zeichen)."),
        ("a&q=b", "Bitte geben Sie nur einen Suchbegriff ein."),
    ]
    for query, message in cases:
        status, data = search(site["portal"], site["bauantrag"], query)
        assert status == 400
        assert data == {"query": "", "results": [], "error": message}
    status, body, content_type = fetch(
        site["portal"], f"{site['bauantrag'].absolute_url()}/@@seiten-suche", "sachbearbeiter"
    )
    assert status == 400
    assert content_type.startswith("application/json")
    assert json.loads(body)["error"] == "Bitte geben Sie einen Suchbegriff ein."


def test_search_special_characters_are_no_syntax(site):
    for query in ["(.*", "[", "%5C", "%3Cscript%3E", "x" * 200, "*", "%22%22", "AND", "NOT%20Heizung%20OR"]:
        status, data = search(site["portal"], site["bauantrag"], query)
        assert (status, data["results"], data["error"]) == (200, [], None), query


def test_search_without_javascript_lists_hits(site):
    """The search form, sent to the view itself, lists the hits as links."""
    portal, dokument = site["portal"], site["bauantrag"]
    tree = page(portal, f"{dokument.absolute_url()}/dokument-view?q=Heizung")
    hits = tree.cssselect(".viewer-hit")
    assert [hit.get("data-page") for hit in hits] == ["3"]
    assert hits[0].get("href").endswith("dokument-view?seite=3&q=Heizung")
    assert hits[0].cssselect(".viewer-hit-page")[0].text_content() == "Seite 3"
    assert hits[0].cssselect(".viewer-hit-count")[0].text_content() == "2 Treffer"
    assert hits[0].cssselect("mark")[0].text_content() == "Heizung"
    assert tree.cssselect(".viewer-search-status")[0].text_content() == "Gefunden auf 1 Seite"
    empty = page(portal, f"{dokument.absolute_url()}/dokument-view?q=")
    assert empty.cssselect(".viewer-search-status")[0].text_content() == "Bitte geben Sie einen Suchbegriff ein."
    assert empty.cssselect(".viewer-hit") == []


@pytest.fixture(scope="module")
def scan_pdf():
    return scanned_pdf(SCAN_PAGES, seed=5, max_skew=1.0, font_size=14, umlauts=True)


@pytest.fixture
def scanned(staff_plan, scan_pdf):
    """An image-only scan in a Bauakte's Vorgang, converted by the queue
    with tesseract: its words are only in the OCR text."""
    portal = staff_plan["portal"]
    akte = api.content.create(
        container=staff_plan["genehmigungen"],
        type="Akte",
        id="soerup",
        title="Straßenbeleuchtung Sörup",
        fachdienst="Fachdienst IV – Bauen und Umwelt",
    )
    vorgang = api.content.create(container=akte, type="Vorgang", id="eingang", title="Eingänge")
    dokument = api.content.create(
        container=vorgang,
        type="Dokument",
        id="scan",
        title="Eingescanntes Schreiben",
        kind="eingang",
        file=NamedBlobFile(scan_pdf, contentType="application/pdf", filename="scan.pdf"),
    )
    transaction.commit()
    with as_conversion_worker():
        assert process_queue(portal, commit=transaction.commit) == 1
    staff_plan["done"]()
    texts = page_texts(dokument)
    assert "Bauanträge" in texts[0] and "Sörup" in texts[0], texts  # OCR read what the test looks for
    return {"portal": portal, "dokument": dokument}


def marked(result):
    offset, length = result["mark"]
    return result["snippet"][offset : offset + length]


FOUND_ON_THE_SCAN = [
    ("Bauantrag", 1, "Bauanträge"),  # singular finds the plural
    ("Bauanträgen", 1, "Bauanträge"),
    ("Antrag", 1, "Bauanträge"),  # so does a part of the compound
    ("Soerup", 1, "Sörup"),  # umlaut spelled out
    ("sörup", 1, "Sörup"),
    ("Beleuchtung", 1, "Straßenbeleuchtung"),  # a compound part finds its compound
    ("Strasse", 1, "Straßenbeleuchtung"),  # ß written ss, and a part
    ("Muehlenweg", 1, "Mühlenweg"),
    ("Hundesteuer", 2, "Hundesteuersatzung"),
    ("Satzung Gemeinde", 2, "Hundesteuersatzung"),
    ("632.1/0042", 2, "632.1/0042"),  # an Aktenzeichen, exact
]
NOT_ON_THE_SCAN = ["Bauamt", "Antragsteller", "Bauant", "632.1", "632.1/004", "Soerup Hochwasser"]


def test_search_on_a_scanned_page_with_the_catalogs_german_rules(scanned):
    """The must-show of issue 19: "Bauantrag" finds "Bauanträge" on a
    scanned page, through @@seiten-suche, with the catalog's rules."""
    for query, page_number, word in FOUND_ON_THE_SCAN:
        status, data = search(scanned["portal"], scanned["dokument"], quote(query))
        assert (status, data["error"]) == (200, None), query
        assert [r["page"] for r in data["results"]] == [page_number], (query, data)
        assert marked(data["results"][0]) == word, query
    for query in NOT_ON_THE_SCAN:
        status, data = search(scanned["portal"], scanned["dokument"], quote(query))
        assert (status, data["results"], data["error"]) == (200, [], None), query


def test_scanned_page_found_without_javascript(scanned):
    """The no-JS form: "Bauantrag" lists page 1 with "Bauanträge" marked."""
    portal, dokument = scanned["portal"], scanned["dokument"]
    tree = page(portal, f"{dokument.absolute_url()}/dokument-view?q=Bauantrag")
    (hit,) = tree.cssselect(".viewer-hit")
    assert hit.get("data-page") == "1"
    assert hit.get("href").endswith("dokument-view?seite=1&q=Bauantrag")
    assert hit.cssselect(".viewer-hit-count")[0].text_content() == "1 Treffer"
    assert hit.cssselect("mark")[0].text_content() == "Bauanträge"
    assert "Drei Bauanträge aus Sörup" in hit.cssselect(".viewer-hit-snippet")[0].text_content()
    assert tree.cssselect(".viewer-search-status")[0].text_content() == "Gefunden auf 1 Seite"


# -- no pages ----------------------------------------------------------------


def test_non_pdf_dokument_shows_notice_and_download(site):
    portal, notiz = site["portal"], site["notiz"]
    tree = page(portal, notiz.absolute_url())
    assert tree.cssselect(".mittelangeln-viewer") == []
    (notice,) = tree.cssselect(".dokument-viewer-notice")
    assert notice.text_content() == (
        "Diese Datei ist kein PDF, daher gibt es keine Seitenansicht. Laden Sie die Datei herunter, um sie zu öffnen."
    )
    (download,) = tree.cssselect("a.dokument-download-link")
    assert download.get("href") == f"{notiz.absolute_url()}/@@download/file"
    assert "Originaldatei herunterladen (notiz.txt)" in " ".join(download.text_content().split())
    status, data = search(portal, notiz, "Rueckruf")
    assert (status, data["results"]) == (200, [])
    assert data["error"].startswith("Diese Datei ist kein PDF")


def test_queued_dokument_shows_notice(site):
    portal, wartend = site["portal"], site["wartend"]
    tree = page(portal, wartend.absolute_url())
    assert tree.cssselect(".mittelangeln-viewer") == []
    (notice,) = tree.cssselect(".dokument-viewer-notice")
    assert (
        notice.text_content()
        == "Die Seitenansicht ist noch nicht verfügbar: Das Dokument wartet auf die Konvertierung."
    )
    assert tree.cssselect("a.dokument-download-link")
    assert "Konvertierung ausstehend" in tree.text_content()  # the status viewlet


# -- denials -----------------------------------------------------------------


def test_anonymous_gets_nothing(site):
    for suffix in ["", "/dokument-view", "/dokument-view?seite=2", "/@@seiten-suche?q=Tragwerk", "/@@seiten-suche"]:
        status, body, _type = fetch(site["portal"], site["bauantrag"].absolute_url() + suffix)
        assert_denied(status, body)
        assert "Tragwerk" not in body.replace("q=Tragwerk", "")
        assert '"results"' not in body


@pytest.mark.parametrize("username", ["sachbearbeiter", None])
def test_personalakte_dokument_denied_without_rights(site, username):
    suffixes = [
        "",
        "/dokument-view",
        "/dokument-view?q=vertraulich",
        "/@@seiten-suche?q=vertraulich",
        "/@@seiten-suche?q=",
    ]
    for suffix in suffixes:
        status, body, _type = fetch(site["portal"], site["beurteilung"].absolute_url() + suffix, username)
        assert_denied(status, body)
        assert "vertraulich" not in body.replace("q=vertraulich", "")
        assert '"results"' not in body


def test_personalakte_pages_denied_without_rights(site):
    base = dvpdffiles(site["portal"], site["beurteilung"])
    for path in ("normal/dump_1.gif", "small/dump_2.gif", "text/dump_2.txt"):
        for username in ("sachbearbeiter", None):
            status, body, _type = fetch(site["portal"], f"{base}/{path}", username)
            assert status in (401, 403, 404) or "Unzureichende Berechtigungen" in body or "Anmelden" in body
            assert "vertraulich" not in body and not body.startswith("GIF")


def test_personnel_office_sees_and_searches_the_personalakte(site):
    portal, beurteilung = site["portal"], site["beurteilung"]
    tree = page(portal, beurteilung.absolute_url(), "personal")
    assert len(tree.cssselect(".viewer-thumbnail")) == 2
    status, data = search(portal, beurteilung, "vertraulich", "personal")
    assert status == 200
    assert [r["page"] for r in data["results"]] == [2]


# -- plain Files converted by documentviewer ----------------------------------


def test_converted_file_gets_the_page_viewer(site):
    portal = site["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    datei = api.content.create(
        container=portal["intranet"],
        type="File",
        id="satzung.pdf",
        title="Satzung",
        file=pdf_file(PAGES, "satzung.pdf"),
    )
    Converter(datei)()
    assert Settings(datei).successfully_converted
    assert datei.getLayout() == "documentviewer"
    api.content.transition(obj=datei, to_state="internal")  # readers do not see drafts
    api.user.grant_roles(username="sachbearbeiter", obj=datei, roles=["Reader"])
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()

    tree = page(portal, f"{datei.absolute_url()}/view")  # a File's own URL downloads it
    assert len(tree.cssselect(".viewer-thumbnail")) == 3
    assert main_image(tree).get("src") == f"{dvpdffiles(portal, datei)}/normal/dump_1.gif"
    assert tree.cssselect(".viewer-previous")[0].get("href").endswith("/documentviewer?seite=1")
    assert tree.cssselect("a.dokument-download-link")[0].get("href") == f"{datei.absolute_url()}/@@download/file"
    status, data = search(portal, datei, "Tragwerk")
    assert status == 200 and [r["page"] for r in data["results"]] == [2]
