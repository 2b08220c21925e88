"""Every principal × every content kind × every channel: allowed exactly
where matrix_table says so (the probe count is printed in the summary)."""

import gzip
import json
import re

import pytest
from plone import api
from plone.app.testing import login
from plone.app.testing import logout

from mittelangeln.policy.testing.helpers import fetch_bytes
from tests.security.conftest import PROBES
from tests.security.matrix_content import matrix_object
from tests.security.matrix_content import user_of
from tests.security.matrix_table import KINDS
from tests.security.matrix_table import PRINCIPALS


# Converts documents with tesseract: left out by `make test-quick`.
pytestmark = pytest.mark.ocr

DENIED_STATUSES = {401, 403, 404}


def get(portal, url, principal, accept=None):
    """(status, body bytes) of a GET as the principal's user."""
    return fetch_bytes(portal, url, user_of(principal), accept)[:2]


def shown(status, body, *markers):
    """Allowed: 200 and the item's marker in the body. Denied: an error
    status, or a page (login form, empty result) without the marker."""
    if status in DENIED_STATUSES or status >= 300:
        return False
    assert status == 200, status
    return any(marker.encode() in body for marker in markers)


class Probe:
    def __init__(self, portal, kind, principal):
        self.portal = portal
        self.kind = kind
        self.principal = principal
        self.obj = matrix_object(kind)
        self.url = self.obj.absolute_url()
        self.uid = api.content.get_uuid(self.obj)
        self.word = kind.search_word

    def get(self, url, accept=None):
        return get(self.portal, url, self.principal, accept)

    def html(self):
        status, body = self.get(self.url + ("/view" if self.obj.portal_type == "File" else ""))
        return shown(status, body, self.obj.Title())

    def rest_get(self):
        status, body = self.get(self.url, accept="application/json")
        return shown(status, body, f'"UID": "{self.uid}"')

    def catalog(self):
        if self.principal == "anonym":
            logout()
        else:
            login(self.portal, user_of(self.principal))
        try:
            return len(api.portal.get_tool("portal_catalog")(UID=self.uid)) == 1
        finally:
            logout()

    def rest_search(self):
        status, body = self.get(
            f"{self.portal.absolute_url()}/@search?SearchableText={self.word}", accept="application/json"
        )
        return status == 200 and self.url in [item["@id"] for item in json.loads(body)["items"]]

    def search_page(self):
        status, body = self.get(f"{self.portal.absolute_url()}/@@search?SearchableText={self.word}")
        return shown(status, body, f'href="{self.url}"', f'href="{self.url}/view"')

    def feed(self):
        status, body = self.get(f"{self.obj.aq_parent.absolute_url()}/RSS")
        return shown(status, body, f"<link>{self.url}", f'rdf:about="{self.url}')

    def sitemap(self):
        """The sitemap index names its pages; the item is on one of them."""
        status, body = self.get(f"{self.portal.absolute_url()}/sitemap.xml.gz")
        assert status == 200
        pages = re.findall(rb"<loc>([^<]+)</loc>", gzip.decompress(body))
        for page in pages:
            status, body = self.get(page.decode().replace("&amp;", "&"))
            entries = gzip.decompress(body) if status == 200 else b""
            # Files are listed with their view (types_use_view_action_in_listings).
            if f"<loc>{self.url}</loc>".encode() in entries or f"<loc>{self.url}/view</loc>".encode() in entries:
                return True
        return False

    def listing(self):
        status, body = self.get(self.obj.aq_parent.absolute_url())
        return shown(status, body, f'href="{self.url}"', f'href="{self.url}/view"')

    def download(self):
        status, body = self.get(f"{self.url}/@@download/file")
        return status == 200 and body.startswith(b"%PDF")

    def _page_file(self, path):
        return self.get(f"{self.portal.absolute_url()}/@@dvpdffiles/{self.uid[0]}/{self.uid[1]}/{self.uid}/{path}")

    def page_image(self):
        status, body = self._page_file("large/dump_1.gif")
        return status == 200 and body.startswith(b"GIF")

    def page_thumbnail(self):
        status, body = self._page_file("small/dump_1.gif")
        return status == 200 and body.startswith(b"GIF")

    def page_text(self):
        status, body = self._page_file("text/dump_1.txt")
        return shown(status, body, self.word)

    def viewer_search(self):
        status, body = self.get(f"{self.url}/@@seiten-suche?q={self.word}", accept="application/json")
        return status == 200 and body.startswith(b"{") and json.loads(body).get("results") != []

    def modify(self):
        """The edit form opens with its save button (opening it changes nothing)."""
        status, body = self.get(f"{self.url}/@@edit")
        return shown(status, body, 'name="form.buttons.save"')

    def add_dokument(self):
        status, body = self.get(f"{self.url}/++add++Dokument")
        return shown(status, body, 'name="form.buttons.save"')


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.key)
@pytest.mark.parametrize("principal", PRINCIPALS)
def test_matrix(matrix, principal, kind):
    probe = Probe(matrix["portal"], kind, principal)
    wrong = []
    for channel in kind.channels():
        expected = kind.expected(principal, channel)
        actual = getattr(probe, channel)()
        PROBES.append((principal, kind.key, channel, expected, actual))
        if actual != expected:
            wrong.append(f"{channel}: {'allowed' if actual else 'denied'}, expected {'allow' if expected else 'deny'}")
    assert wrong == []
