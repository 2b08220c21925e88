"""Is this instance fit to serve? The checks of ``@@health`` (HAProxy's
``option httpchk GET /@@health``), each answering only a word:

- database: the connection's view of the ZODB is brought up to date (with
  RelStorage that polls PostgreSQL) and the root object read from the
  storage again;
- state: ``SELECT 1`` in the shared state database (state_db: PostgreSQL in
  the cluster, else the access trail's SQLite file);
- worker: the conversion worker threads of this process (dokumente/worker.py):
  "off" (none started) is healthy, "dead" (one has ended) is not.

A failure is logged here; the answer never carries its text.
"""

import logging

from ZODB.utils import z64

from mittelangeln.policy import state_db
from mittelangeln.policy.dokumente import worker
from mittelangeln.policy.security import trail_store


logger = logging.getLogger(__name__)

OK = "ok"
ERROR = "error"


def check_database(connection):
    """OK when the ZODB behind ``connection`` answers, else ERROR. Begins a
    new transaction on the connection's transaction manager."""
    try:
        connection.sync()
        root = connection.get(z64)
        root._p_deactivate()  # a ghost now: the next access loads it from the storage
        root._p_activate()
    except Exception:
        logger.warning("health check: the database does not answer", exc_info=True)
        return ERROR
    return OK


def _state_store():
    # The access trail's store: in a cluster the one shared database.
    return state_db.Store(trail_store.FILE_NAME, trail_store.PATH_VARIABLE, trail_store.SCHEMA)


def check_state():
    try:
        with _state_store().transaction() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.warning("health check: the state database does not answer", exc_info=True)
        return ERROR
    return OK


def check_worker():
    return worker.worker_state()


def health(connection):
    """(HTTP status, answer): 200 when every check passes, else 503."""
    checks = {"database": check_database(connection), "state": check_state(), "worker": check_worker()}
    healthy = checks["database"] == OK and checks["state"] == OK and checks["worker"] != worker.DEAD
    return (200 if healthy else 503), {"status": OK if healthy else ERROR, "checks": checks}
