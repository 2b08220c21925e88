"""The PostgreSQL connections of state_db: a server restart between two
writes, a server that cannot be reached."""

import socket
import threading
import uuid

from mittelangeln.policy import state_db
from mittelangeln.policy.security.lockout import LoginFailures
from mittelangeln.policy.security.trail_store import AccessTrail


def test_a_write_after_a_server_restart_succeeds(postgres_state_server, postgres_state_dsn, monkeypatch):
    monkeypatch.setenv(state_db.DSN_VARIABLE, postgres_state_dsn)
    path = f"/plone/personal/{uuid.uuid4().hex}"
    trail = AccessTrail()
    trail.record("vor-dem-neustart", path, "uid", "Akte", "ansicht", "GET", True)
    postgres_state_server.restart()  # the pooled connection is broken now
    trail.record("nach-dem-neustart", path, "uid", "Akte", "ansicht", "GET", True)
    assert [entry.user for entry in trail.entries(path=path)] == ["nach-dem-neustart", "vor-dem-neustart"]


def test_failures_counted_before_a_restart_count_after_it(postgres_state_server, postgres_state_dsn, monkeypatch):
    monkeypatch.setenv(state_db.DSN_VARIABLE, postgres_state_dsn)
    login = f"neustart-{uuid.uuid4().hex[:8]}"
    failures = LoginFailures()
    assert failures.failed(login, "falsch-1", 3, 15) is None
    assert failures.failed(login, "falsch-2", 3, 15) is None
    postgres_state_server.restart()
    assert failures.failed(login, "falsch-3", 3, 15) is not None
    assert failures.locked_until(login) is not None


def error_of_first_use():
    """What using a store raises, from a thread given a minute: a hang
    fails the test instead of stopping it."""
    outcome = []

    def use():
        try:
            with state_db.Store("unused.sqlite", "UNUSED").transaction() as cursor:
                cursor.execute("SELECT 1")
        except Exception as error:
            outcome.append(error)

    thread = threading.Thread(target=use, daemon=True)
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "the connection attempt hangs"
    (error,) = outcome
    return error


def test_a_missing_server_raises_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv(state_db.DSN_VARIABLE, f"postgresql:///mittelangeln_state?host={tmp_path}&port=5999")
    error = error_of_first_use()
    assert isinstance(error, state_db.StateError)
    assert str(error).startswith("Zustandsdatenbank (PostgreSQL) nicht erreichbar:")
    assert str(tmp_path) in str(error)  # libpq's reason names the socket


def test_a_server_that_never_answers_times_out(monkeypatch):
    """A socket that accepts connections but says nothing: without
    connect_timeout libpq would wait for ever."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        monkeypatch.setenv(state_db.DSN_VARIABLE, f"postgresql://mittelangeln@127.0.0.1:{port}/mittelangeln_state")
        error = error_of_first_use()
    assert isinstance(error, state_db.StateError)
    assert "timeout" in str(error)
