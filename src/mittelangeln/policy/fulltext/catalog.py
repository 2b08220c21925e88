"""The SearchableText index on the German lexicon: put in place on existing
sites (upgrade step) and given back to Plone's lexicon on uninstall."""

import logging
import time

import transaction
from Products.ZCTextIndex.ZCTextIndex import PLexicon

from mittelangeln.policy.fulltext.lexicon import LEXICON_ID
from mittelangeln.policy.fulltext.lexicon import GermanNormalizer
from mittelangeln.policy.fulltext.lexicon import GermanSplitter


logger = logging.getLogger(__name__)

INDEX = "SearchableText"
PLONE_LEXICON = "plone_lexicon"
PROGRESS_EVERY = 1000


class IndexSettings:
    """The ``extra`` record ZCatalog.addIndex passes to a ZCTextIndex."""

    def __init__(self, lexicon_id):
        self.lexicon_id = lexicon_id
        self.index_type = "Okapi BM25 Rank"
        self.doc_attr = INDEX


def lexicon_of(catalog):
    return catalog._catalog.getIndex(INDEX).lexicon_id


def ensure_german_lexicon(catalog):
    if LEXICON_ID not in catalog.objectIds():
        lexicon = PLexicon(LEXICON_ID, "German", GermanSplitter(), GermanNormalizer())
        catalog._setObject(LEXICON_ID, lexicon)
    return catalog[LEXICON_ID]


def rebuild_searchable_text(catalog, lexicon_id):
    """Replace the SearchableText index by one on ``lexicon_id`` and index
    every cataloged object into it, logging the progress."""
    if INDEX in catalog.indexes():
        catalog.delIndex(INDEX)
    catalog.addIndex(INDEX, "ZCTextIndex", IndexSettings(lexicon_id))
    reindex_searchable_text(catalog)


def reindex_searchable_text(catalog):
    paths = list(catalog._catalog.uids.keys())
    total, started, done, missing = len(paths), time.monotonic(), 0, 0
    logger.info("%s: indexing %d objects on %s", INDEX, total, lexicon_of(catalog))
    for path in paths:
        obj = catalog.unrestrictedTraverse(path, None)
        if obj is None:
            missing += 1
        else:
            # The tool wraps the object for its indexers (plone.indexer).
            catalog.catalog_object(obj, path, idxs=[INDEX], update_metadata=False)
        done += 1
        if done % PROGRESS_EVERY == 0 or done == total:
            elapsed = max(time.monotonic() - started, 1e-6)
            rate = done / elapsed
            logger.info(
                "%s: %d/%d (%d %%), %.0f objects/s, about %.0f s left",
                INDEX, done, total, 100 * done // max(total, 1), rate, (total - done) / rate,
            )  # fmt: skip
            transaction.savepoint(optimistic=True)
    if missing:
        logger.warning("%s: %d cataloged paths lead to no object (left as they were)", INDEX, missing)


def use_german_lexicon(catalog):
    ensure_german_lexicon(catalog)
    if lexicon_of(catalog) != LEXICON_ID:
        rebuild_searchable_text(catalog, LEXICON_ID)
    elif not catalog._catalog.getIndex(INDEX).indexSize() and len(catalog._catalog.uids):
        # Already on the German lexicon but empty: an earlier upgrade step
        # (1002) reimported catalog.xml, which makes the index anew.
        reindex_searchable_text(catalog)


def use_plone_lexicon(catalog):
    """Uninstall: the index back on plone_lexicon, the German lexicon gone
    (its elements are this package's classes)."""
    if lexicon_of(catalog) != PLONE_LEXICON:
        rebuild_searchable_text(catalog, PLONE_LEXICON)
    if LEXICON_ID in catalog.objectIds():
        catalog._delObject(LEXICON_ID)
