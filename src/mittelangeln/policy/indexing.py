"""Helpers shared by the features' catalog indexers."""

import logging

from plone import api


logger = logging.getLogger(__name__)


def joined(*values):
    return " ".join(str(v) for v in values if v)


def file_text(obj):
    """Plain text of the Dokument's file (pdftotext for PDFs, via portal_transforms)."""
    blob = obj.file
    if blob is None or not blob.size:
        return ""
    transforms = api.portal.get_tool("portal_transforms")
    try:
        result = transforms.convertTo("text/plain", blob.data, mimetype=blob.contentType, filename=blob.filename)
    except Exception:  # a broken upload must not stop filing it
        logger.warning("no text from %s", "/".join(obj.getPhysicalPath()), exc_info=True)
        return ""
    if result is None:
        return ""
    text = result.getData()
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else text
