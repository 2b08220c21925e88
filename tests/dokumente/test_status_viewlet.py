"""The Dokument page shows the conversion status and offers a retry."""

import pytest
import transaction
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from plone.namedfile.file import NamedBlobFile

from mittelangeln.policy.dokumente.queue import process_queue
from mittelangeln.policy.testing.helpers import as_conversion_worker
from mittelangeln.policy.testing.helpers import browser_as
from mittelangeln.policy.textpdf import text_pdf


# Converts documents with tesseract: left out by `make test-quick`.
pytestmark = pytest.mark.ocr


def test_status_shown_and_retry_offered(functional_portal):
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    plan = api.content.create(container=portal, type="Aktenplan", id="aktenplan", title="Aktenplan")
    position = api.content.create(
        container=plan, type="AktenplanPosition", id="6", title="Bau", key="6", retention="10"
    )
    akte = api.content.create(
        container=position, type="Akte", id="akte", title="Akte", fachdienst="Fachdienst IV – Bauen und Umwelt"
    )
    good = api.content.create(
        container=akte,
        type="Dokument",
        id="gut",
        title="Gut",
        file=NamedBlobFile(text_pdf([["Lageplan"]]), contentType="application/pdf", filename="gut.pdf"),
    )
    broken = api.content.create(
        container=akte,
        type="Dokument",
        id="kaputt",
        title="Kaputt",
        file=NamedBlobFile(b"%PDF-1.4 abgeschnitten", contentType="application/pdf", filename="kaputt.pdf"),
    )
    transaction.commit()
    browser = browser_as(portal, SITE_OWNER_NAME, handle_errors=False)
    browser.open(good.absolute_url())
    assert "Konvertierung ausstehend" in browser.contents
    with as_conversion_worker():
        process_queue(portal, commit=transaction.commit)
    browser.open(good.absolute_url())
    assert "Konvertiert" in browser.contents
    browser.open(broken.absolute_url())
    assert "Konvertierung fehlgeschlagen" in browser.contents
    browser.getControl("Erneut versuchen").click()
    assert "Die Konvertierung ist wieder eingeplant." in browser.contents
    assert "Konvertierung ausstehend" in browser.contents
