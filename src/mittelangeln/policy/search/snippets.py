"""The text snippet of a search result: the object's full text as the
catalog indexes it, cut around the first matching word, matches in <mark>.
A file is never converted for a snippet (that would run pdftotext per result
and request): items with a file show the text the page viewer already has."""

import logging

from Acquisition import aq_base
from plone import api
from plone.indexer.interfaces import IIndexer
from zope.component import queryMultiAdapter

from mittelangeln.policy.dokumente.conversion import page_texts
from mittelangeln.policy.fulltext.matching import highlighted_snippet
from mittelangeln.policy.security.trail import logged_root


logger = logging.getLogger(__name__)

MAX_PLAIN_TEXT = 1024 * 1024


def indexed_text(obj):
    """The object's SearchableText as the catalog's indexer computes it."""
    catalog = api.portal.get_tool("portal_catalog")
    indexer = queryMultiAdapter((obj, catalog), IIndexer, name="SearchableText")
    try:
        if indexer is not None:
            value = indexer()
        else:
            value = getattr(obj, "SearchableText", None)
            value = value() if callable(value) else value
    except Exception:  # a broken file costs the snippet, not the result page
        logger.warning("no text for the snippet of %s", "/".join(obj.getPhysicalPath()), exc_info=True)
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, (list, tuple)):
        return " ".join(str(part) for part in value)
    return value if isinstance(value, str) else ""


def snippet_text(obj):
    """The text to cut the snippet from, without converting any file: a
    plain-text file as it is, other files as far as the page viewer has
    their text."""
    blob = getattr(aq_base(obj), "file", None)
    if blob is None:
        return indexed_text(obj)
    if (blob.contentType or "").startswith("text/plain") and blob.size <= MAX_PLAIN_TEXT:
        text = blob.data.decode("utf-8", "replace")
    else:
        text = " ".join(page_texts(obj))
    return " ".join(part for part in (obj.Description(), text) if part)


def without_title(text, title):
    """The text with the title taken out once (the indexers put it first;
    the result shows it above the snippet already)."""
    title = " ".join((title or "").split())
    text = " ".join((text or "").split())
    if not title:
        return text
    before, found, after = text.partition(title)
    return f"{before}{after}".strip() if found else text


def snippet(obj, query):
    """HTML around the first match in the object's text (its title left
    out), or None. Content whose reading goes into the access trail
    (Personalakten) shows none: a snippet would let its text be read
    without being recorded."""
    if not query or logged_root(obj) is not None:
        return None
    return highlighted_snippet(without_title(snippet_text(obj), obj.Title()), query)
