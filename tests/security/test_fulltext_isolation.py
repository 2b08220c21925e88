"""Volunteers and the kindergarten find nothing of an Akte by full text,
not even a word that only the OCR of a scanned Dokument knows."""

import pytest
from plone import api
from plone.app.testing import login
from plone.app.testing import logout

from tests.security.matrix_content import object_id
from tests.security.matrix_content import user_of
from tests.security.matrix_table import KINDS
from tests.security.test_permission_matrix import get


SCAN = next(kind for kind in KINDS if kind.key == "akte_dokument")
OCR_WORD = SCAN.search_word
AKTE_WORDS = [kind.search_word for kind in KINDS if kind.key in ("akte", "bauakte")]


def search_everywhere(portal, principal, word):
    """What the principal finds for ``word``: catalog, REST @search, the
    search page and the search feed (URLs under the Aktenplan)."""
    found = []
    login(portal, user_of(principal))
    try:
        found += [brain.getURL() for brain in api.portal.get_tool("portal_catalog")(SearchableText=word)]
    finally:
        logout()
    base = portal.absolute_url()
    status, body = get(portal, f"{base}/@search?SearchableText={word}", principal, accept="application/json")
    assert status == 200
    found += [url for url in body.decode().split('"') if url.startswith(f"{base}/aktenplan/")]
    for view in ("@@search", "@@search_rss"):
        status, body = get(portal, f"{base}/{view}?SearchableText={word}", principal)
        assert status == 200
        found += [part for part in body.decode().split('"') if part.startswith(f"{base}/aktenplan/")]
    return found


def test_the_word_is_only_in_the_ocr_text(matrix):
    portal = matrix["portal"]
    brain = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(getId=object_id(SCAN))[0]
    scan = brain._unrestrictedGetObject()
    assert OCR_WORD not in scan.Title() + scan.Description()
    assert scan.file.data.find(OCR_WORD.encode()) == -1  # image-only PDF
    # A Fachdienst user finds it, so the word is in the index.
    assert any(url == scan.absolute_url() for url in search_everywhere(portal, "fd4", OCR_WORD))


@pytest.mark.parametrize("principal", ["ehrenamt", "kita"])
@pytest.mark.parametrize("word", [OCR_WORD, *AKTE_WORDS])
def test_volunteer_and_kindergarten_find_nothing_of_an_akte(matrix, principal, word):
    assert search_everywhere(matrix["portal"], principal, word) == []
