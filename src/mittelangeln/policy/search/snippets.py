"""The text snippet of a search result: the object's full text as the
catalog indexes it, cut around the first matching word, matches in <mark>."""

import logging

from plone import api
from plone.indexer.interfaces import IIndexer
from zope.component import queryMultiAdapter

from mittelangeln.policy.fulltext.matching import highlighted_snippet
from mittelangeln.policy.security.trail import logged_root


logger = logging.getLogger(__name__)


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
    return highlighted_snippet(without_title(indexed_text(obj), obj.Title()), query)
