"""RelStorage on the portal's PostgreSQL (cluster/postgres.py) commits a
transaction that changes more existing objects than PostgreSQL's default
lock table holds: RelStorage takes an advisory lock on each of them, and
with the default max_locks_per_transaction (64 x 200 connections = 12,800
slots) such a commit failed with "out of shared memory" (seen in
`make bench-search` on the cluster at 51,000 Dokumente)."""

import transaction
import ZODB
from persistent.mapping import PersistentMapping
from relstorage.adapters.postgresql import PostgreSQLAdapter
from relstorage.options import Options
from relstorage.storage import RelStorage

from mittelangeln.policy.cluster.postgres import ZODB_DATABASE


OBJECTS = 40000  # the default's 12,800 slots (and the spare shared memory) are not enough


def test_the_server_has_room_for_the_locks(postgres_state_server):
    assert postgres_state_server.psql("SHOW max_locks_per_transaction", ZODB_DATABASE).strip() == "512"


def relstorage(server):
    options = Options(keep_history=False)
    return RelStorage(PostgreSQLAdapter(dsn=server.dsn(ZODB_DATABASE), options=options), options=options)


def test_a_commit_changing_many_existing_objects(postgres_state_server):
    storage = relstorage(postgres_state_server)
    storage.zap_all()
    db = ZODB.DB(storage)
    manager = transaction.TransactionManager()
    try:
        connection = db.open(transaction_manager=manager)
        items = connection.root()["items"] = [PersistentMapping() for _ in range(OBJECTS)]
        manager.commit()
        for number, item in enumerate(items):
            item["number"] = number  # every one of them an existing object changed
        manager.commit()
        reader = db.open()
        assert sum(item["number"] for item in reader.root()["items"]) == OBJECTS * (OBJECTS - 1) // 2
    finally:
        manager.abort()  # a failed commit leaves its connection in a transaction
        db.close()
        cleaner = relstorage(postgres_state_server)
        cleaner.zap_all()
        cleaner.close()
