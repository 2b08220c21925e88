"""The same German query finds the same items in every search channel
(issue 19): the REST ``@search`` (the client's text straight to the index,
whose lexicon applies the pipeline), the search page ``@@search`` and the
live search ``@@ajax-search`` (fulltext.query), the homepage feed's
``suche`` (public documents) and the page viewer's search inside a document
(fulltext.matching on the page text). Real HTTP to the functional layer's server, as the
homepage, an API client and the viewer's script do."""

import pytest
import requests
import transaction
from lxml import html
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from plone.namedfile.file import NamedBlobFile

from mittelangeln.policy.dokumente.queue import process_queue
from mittelangeln.policy.testing.helpers import PASSWORD
from mittelangeln.policy.testing.helpers import as_conversion_worker
from mittelangeln.policy.testing.helpers import build_plan
from mittelangeln.policy.textpdf import text_pdf
from tests.homepage.public_content import public


# The Dokumente are converted by documentviewer: left out by `make test-quick`.
pytestmark = pytest.mark.ocr

BAU = "Fachdienst IV – Bauen und Umwelt"
USERNAME = "bauamt"
# One text per item, each both a Dokument (one PDF page) in an Akte and a
# public Bekanntmachung (its PDF), with real umlauts and ß.
TEXTS = {
    "antraege": "Drei Bauanträge aus dem Januar liegen vor.",
    "soerup": "Das Dorffest in Sörup findet im Juni statt.",
    "beleuchtung": "Die Straßenbeleuchtung am Kirchweg ist defekt.",
    "strasse": "Die Straße nach Satrup wird gesperrt.",
    "akte42": "Bezug: Aktenzeichen 632.1/0042 vom Mai.",
    "akte43": "Bezug: Aktenzeichen 632.1/0043 vom Mai.",
    "fremd": "Protokoll der Sitzung des Amtsausschusses.",
}
QUERIES = [
    ("Bauantrag", {"antraege"}),  # inflection
    ("Soerup", {"soerup"}),  # umlaut spelled out
    ("Beleuchtung", {"beleuchtung"}),  # a part of a compound
    ("Strasse", {"strasse", "beleuchtung"}),  # ß written ss, alone and in a compound
    ("632.1/0042", {"akte42"}),  # an Aktenzeichen: exact, not its neighbour
    ("Bauamt", set()),
]


def pdf(text):
    return NamedBlobFile(text_pdf([[text]], umlauts=True), contentType="application/pdf", filename="schreiben.pdf")


@pytest.fixture
def channels(functional_portal):
    """The Dokumente (converted) and the published Bekanntmachungen, committed."""
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    plan = build_plan(portal)
    akte = api.content.create(container=plan["genehmigungen"], type="Akte", title="Schriftverkehr", fachdienst=BAU)
    vorgang = api.content.create(container=akte, type="Vorgang", title="Eingänge")
    area = portal["oeffentlich"]["dokumente"]
    dokumente = {}
    for number, (name, text) in enumerate(TEXTS.items(), 1):
        dokumente[name] = api.content.create(
            container=vorgang, type="Dokument", id=name, title=f"Schreiben {number}", kind="eingang", file=pdf(text)
        )
        public(
            area, "Bekanntmachung", name, title=f"Bekanntmachung {number}", gemeinde="Amt Mittelangeln", file=pdf(text)
        )
    api.user.create(email=f"{USERNAME}@example.org", username=USERNAME, password=PASSWORD)
    api.group.add_user(groupname="fachdienst-iv-bauen-und-umwelt", username=USERNAME)
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    with as_conversion_worker():
        assert process_queue(portal, commit=transaction.commit) == len(TEXTS)
    return {"portal": portal, "dokumente": dokumente}


def get(url, username=None, accept="application/json", **params):
    response = requests.get(
        url,
        params=params,
        auth=(username, PASSWORD) if username else None,
        headers={"Accept": accept},
        timeout=60,
    )
    assert response.status_code == 200, (url, params, response.text[:500])
    return response.json() if accept == "application/json" else response.text


def last_segment(url):
    return url.rstrip("/").rsplit("/", 1)[1]


def rest_search(portal, text, portal_type, username=None):
    body = get(f"{portal.absolute_url()}/@search", username, SearchableText=text, portal_type=portal_type, b_size=100)
    return {last_segment(item["@id"]) for item in body["items"]}


def search_page(portal, text, portal_type, username):
    body = get(f"{portal.absolute_url()}/@@search", username, "text/html", SearchableText=text, portal_type=portal_type)
    links = html.fromstring(body).cssselect("ol.mittelangeln-search-list h3 a")
    return {last_segment(link.get("href").removesuffix("/view")) for link in links}


def live_search(portal, text, portal_type, username):
    body = get(f"{portal.absolute_url()}/@@ajax-search", username, SearchableText=text, portal_type=portal_type)
    return {last_segment(item["url"]) for item in body["items"]}


def feed_search(portal, text):
    body = get(f"{portal.absolute_url()}/@oeffentliche-dokumente", suche=text, b_size=100)
    return {last_segment(item["seite"]) for item in body["items"]}


def page_viewer_search(dokumente, text):
    """The Dokumente in whose pages the viewer's search finds ``text``."""
    found = set()
    for name, dokument in dokumente.items():
        body = get(f"{dokument.absolute_url()}/@@seiten-suche", USERNAME, q=text)
        assert body["error"] is None, body
        if body["results"]:
            found.add(name)
    return found


def test_every_channel_finds_the_same(channels):
    portal, dokumente = channels["portal"], channels["dokumente"]
    differences = []
    for text, expected in QUERIES:
        found = {
            "REST @search (Dokumente, staff)": rest_search(portal, text, "Dokument", USERNAME),
            "REST @search (public, anonymous)": rest_search(portal, text, "Bekanntmachung"),
            "search page": search_page(portal, text, "Dokument", USERNAME),
            "live search": live_search(portal, text, "Dokument", USERNAME),
            "homepage feed suche": feed_search(portal, text),
            "page viewer search": page_viewer_search(dokumente, text),
        }
        differences += [(text, channel, items) for channel, items in found.items() if items != expected]
    assert differences == []


def test_page_viewer_marks_the_word_the_catalog_matched(channels):
    dokumente = channels["dokumente"]
    for text, name, word in [
        ("Bauantrag", "antraege", "Bauanträge"),
        ("Soerup", "soerup", "Sörup"),
        ("Beleuchtung", "beleuchtung", "Straßenbeleuchtung"),
        ("Strasse", "strasse", "Straße"),
        ("632.1/0042", "akte42", "632.1/0042"),
    ]:
        body = get(f"{dokumente[name].absolute_url()}/@@seiten-suche", USERNAME, q=text)
        (result,) = body["results"]
        offset, length = result["mark"]
        assert (result["page"], result["snippet"][offset : offset + length]) == (1, word), text
