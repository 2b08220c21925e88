"""Catalog indexer of the Dokument: its page text (with OCR) for the full-text search."""

from plone.indexer import indexer

from mittelangeln.policy.dokumente.content import IDokument
from mittelangeln.policy.dokumente.conversion import page_texts
from mittelangeln.policy.indexing import file_text
from mittelangeln.policy.indexing import joined


@indexer(IDokument)
def dokument_searchable_text(obj):
    # The converted page text includes OCR of scans; before conversion (or
    # for other formats) the text comes from portal_transforms.
    text = " ".join(page_texts(obj)) or file_text(obj)
    return joined(obj.title, obj.description, obj.correspondent, text)
