"""Dokumente holding PDFs are converted by collective.documentviewer: page
images, thumbnails and per-page text, with German OCR for image-only scans
(text PDFs skip OCR). The text feeds the Dokument's SearchableText.

For now the conversion runs inside the saving request, as documentviewer
does without collective.celery.
"""

from collective.documentviewer.async_utils import queueJob
from collective.documentviewer.interfaces import IFileWrapper
from collective.documentviewer.settings import Settings

PDF = "application/pdf"
TEXT_PREFIX = "text/"


def is_pdf(dokument):
    return IFileWrapper(dokument).file_type == PDF


def convert_pdf(dokument, event):
    """On add and on edit (documentviewer itself skips an unchanged file)."""
    if dokument.file is not None and is_pdf(dokument):
        queueJob(dokument)


def keep_dokument_view(dokument, event):
    """documentviewer switches the converted object to its own layout, whose
    viewer does not run on Plone 6 Classic UI; the Dokument keeps its view.
    The new page text is indexed."""
    if "layout" in dokument.__dict__:
        del dokument.layout
    dokument.reindexObject(idxs=["SearchableText"])


def page_texts(dokument):
    """Per-page text of a converted Dokument (pdftotext or OCR), in page order."""
    settings = Settings(dokument)
    if not settings.successfully_converted or not settings.blob_files:
        return []
    names = sorted(
        (name for name in settings.blob_files.keys() if name.startswith(TEXT_PREFIX)),
        key=lambda name: int("".join(c for c in name if c.isdigit()) or 0),
    )
    texts = []
    for name in names:
        with settings.blob_files[name].open() as blob:
            texts.append(blob.read().decode("utf-8", "replace"))
    return texts
