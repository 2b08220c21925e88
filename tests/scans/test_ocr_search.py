"""A word printed only inside a scanned image is found by search."""

import subprocess

from collective.documentviewer.settings import Settings
from plone import api
from plone.app.testing import logout
from plone.namedfile.file import NamedBlobFile

import pytest

from mittelangeln.policy.scans.generator import scanned_pdf

PAGES = [
    ["Bauakte Dorfstrasse 12", "Baugenehmigung erteilt"],
    ["Seite zwei", "Statische Berechnung"],
    ["Seite drei", "Abnahmebescheinigung Schornsteinfeger"],
]


@pytest.fixture(scope="module")
def scan():
    return scanned_pdf(PAGES, seed=7)


def test_generated_scan_has_no_text_layer(scan, tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert text.strip() == ""


@pytest.fixture
def scanned_dokument(vorgang, scan):
    return api.content.create(
        container=vorgang,
        type="Dokument",
        id="scan",
        title="Eingescannte Bauakte",
        kind="eingang",
        file=NamedBlobFile(scan, contentType="application/pdf", filename="scan.pdf"),
    )


def test_scan_is_converted_with_ocr(scanned_dokument):
    settings = Settings(scanned_dokument)
    assert settings.successfully_converted is True
    assert settings.num_pages == 3
    with settings.blob_files["text/dump_3.txt"].open() as page_three:
        assert "Schornsteinfeger" in page_three.read().decode()
    assert scanned_dokument.getLayout() == "view"


def test_catalog_finds_word_only_in_the_image(scanned_dokument):
    found = api.content.find(SearchableText="Schornsteinfeger")
    assert [brain.getId for brain in found] == ["scan"]


def test_anonymous_search_does_not_find_it(portal, scanned_dokument):
    logout()
    assert len(api.content.find(SearchableText="Schornsteinfeger")) == 0
