"""GET @oeffentliche-dokumente: exactly the published, current public
documents, whatever the filters or search terms; a stable JSON shape;
German errors; ETag/304 and CORS."""

import json

import pytest
import requests
import transaction
from DateTime import DateTime
from plone import api
from plone.app.testing import SITE_OWNER_NAME

from mittelangeln.policy.homepage.feed.query import MAX_START
from mittelangeln.policy.homepage.feed.query import PARAMETERS
from mittelangeln.policy.testing.helpers import browser_as
from tests.homepage.public_content import SECRET
from tests.homepage.public_content import as_manager
from tests.homepage.public_content import get
from tests.homepage.public_content import ids
from tests.homepage.public_content import pdf
from tests.homepage.public_content import public


PUBLIC = {"bebauungsplan", "hundesteuer", "wohngeld", "sommerfest"}


def test_anonymous_gets_exactly_the_current_public_documents(documents):
    status, body, headers = get(documents["portal"])
    assert status == 200
    assert ids(body) == PUBLIC and body["items_total"] == 4
    assert SECRET not in json.dumps(body)


@pytest.mark.parametrize(
    "query",
    [
        {"suche": SECRET},
        {"suche": "Entwurf"},
        {"suche": "Abgelaufen"},
        {"suche": "Schaukel"},
        {"art": "Bekanntmachung"},
        {"art": "Bekanntmachung", "von": "2000-01-01", "bis": "2100-01-01"},
        {"gemeinde": "Gemeinde Sörup", "b_size": "100"},
        {"fachdienst": "Fachdienst IV – Bauen und Umwelt", "sortierung": "titel"},
        {"suche": "*"},
    ],
)
def test_nothing_else_appears_whatever_the_filters(documents, query):
    status, body, _ = get(documents["portal"], query)
    assert status == 200
    assert ids(body) <= PUBLIC
    assert SECRET not in json.dumps(body["items"])  # (the @id repeats the query)


def test_signed_in_staff_get_the_same_public_answer(documents):
    _, as_admin, _ = get(documents["portal"], username=SITE_OWNER_NAME)
    _, as_anonymous, _ = get(documents["portal"])
    assert as_admin == as_anonymous


def test_filters(documents):
    portal = documents["portal"]
    assert ids(get(portal, {"art": "Satzung"})[1]) == {"hundesteuer"}
    assert ids(get(portal, {"gemeinde": "Gemeinde Havetoft"})[1]) == {"hundesteuer"}
    assert ids(get(portal, {"fachdienst": "Fachdienst III – Ordnung und Soziales"})[1]) == {"hundesteuer", "wohngeld"}
    assert ids(get(portal, {"von": "2025-12-01", "bis": "2026-01-31"})[1]) == {"hundesteuer"}
    assert ids(get(portal, {"suche": "Auslegung"})[1]) == {"bebauungsplan"}
    assert ids(get(portal, {"suche": "Steuersatz"})[1]) == {"hundesteuer"}  # text of the PDF
    titles = [item["titel"] for item in get(portal, {"sortierung": "titel"})[1]["items"]]
    assert titles == sorted(titles)


def test_search_applies_the_german_rules_of_every_search_channel(documents):
    """suche goes through the same query as the search page (fulltext.query):
    inflections, umlaut spellings and compound parts are found; a word is no
    longer a word beginning unless it ends in *."""
    portal = documents["portal"]
    area = portal["oeffentlich"]["dokumente"]

    def add():
        public(
            area,
            "Bekanntmachung",
            "bauantraege",
            title="Eingegangene Bauanträge",
            gemeinde="Gemeinde Havetoft",
            file=pdf("Liste der Bauantraege im Januar"),
        )
        public(area, "Pressemitteilung", "dorffest", title="Dorffest in Sörup", gemeinde="Amt Mittelangeln")

    as_manager(portal, add)
    soerup = {"dorffest", "bebauungsplan", "wohngeld"}  # the title, or the Gemeinde Sörup (see conftest)
    cases = [
        ("Bauantrag", {"bauantraege"}),
        ("bauanträgen", {"bauantraege"}),
        ("Antrag", {"bauantraege", "wohngeld"}),  # a part of the compound, and the word
        ("Soerup", soerup),
        ("Sörup", soerup),
        ("SOERUP Dorffest", {"dorffest"}),  # every word must occur
        ("Feste", {"dorffest", "sommerfest"}),  # a compound's head, inflected
        ("Wohng", set()),
        ("Wohng*", {"wohngeld"}),
        ("Bebauungspläne", {"bebauungsplan"}),
    ]
    for text, expected in cases:
        status, body, _ = get(portal, {"suche": text})
        assert status == 200, text
        assert ids(body) == expected, text


@pytest.mark.parametrize("sort", ["-datum", "datum", "titel", "-titel"])
def test_pages_neither_overlap_nor_skip_when_dates_and_titles_are_equal(documents, sort):
    """A Redaktion publishing several items at once gives them the same
    minute (the catalog's date resolution) and often the same title."""
    portal = documents["portal"]
    same = DateTime("2026-11-02 09:00:00")

    def publish_five():
        for number in range(5):
            public(
                portal["oeffentlich"]["dokumente"],
                "Pressemitteilung",
                f"gleich-{number}",
                title="Amtsblatt",
                effective=same,
            )

    as_manager(portal, publish_five)
    _, everything, _ = get(portal, {"sortierung": sort})
    pages = [get(portal, {"sortierung": sort, "b_size": "2", "b_start": str(start)})[1] for start in range(0, 9, 2)]
    paged = [item["uid"] for page in pages for item in page["items"]]
    assert len(paged) == everything["items_total"] == 9
    assert paged == [item["uid"] for item in everything["items"]]


def test_json_shape_and_batching(documents):
    portal = documents["portal"]
    status, body, _ = get(portal, {"art": "Satzung"})
    item = body["items"][0]
    assert set(item) == {
        "@id",
        "uid",
        "art",
        "art_titel",
        "titel",
        "beschreibung",
        "gemeinde",
        "fachdienst",
        "veroeffentlicht",
        "ablauf",
        "geaendert",
        "gueltig_ab",
        "fassung",
        "link",
        "seite",
        "download",
    }
    assert item["gueltig_ab"] == "2026-01-01" and item["fassung"] == "2. Nachtrag"
    assert item["download"]["dateiname"] == "dokument.pdf" and item["download"]["typ"] == "application/pdf"
    for internal in ("Creator", "creators", "review_state", "review_history", "local_roles"):
        assert internal not in json.dumps(body)
    status, page, _ = get(portal, {"b_size": "2"})
    assert len(page["items"]) == 2 and page["items_total"] == 4
    assert "next" in page["batching"] and "prev" not in page["batching"]
    _, everything, _ = get(portal)
    pages = [get(portal, {"b_size": "1", "b_start": str(start)})[1] for start in range(4)]
    assert [p["items"][0]["uid"] for p in pages] == [i["uid"] for i in everything["items"]]
    assert all(p["items_total"] == 4 and len(p["items"]) == 1 for p in pages)
    assert "prev" in pages[2]["batching"] and "next" in pages[2]["batching"] and "next" not in pages[3]["batching"]
    status, single, _ = get(portal, path=f"/{item['uid']}")
    assert status == 200 and single["titel"] == "Hundesteuersatzung" and "text" in single


def test_unpublished_single_items_are_not_found(documents):
    for key in ("entwurf", "abgelaufen", "zurueckgezogen", "dokument", "meldung"):
        status, body, _ = get(documents["portal"], path=f"/{api.content.get_uuid(documents[key])}")
        assert status == 404, key
        assert body["error"]["type"] == "NotFound" and SECRET not in json.dumps(body)


@pytest.mark.parametrize(
    "query, parameter, german",
    [
        ({"art": "Akte"}, "art", "Unbekannter Wert „Akte“ für „art“"),
        ({"gemeinde": "Flensburg"}, "gemeinde", "Unbekannter Wert"),
        ({"von": "31.12.2026"}, "von", "„31.12.2026“ ist kein Datum"),
        ({"von": ""}, "von", "„“ ist kein Datum"),
        ({"bis": "20260101"}, "bis", "ist kein Datum"),
        ({"art": ""}, "art", "Unbekannter Wert „“ für „art“"),
        ({"b_start": ""}, "b_start", "ganze Zahl"),
        ({"b_start": "1000001"}, "b_start", "ganze Zahl von 0 bis 1000000"),
        ({"sortierung": " titel"}, "sortierung", "Unbekannter Wert"),
        ({"b_size": "100000"}, "b_size", "ganze Zahl von 1 bis 100"),
        ({"b_start": "-1"}, "b_start", "ganze Zahl"),
        ({"sortierung": "Creator"}, "sortierung", "Unbekannter Wert"),
        ({"suche": "x" * 201}, "suche", "zu lang"),
        ({"art": ["Satzung", "Bekanntmachung"]}, "art", "nur einmal"),
        ({"portal_type": "Akte"}, "portal_type", "Unbekannter Parameter „portal_type“"),
    ],
)
def test_bad_input_gets_a_german_400(documents, query, parameter, german):
    status, body, headers = get(documents["portal"], query)
    assert status == 400
    assert body["error"]["type"] == "BadRequest" and body["error"]["parameter"] == parameter
    assert german in body["error"]["message"]


def test_von_after_bis_is_an_empty_range(documents):
    status, body, _ = get(documents["portal"], {"von": "2026-02-01", "bis": "2026-01-01"})
    assert status == 200 and body["items_total"] == 0


def test_search_syntax_is_text_not_a_500(documents):
    for text in ('"', "AND", "(", "NOT OR", "*?", "Bebauungsplan AND ("):
        status, body, _ = get(documents["portal"], {"suche": text})
        assert status == 200, text


def test_unknown_address_is_404(documents):
    status, body, _ = get(documents["portal"], path="/a/b")
    assert status == 404 and body["error"]["message"] == "Unbekannte Adresse."


def test_cors_only_for_configured_homepages(documents):
    portal = documents["portal"]
    api.portal.set_registry_record("mittelangeln.homepage_origins", ["https://www.amt-mittelangeln.de"])
    transaction.commit()
    _, _, headers = get(portal, headers={"Origin": "https://www.amt-mittelangeln.de"})
    assert headers["Access-Control-Allow-Origin"] == "https://www.amt-mittelangeln.de"
    _, _, headers = get(portal, headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in headers


def test_openapi_description_is_served_and_matches(documents):
    portal = documents["portal"]
    browser = browser_as(portal)
    browser.open(f"{portal.absolute_url()}/oeffentliche-dokumente-openapi.json")
    spec = json.loads(browser.contents)
    assert spec["servers"][0]["url"] == portal.absolute_url()
    listing = {p["name"]: p for p in spec["paths"]["/@oeffentliche-dokumente"]["get"]["parameters"]}
    assert {name for name, p in listing.items() if p["in"] == "query"} == PARAMETERS
    # The values the endpoint accepts, as set up in this portal.
    assert listing["gemeinde"]["schema"]["enum"] == api.portal.get_registry_record("mittelangeln.gemeinden")
    assert listing["b_start"]["schema"]["maximum"] == MAX_START
    _, body, _ = get(portal)
    assert set(spec["components"]["schemas"]["Eintrag"]["properties"]) == set(body["items"][0])


@pytest.mark.parametrize("accept", [None, "text/html,application/xhtml+xml,*/*;q=0.8", "*/*"])
def test_any_client_gets_json(documents, accept):
    """A browser or plain curl gets the same JSON as the homepage."""
    portal = documents["portal"]
    uid = api.content.get_uuid(documents["satzung"])
    for path, key in (("", "items"), (f"/{uid}", "titel")):
        response = requests.get(
            f"{portal.absolute_url()}/@oeffentliche-dokumente{path}",
            headers={"Accept": accept} if accept else {},
            timeout=30,
        )
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith("application/json")
        assert key in response.json()


@pytest.mark.parametrize(
    "method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "MKCOL", "LOCK", "QUERY", "BREW"]
)
@pytest.mark.parametrize("accept", [None, "application/json"])
def test_other_methods_are_not_allowed(documents, method, accept):
    portal = documents["portal"]
    uid = api.content.get_uuid(documents["satzung"])
    for path in ("", f"/{uid}"):
        response = requests.request(
            method,
            f"{portal.absolute_url()}/@oeffentliche-dokumente{path}",
            headers={"Accept": accept} if accept else {},
            timeout=30,
        )
        assert response.status_code == 405, (method, path, response.text[:200])
        assert response.headers["Allow"] == "GET, HEAD"
        assert response.json()["error"]["message"] == "Die öffentlichen Dokumente können nur gelesen werden (GET)."
    assert api.content.get_state(documents["satzung"]) == "published"


def test_head_answers_like_get(documents):
    url = f"{documents['portal'].absolute_url()}/@oeffentliche-dokumente"
    for accept in ("application/json", "*/*"):
        head = requests.head(url, headers={"Accept": accept}, timeout=30)
        assert head.status_code == 200 and not head.content
        assert head.headers["ETag"] == requests.get(url, timeout=30).headers["ETag"]
