"""compat.postings_prefetched on RelStorage (the portal's PostgreSQL): a
cold full-text query fetches the buckets of a word's postings in one
database query per tree level, not in one query per bucket. Counted at
RelStorage's object mover: single loads (one round trip each) and bulk
loads, of the same query on a cold cache with and without the fix."""

import collections

import transaction
import ZODB
from Products.ZCTextIndex.Lexicon import CaseNormalizer
from Products.ZCTextIndex.Lexicon import Lexicon
from Products.ZCTextIndex.Lexicon import Splitter
from Products.ZCTextIndex.OkapiIndex import OkapiIndex
from relstorage.adapters.mover import AbstractObjectMover
from relstorage.adapters.postgresql import PostgreSQLAdapter
from relstorage.options import Options
from relstorage.storage import RelStorage

from mittelangeln.policy.cluster.postgres import ZODB_DATABASE
from mittelangeln.policy.compat import REPLACED


DOCUMENTS = 3000  # postings of "gemeinsam": an IIBTree of dozens of buckets


def relstorage(server):
    options = Options(keep_history=False)
    return RelStorage(PostgreSQLAdapter(dsn=server.dsn(ZODB_DATABASE), options=options), options=options)


def round_trips(server, monkeypatch, search):
    """(single loads, bulk loads) of search(index, wids) on a new storage
    (its cache empty, as after a restart)."""
    counts = collections.Counter()
    for name in ("load_current", "load_currents"):
        original = getattr(AbstractObjectMover, name)

        def counted(self, *args, _original=original, _name=name):
            counts[_name] += 1
            return _original(self, *args)

        monkeypatch.setattr(AbstractObjectMover, name, counted)
    db = ZODB.DB(relstorage(server))
    try:
        connection = db.open()
        index = connection.root()["index"]
        wids = index._lexicon.termToWordIds("gemeinsam")
        counts.clear()
        ((scores, _weight),) = search(index, wids)
        connection.close()
    finally:
        db.close()
        monkeypatch.undo()
    assert len(scores) == DOCUMENTS
    return counts["load_current"], counts["load_currents"]


def test_a_cold_query_fetches_the_postings_in_bulk(postgres_state_server, monkeypatch):
    storage = relstorage(postgres_state_server)
    storage.zap_all()
    db = ZODB.DB(storage)
    try:
        connection = db.open()
        lexicon = Lexicon(Splitter(), CaseNormalizer())
        index = connection.root()["index"] = OkapiIndex(lexicon)
        for docid in range(1, DOCUMENTS + 1):
            index.index_doc(docid, f"gemeinsam wort{docid}")
        transaction.commit()
        connection.close()

        without_fix = round_trips(
            postgres_state_server, monkeypatch, lambda index, wids: REPLACED["OkapiIndex._search_wids"](index, wids)
        )
        with_fix = round_trips(postgres_state_server, monkeypatch, lambda index, wids: index._search_wids(wids))
    finally:
        transaction.abort()
        db.close()
        cleaner = relstorage(postgres_state_server)
        cleaner.zap_all()
        cleaner.close()

    single_without, _bulk_without = without_fix
    single_with, bulk_with = with_fix
    assert single_without > 25  # a round trip per bucket of the postings
    assert bulk_with >= 1
    assert single_with * 3 < single_without
