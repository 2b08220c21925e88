"""The one API of state_db over SQLite and PostgreSQL."""

import sqlite3
import threading
import uuid

import pytest

from mittelangeln.policy import state_db


SCHEMA = """
CREATE TABLE IF NOT EXISTS state_test_items (
    id {serial},
    name TEXT NOT NULL,
    "user" TEXT,
    weight DOUBLE PRECISION
);
"""


def items_store():
    return state_db.Store("state-test.sqlite", "MITTELANGELN_STATE_TEST", SCHEMA)


@pytest.fixture
def store(backend, tmp_path, monkeypatch):
    monkeypatch.setenv("MITTELANGELN_STATE_TEST", str(tmp_path / "state-test.sqlite"))
    return items_store()


def names(store):
    with store.transaction() as cursor:
        return [row[0] for row in cursor.execute("SELECT name FROM state_test_items ORDER BY id").fetchall()]


def test_the_backend_follows_the_dsn(store, backend):
    assert store.backend == backend


def test_a_given_path_is_sqlite_even_with_a_dsn(postgres_state_dsn, tmp_path, monkeypatch):
    monkeypatch.setenv(state_db.DSN_VARIABLE, postgres_state_dsn)
    store = state_db.Store("state-test.sqlite", "MITTELANGELN_STATE_TEST", SCHEMA, path=tmp_path / "own.sqlite")
    assert store.backend == "sqlite"
    with store.transaction() as cursor:
        cursor.execute("INSERT INTO state_test_items (name) VALUES (?)", ("lokal",))
    assert names(store) == ["lokal"]
    assert (tmp_path / "own.sqlite").exists()


def test_sqlite_keeps_its_file_in_wal_mode(tmp_path, monkeypatch):
    monkeypatch.setenv("MITTELANGELN_STATE_TEST", str(tmp_path / "state-test.sqlite"))
    store = items_store()
    with store.transaction() as cursor:
        cursor.execute("INSERT INTO state_test_items (name) VALUES (?)", ("a",))
    with sqlite3.connect(tmp_path / "state-test.sqlite") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("SELECT name FROM state_test_items").fetchall() == [("a",)]


def test_placeholders_serial_ids_and_quoted_columns(store):
    with store.transaction() as cursor:
        for name, user, weight in [("eins", "anna", 1.5), ("zwei", "bernd", 2.25)]:
            cursor.execute('INSERT INTO state_test_items (name, "user", weight) VALUES (?, ?, ?)', (name, user, weight))
    with store.transaction() as cursor:
        rows = cursor.execute('SELECT id, name, "user", weight FROM state_test_items ORDER BY id').fetchall()
    assert [tuple(row[1:]) for row in rows] == [("eins", "anna", 1.5), ("zwei", "bernd", 2.25)]
    assert rows[0][0] < rows[1][0]


def test_question_marks_and_percent_signs_inside_literals_stay_text(store):
    with store.transaction() as cursor:
        cursor.execute("INSERT INTO state_test_items (name) VALUES ('wer? 100%')")
        cursor.execute("INSERT INTO state_test_items (name) VALUES (?)", ("50% weniger",))
        rows = cursor.execute(
            "SELECT name FROM state_test_items WHERE name LIKE '%?%' OR name = ? ORDER BY id", ("50% weniger",)
        ).fetchall()
    assert [row[0] for row in rows] == ["wer? 100%", "50% weniger"]


def test_an_exception_rolls_the_block_back(store):
    with store.transaction() as cursor:
        cursor.execute("INSERT INTO state_test_items (name) VALUES (?)", ("bleibt",))
    with pytest.raises(RuntimeError), store.transaction() as cursor:
        cursor.execute("INSERT INTO state_test_items (name) VALUES (?)", ("verworfen",))
        raise RuntimeError("abgebrochen")
    assert names(store) == ["bleibt"]


def test_rowcount_of_a_delete(store):
    with store.transaction() as cursor:
        for name in ("a", "b", "c"):
            cursor.execute("INSERT INTO state_test_items (name) VALUES (?)", (name,))
    with store.transaction() as cursor:
        assert cursor.execute("DELETE FROM state_test_items WHERE name <> ?", ("b",)).rowcount == 2
    assert names(store) == ["b"]


def test_tables_created_at_once_by_many_threads(postgres_state_dsn, monkeypatch):
    """Concurrent CREATE TABLE IF NOT EXISTS fails in PostgreSQL without
    the advisory lock; every thread here sees a schema not yet prepared."""
    monkeypatch.setenv(state_db.DSN_VARIABLE, postgres_state_dsn)
    table = f"state_test_{uuid.uuid4().hex[:12]}"
    schema = f"CREATE TABLE IF NOT EXISTS {table} (id {{serial}}, name TEXT NOT NULL);"
    errors = []

    def create_and_insert(number):
        try:
            store = state_db.Store("unused.sqlite", "UNUSED", schema)
            with store.transaction() as cursor:
                cursor.execute(f"INSERT INTO {table} (name) VALUES (?)", (f"thread-{number}",))
        except Exception as error:  # reported below
            errors.append(error)

    state_db._postgres_prepared.discard((postgres_state_dsn, schema))
    threads = [threading.Thread(target=create_and_insert, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with state_db.Store("unused.sqlite", "UNUSED", schema).transaction() as cursor:
        assert cursor.execute(f"SELECT COUNT(*) FROM {table}").fetchone() == (8,)
        cursor.execute(f"DROP TABLE {table}")
