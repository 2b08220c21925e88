"""``@@health`` on the Zope root: what HAProxy asks each instance. 200 and
"ok" when the database, the state database and the worker are fine; 503 and
"error" when one is not, without a word about why."""

import json
import threading

import pytest
import transaction
import ZODB
from ZODB.FileStorage import FileStorage

from mittelangeln.policy.dokumente import worker
from mittelangeln.policy.monitoring.health import check_database
from mittelangeln.policy.testing.helpers import browser_as


# A PostgreSQL DSN nobody answers: a socket directory that does not exist.
UNREACHABLE_DSN = "postgresql:///x?host=/nonexistent&port=1&connect_timeout=1"


def get_health(portal):
    """(status, answer, headers) of an anonymous GET /@@health on the Zope root."""
    browser = browser_as(portal)
    browser.open(f"{portal.aq_parent.absolute_url()}/@@health")
    status = int(browser.headers["status"].split()[0])
    return status, browser.contents, browser.headers


def test_healthy_instance_answers_200_with_ok(functional_portal):
    status, body, headers = get_health(functional_portal)
    assert status == 200
    assert json.loads(body) == {"status": "ok", "checks": {"database": "ok", "state": "ok", "worker": "off"}}
    assert headers["content-type"].startswith("application/json")
    assert headers["cache-control"] == "no-store"


def test_a_running_worker_is_healthy(functional_portal, monkeypatch):
    stop = threading.Event()
    running = threading.Thread(target=stop.wait, daemon=True)
    running.start()
    monkeypatch.setattr(worker, "STARTED", [running])
    try:
        status, body, _headers = get_health(functional_portal)
    finally:
        stop.set()
        running.join()
    assert status == 200
    assert json.loads(body)["checks"]["worker"] == "alive"


def test_a_dead_worker_makes_the_instance_unhealthy(functional_portal, monkeypatch):
    ended = threading.Thread(target=lambda: None)
    ended.start()
    ended.join()
    monkeypatch.setattr(worker, "STARTED", [ended])
    status, body, headers = get_health(functional_portal)
    assert status == 503
    assert json.loads(body) == {"status": "error", "checks": {"database": "ok", "state": "ok", "worker": "dead"}}
    assert headers["cache-control"] == "no-store"


def test_an_unreachable_state_database_gives_503_and_no_details(functional_portal, monkeypatch):
    monkeypatch.setenv("MITTELANGELN_STATE_DSN", UNREACHABLE_DSN)
    status, body, _headers = get_health(functional_portal)
    assert status == 503
    assert json.loads(body) == {"status": "error", "checks": {"database": "ok", "state": "error", "worker": "off"}}
    for detail in ("nonexistent", "postgres", "Traceback", "Error", "plone"):
        assert detail not in body


def test_the_health_view_writes_nothing(functional_portal):
    """A read: the ZODB's last transaction stays the same."""
    database = functional_portal._p_jar.db()
    transaction.commit()
    before = database.lastTransaction()
    assert get_health(functional_portal)[0] == 200
    assert database.lastTransaction() == before


@pytest.fixture
def file_database(tmp_path):
    database = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    manager = transaction.TransactionManager()
    connection = database.open(transaction_manager=manager)
    connection.root()["Application"] = "x"
    manager.commit()
    yield database, connection
    manager.abort()
    database.close()


def test_the_database_check_reads_the_root_again(file_database):
    _database, connection = file_database
    assert check_database(connection) == "ok"


def test_a_closed_storage_fails_the_database_check(file_database):
    """The storage goes away under an open connection (as a database server
    that is gone): the root cannot be read again."""
    database, connection = file_database
    database.storage.close()
    assert check_database(connection) == "error"
