"""documentviewer's page images and page text obey the Dokument's permissions."""

import pytest
import transaction
from plone import api
from plone.namedfile.file import NamedBlobFile

from mittelangeln.policy.dokumente.queue import process_queue
from mittelangeln.policy.testing.helpers import as_conversion_worker
from mittelangeln.policy.testing.helpers import fetch
from mittelangeln.policy.textpdf import text_pdf


# Converts documents with tesseract: left out by `make test-quick`.
pytestmark = pytest.mark.ocr

PATHS = ["large/dump_1.gif", "small/dump_1.gif", "text/dump_1.txt", "pdf/dump.pdf"]


@pytest.fixture
def converted(staff_plan, personalakte):
    portal = staff_plan["portal"]
    dokument = api.content.create(
        container=personalakte,
        type="Dokument",
        id="zeugnis",
        title="Arbeitszeugnis",
        file=NamedBlobFile(
            text_pdf([["Arbeitszeugnis Thomas Jensen vertraulich"]]),
            contentType="application/pdf",
            filename="zeugnis.pdf",
        ),
    )
    staff_plan["done"]()
    with as_conversion_worker():
        assert process_queue(portal, commit=transaction.commit) == 1
    uid = api.content.get_uuid(dokument)
    base = f"{portal.absolute_url()}/@@dvpdffiles/{uid[0]}/{uid[1]}/{uid}"
    return {"portal": portal, "base": base}


def get(converted, path, username):
    status, body, _type = fetch(converted["portal"], f"{converted['base']}/{path}", username)
    return status, body


@pytest.mark.parametrize("path", PATHS)
def test_personnel_office_gets_pages_and_text(converted, path):
    status, body = get(converted, path, "personal")
    assert status == 200
    if path.endswith(".txt"):
        assert "vertraulich" in body
    elif path.endswith(".pdf"):
        assert body[:5] == "%PDF-"
    else:
        assert body[:3] == "GIF"


@pytest.mark.parametrize("username", ["sachbearbeiter", None])
@pytest.mark.parametrize("path", PATHS)
def test_others_get_neither_pages_nor_text(converted, username, path):
    status, body = get(converted, path, username)
    assert status in (401, 403, 404) or "Unzureichende Berechtigungen" in body or "Anmelden" in body
    assert "vertraulich" not in body
    assert body[:3] != "GIF"
