"""Collections' query builder and plone.restapi's @querystring-search use
the German query text, and the live search speaks proper German."""

import requests

from mittelangeln.policy.testing.helpers import PASSWORD


def querystring_search(portal, text, username="bauamt"):
    body = {
        "query": [{"i": "SearchableText", "o": "plone.app.querystring.operation.string.contains", "v": text}],
        "sort_on": "getId",
    }
    response = requests.post(
        f"{portal.absolute_url()}/@querystring-search",
        json=body,
        headers={"Accept": "application/json"},
        auth=(username, PASSWORD),
        timeout=60,
    )
    assert response.status_code == 200, response.text
    return sorted(item["@id"].rsplit("/", 1)[-1] for item in response.json()["items"])


def test_querystring_search_finds_inflections_and_compounds(search_content):
    portal = search_content["portal"]
    # Plone's wildcard munging found "Bauantrag*" only: not "Bauanträge"
    assert querystring_search(portal, "Bauantrag") == ["exakt", "formular", "plural"]
    assert querystring_search(portal, "Soerup") == ["plural"]


def test_querystring_search_without_words_finds_nothing(search_content):
    """Plone's own munging gave the index "!!!*": a ParseError, a 500."""
    portal = search_content["portal"]
    assert querystring_search(portal, "!!!") == []


def test_querystring_search_keeps_permissions(search_content):
    portal = search_content["portal"]
    assert querystring_search(portal, "Abmahnung") == []
    assert querystring_search(portal, "Abmahnung", username="personal") == ["abmahnung"]


def test_live_search_summary_line_is_german(search_content):
    portal = search_content["portal"]
    response = requests.get(
        f"{portal.absolute_url()}/@@plonejsi18n", params={"domain": "widgets", "language": "de"}, timeout=60
    )
    catalog = response.json()
    assert (catalog["found"], catalog["results"]) == ("Gefunden:", "Treffer")
    assert catalog["no results found"] == "Nichts gefunden"  # Plone's other messages stay
