"""The catalog's metadata records in small buckets.

A ZCatalog keeps the metadata of every cataloged object in one IOBTree
(``_catalog.data``: rid → record; 52 columns on this site, four of them
DateTime). BTrees load and unpickle a bucket whole, and an IOBTree bucket
holds up to 60 records, filled to about 30 since rids are handed out in
sequence. A result page of 20 brains therefore unpickles some 600 records
on a cold cache (a restarted instance, an emptied RelStorage cache) to show
20 of them: about 0.7 ms per brain on FileStorage, most of it in DateTime's
``__setstate__``, and one more database round trip per bucket on RelStorage.
`benchmarks/search.py` showed these loads dominating the cold pass of its
queries.

``MetadataTree`` is the same IOBTree with buckets of at most
``max_leaf_size`` records (a documented BTrees feature for subclasses), so a
brain costs the unpickling of about eight records. Reindexing one object
rewrites a small bucket. The price: about four times as many buckets (at
100,000 records some 13,000 objects, against a ZODB cache of 30,000 per
connection) and a split of a bucket, which writes its parent node, every
eight or so new records instead of every thirty.

The tree's class is persistent: uninstalling the add-on gives the catalog a
plain IOBTree back (``use_plain_tree``), and ``compat`` makes "Clear and
Rebuild" keep the class the catalog has.
"""

import logging

import transaction
from BTrees.IOBTree import IOBTree


logger = logging.getLogger(__name__)

PROGRESS_EVERY = 20000


class MetadataTree(IOBTree):
    """rid → metadata record, in buckets of at most 16 records."""

    max_leaf_size = 16


def use_small_buckets(catalog):
    """Move the metadata records of ``catalog`` (portal_catalog) into a
    MetadataTree unless they are in one."""
    _move_records(catalog, MetadataTree)


def use_plain_tree(catalog):
    """Move the metadata records back into ZCatalog's own IOBTree."""
    _move_records(catalog, IOBTree)


def _move_records(catalog, tree_class):
    records = catalog._catalog
    old = records.data
    if type(old) is tree_class:
        return
    jar = records._p_jar
    new = tree_class()
    if jar is not None:
        jar.add(new)  # so that the savepoints can write its buckets out
    total, moved = len(old), 0
    for bucket in buckets(old):
        if jar is not None and bucket._p_oid is not None:
            # A record another instance writes meanwhile makes the commit
            # a ConflictError instead of a record left behind in `old`.
            jar.readCurrent(bucket)
        for rid, record in bucket.items():
            new[rid] = record
            moved += 1
            if moved % PROGRESS_EVERY == 0:
                logger.info("metadata records: %d/%d moved into %s", moved, total, tree_class.__name__)
                transaction.savepoint(optimistic=True)
    if jar is not None and old._p_oid is not None:
        jar.readCurrent(old)
    records.data = new
    logger.info("metadata records: %d in %s", moved, tree_class.__name__)


def buckets(tree):
    """The buckets of a BTree, in key order."""
    bucket = tree._firstbucket
    while bucket is not None:
        yield bucket
        bucket = bucket._next
