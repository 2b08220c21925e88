"""A PDF uploaded as a File is converted by collective.documentviewer."""

import pytest
from collective.documentviewer.interfaces import ILayer as IDocumentViewerLayer
from collective.documentviewer.settings import Settings
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from plone.namedfile.file import NamedBlobFile
from zope.interface import alsoProvides


# Converts documents with tesseract: left out by `make test-quick`.
pytestmark = pytest.mark.ocr


@pytest.fixture
def uploaded_pdf(portal, http_request, two_page_pdf):
    alsoProvides(http_request, IDocumentViewerLayer)
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return api.content.create(
        container=portal["intranet"],
        type="File",
        id="bauantrag.pdf",
        title="Bauantrag Dorfstraße 12",
        file=NamedBlobFile(two_page_pdf, contentType="application/pdf", filename="bauantrag.pdf"),
    )


def test_conversion_succeeds(uploaded_pdf):
    settings = Settings(uploaded_pdf)
    assert settings.successfully_converted is True
    assert settings.num_pages == 2
    assert uploaded_pdf.getLayout() == "documentviewer"


@pytest.mark.parametrize("size", ["large", "normal", "small"])
def test_page_images_and_thumbnails_exist(uploaded_pdf, size):
    files = Settings(uploaded_pdf).blob_files
    for page in (1, 2):
        with files[f"{size}/dump_{page}.gif"].open() as image:
            assert image.read(6) in (b"GIF87a", b"GIF89a")


def test_page_text_extracted(uploaded_pdf):
    files = Settings(uploaded_pdf).blob_files
    with files["text/dump_1.txt"].open() as text:
        assert "Bauantrag Dorfstrasse 12" in text.read().decode("utf-8")
