"""Catalog indexers of the public documents: the feed's filters, links and stable sort keys."""

from plone.indexer import indexer
from plone.uuid.interfaces import IUUID
from Products.CMFPlone.CatalogTool import sortable_title

from mittelangeln.policy.homepage.content import IOeffentlichesFormular
from mittelangeln.policy.homepage.content import IPublicDocument
from mittelangeln.policy.homepage.content import ISatzung
from mittelangeln.policy.indexing import file_text
from mittelangeln.policy.indexing import joined


@indexer(IPublicDocument)
def public_gemeinde(obj):
    return obj.gemeinde


@indexer(ISatzung)
def satzung_valid_from(obj):
    return obj.valid_from.isoformat() if obj.valid_from else None


@indexer(ISatzung)
def satzung_version(obj):
    return obj.version


@indexer(IOeffentlichesFormular)
def formular_link(obj):
    return obj.link


@indexer(IPublicDocument)
def public_file(obj):
    """Name, size and type of the file, for download links in the feed."""
    blob = obj.file
    if blob is None:
        return None
    return {"filename": blob.filename, "size": blob.size, "content_type": blob.contentType}


@indexer(IPublicDocument)
def public_date_key(obj):
    """The feed's sort by date: publication date to the second, then the
    UID, so items published in the same minute keep one order and pages
    never overlap or skip."""
    return f"{obj.effective().toZone('UTC').ISO8601()}|{IUUID(obj)}"


@indexer(IPublicDocument)
def public_title_key(obj):
    """The feed's sort by title: Plone's sortable title, then the UID."""
    return f"{sortable_title(obj)()}|{IUUID(obj)}"


@indexer(IPublicDocument)
def public_document_searchable_text(obj):
    """Title, description, text, Gemeinde, version and the file's text."""
    text = getattr(obj, "text", None)
    body = text.output if text is not None else ""
    return joined(obj.title, obj.description, obj.gemeinde, getattr(obj, "version", None), body, file_text(obj))
