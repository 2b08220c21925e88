"""A scan is converted in the background; then a word printed only inside
the image is found by search."""

import pytest
import transaction
from collective.documentviewer.settings import Settings
from plone import api
from plone.app.testing import logout
from plone.namedfile.file import NamedBlobFile

from mittelangeln.policy.dokumente.queue import job_for
from mittelangeln.policy.dokumente.queue import process_queue
from mittelangeln.policy.dokumente.scanimport.generator import scanned_pdf
from mittelangeln.policy.testing.helpers import pdf_text


# Converts documents with tesseract: left out by `make test-quick`.
pytestmark = pytest.mark.ocr

PAGES = [
    ["Bauakte Dorfstrasse 12", "Baugenehmigung erteilt"],
    ["Seite zwei", "Statische Berechnung"],
    ["Seite drei", "Abnahmebescheinigung Schornsteinfeger"],
]


@pytest.fixture(scope="module")
def scan():
    return scanned_pdf(PAGES, seed=7)


def test_generated_scan_has_no_text_layer(scan, tmp_path):
    assert pdf_text(scan, tmp_path).strip() == ""


@pytest.fixture
def uploaded(vorgang, scan):
    return api.content.create(
        container=vorgang,
        type="Dokument",
        id="scan",
        title="Eingescannte Bauakte",
        kind="eingang",
        file=NamedBlobFile(scan, contentType="application/pdf", filename="scan.pdf"),
    )


@pytest.fixture
def scanned_dokument(portal, uploaded):
    """After the worker's round (savepoints instead of commits in tests)."""
    assert process_queue(portal, commit=transaction.savepoint) == 1
    return uploaded


def test_upload_only_queues_the_conversion(uploaded):
    assert job_for(uploaded)["state"] == "pending"
    assert not Settings(uploaded).successfully_converted
    assert len(api.content.find(SearchableText="Schornsteinfeger")) == 0


def test_scan_is_converted_with_ocr(scanned_dokument):
    assert job_for(scanned_dokument)["state"] == "done"
    settings = Settings(scanned_dokument)
    assert settings.successfully_converted is True
    assert settings.num_pages == 3
    with settings.blob_files["text/dump_3.txt"].open() as page_three:
        assert "Schornsteinfeger" in page_three.read().decode()
    assert scanned_dokument.getLayout() == "dokument-view"


def test_catalog_finds_word_only_in_the_image(scanned_dokument):
    found = api.content.find(SearchableText="Schornsteinfeger")
    assert [brain.getId for brain in found] == ["scan"]


def test_anonymous_search_does_not_find_it(portal, scanned_dokument):
    logout()
    assert len(api.content.find(SearchableText="Schornsteinfeger")) == 0


def test_broken_pdf_fails_with_reason_and_can_be_retried(portal, http_request, vorgang):
    broken = api.content.create(
        container=vorgang,
        type="Dokument",
        id="kaputt",
        title="Kaputt",
        kind="eingang",
        file=NamedBlobFile(b"%PDF-1.4 abgeschnitten", contentType="application/pdf", filename="kaputt.pdf"),
    )
    process_queue(portal, commit=transaction.savepoint)
    job = job_for(broken)
    assert job["state"] == "failed"
    assert job["reason"]
    from plone.protect.authenticator import createToken

    http_request.form["_authenticator"] = createToken()
    broken.restrictedTraverse("@@konvertierung-wiederholen")()
    assert job_for(broken)["state"] == "pending"


def test_edit_without_new_file_does_not_requeue(portal, scanned_dokument):
    from zope.lifecycleevent import Attributes
    from zope.lifecycleevent import modified

    from mittelangeln.policy.dokumente.content import IDokument

    modified(scanned_dokument, Attributes(IDokument, "kind"))
    assert job_for(scanned_dokument)["state"] == "done"
