"""Dokumente holding PDFs are converted by collective.documentviewer: page
images, thumbnails and per-page text, with German OCR for image-only scans
(text PDFs skip OCR). The text feeds the Dokument's SearchableText.

Saving only queues the conversion (scans/queue.py); the portal's worker
thread (scans/worker.py) does it.
"""

from collective.documentviewer.interfaces import IFileWrapper
from collective.documentviewer.settings import Settings
from plone.app.workflow.interfaces import ILocalrolesModifiedEvent
from zope.lifecycleevent.interfaces import IObjectAddedEvent

from mittelangeln.policy.dokumente.queue import enqueue


PDF = "application/pdf"
TEXT_PREFIX = "text/"


def is_pdf(dokument):
    return IFileWrapper(dokument).file_type == PDF


def queue_pdf_conversion(dokument, event):
    """On add, and on edit when the file changed."""
    if dokument.file is None or not is_pdf(dokument):
        return
    if IObjectAddedEvent.providedBy(event) or _file_changed(event):
        enqueue(dokument)


def _file_changed(event):
    if ILocalrolesModifiedEvent.providedBy(event):
        return False  # shared on the sharing tab: the file is the same
    descriptions = getattr(event, "descriptions", None) or ()
    changed = [name for d in descriptions for name in getattr(d, "attributes", ())]
    return not descriptions or any(name.endswith("file") for name in changed)


def keep_dokument_view(dokument, event):
    """documentviewer switches the converted object to its own layout, whose
    viewer does not run on Plone 6 Classic UI; the Dokument keeps its view.
    The queue indexes the new page text (scans/queue.py)."""
    if "layout" in dokument.__dict__:
        del dokument.layout


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
