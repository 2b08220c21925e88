"""A real PostgreSQL for the state database tests (one per test session,
on a free port, its data in a directory of its own under /tmp), and the
two backends every store test runs on."""

import os
import shutil
import socket
import tempfile

import psycopg2
import pytest

from mittelangeln.policy import state_db
from mittelangeln.policy.cluster.postgres import STATE_DATABASE
from mittelangeln.policy.cluster.postgres import Postgres


# Tables the state tests write; emptied before each test on PostgreSQL.
TABLES = ("access", "failures", "submissions", "secrets", "workers", "state_test_items")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_state_server():
    """A running PostgreSQL (mittelangeln.policy.cluster.postgres), removed
    after the session. Not in pytest's tmp dir: that is 0700 to root, and
    the server runs as the postgres user; /tmp keeps the socket path short."""
    var = tempfile.mkdtemp(prefix="mittelangeln-state-", dir="/tmp")
    os.chmod(var, 0o755)
    server = Postgres(var, free_port())
    try:
        server.start()
        yield server
    finally:
        server.destroy()
        shutil.rmtree(var, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_state_dsn(postgres_state_server):
    return postgres_state_server.dsn(STATE_DATABASE)


def empty_tables(dsn):
    with psycopg2.connect(dsn) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        present = [name for (name,) in cursor.fetchall() if name in TABLES]
        if present:
            cursor.execute(f"TRUNCATE {', '.join(present)}")
    connection.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, monkeypatch):
    """The stores made without a path use this backend: SQLite files in the
    test's tmp dir (tests/conftest.py) or the session's PostgreSQL, its
    tables emptied."""
    if request.param == "postgresql":
        dsn = request.getfixturevalue("postgres_state_dsn")
        empty_tables(dsn)
        monkeypatch.setenv(state_db.DSN_VARIABLE, dsn)
    return request.param
