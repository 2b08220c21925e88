"""Requests to the functional layer's HTTP server as a user of content.py."""

import requests
from lxml import html

from mittelangeln.policy.testing.helpers import PASSWORD


def get(portal, view, username=None, **params):
    auth = (username, PASSWORD) if username else None
    return requests.get(f"{portal.absolute_url()}/{view}", params=params, auth=auth, timeout=60)


def page(portal, text, username="bauamt", **params):
    """(response, parsed page) of the search page for ``text``."""
    response = get(portal, "@@search", username, SearchableText=text, **params)
    return response, html.fromstring(response.text)


def result_urls(tree):
    return [link.get("href") for link in tree.cssselect("ol.mittelangeln-search-list h3 a")]


def snippets(tree):
    """{result URL: inner HTML of its snippet}."""
    found = {}
    for item in tree.cssselect("ol.mittelangeln-search-list > li"):
        snippet = item.cssselect(".mittelangeln-search-snippet")
        if snippet:
            inner = (snippet[0].text or "") + "".join(html.tostring(child, encoding="unicode") for child in snippet[0])
            found[item.cssselect("h3 a")[0].get("href")] = inner
    return found
