"""Small tables beside the ZODB (access trail, login failures, form rate
limit): SQLite files of one host, or one PostgreSQL database shared by the
instances of a cluster.

They hold what must be written on reads or survive a rolled-back request:
a ZODB write would conflict between readers, need a CSRF confirmation on a
GET and vanish with the aborted transaction of a refused request.

With ``$MITTELANGELN_STATE_DSN`` set (the cluster's instances) every store's
tables live in the database it names, so a lock-out or trail entry made on
one instance holds on all. Otherwise each store is a SQLite file (WAL) in
the instance's client home, or at the path in the store's own environment
variable, or at the path its caller passes.

SQL is written once for both: ``?`` placeholders, ``{serial}`` for the
auto id column, ``DOUBLE PRECISION``, upserts with ``ON CONFLICT``, no
``rowid``, ``"user"`` quoted.
"""

import functools
import os
import re
import sqlite3
import tempfile
import threading
import time
import zlib
from contextlib import closing
from contextlib import contextmanager
from pathlib import Path

import psycopg2
import psycopg2.pool
from App.config import getConfiguration


DSN_VARIABLE = "MITTELANGELN_STATE_DSN"
CONNECT_TIMEOUT_SECONDS = 5
POOL_SIZE = 10
# After a broken connection the server may still be coming back (restart).
RECONNECT_SECONDS = 10
SERIAL = {"sqlite": "INTEGER PRIMARY KEY", "postgresql": "BIGSERIAL PRIMARY KEY"}
# A connection the server dropped (restart, terminated backend).
BROKEN = (psycopg2.OperationalError, psycopg2.InterfaceError)


class StateError(RuntimeError):
    """The shared state database cannot be reached; the message says why."""


class Store:
    """The tables of one store (``schema``) in SQLite or PostgreSQL."""

    def __init__(self, file_name, path_variable, schema="", path=None):
        self.file_name = file_name
        self.path_variable = path_variable
        self.schema = schema
        self.path = Path(path) if path else None  # a given path always means SQLite

    @property
    def dsn(self):
        return None if self.path else os.environ.get(DSN_VARIABLE) or None

    @property
    def backend(self):
        return "postgresql" if self.dsn else "sqlite"

    @property
    def location(self):
        """The DSN or the SQLite file: which data this store reaches."""
        return self.dsn or self.sqlite_path()

    def sqlite_path(self):
        if self.path:
            return self.path
        configured = os.environ.get(self.path_variable)
        if configured:
            return Path(configured)
        home = getattr(getConfiguration(), "clienthome", None)
        if not home or not Path(home).is_dir():
            home = tempfile.gettempdir()  # scripts and tests without an instance home
        return Path(home) / self.file_name

    @contextmanager
    def transaction(self):
        """A cursor taking ``?`` placeholders; commits when the block ends,
        rolls back on an exception."""
        dsn = self.dsn
        if dsn:
            with _postgres_transaction(dsn, self.schema) as cursor:
                yield cursor
        else:
            with closing(_sqlite_connect(self.sqlite_path(), self.schema)) as connection, connection:
                yield Cursor(connection.execute)


class Cursor:
    """The same few methods over a sqlite3 or psycopg2 cursor."""

    def __init__(self, execute):
        self._execute = execute
        self._cursor = None

    def execute(self, sql, parameters=()):
        self._cursor = self._execute(sql, tuple(parameters))
        return self

    def fetchone(self):
        return self._cursor.fetchone()

    def fetchall(self):
        return self._cursor.fetchall()

    @property
    def rowcount(self):
        return self._cursor.rowcount


# -- SQLite -------------------------------------------------------------------

_sqlite_prepared = set()
_sqlite_lock = threading.Lock()


def _sqlite_connect(path, schema):
    """A connection to the file, its tables created on first use."""
    new_file = not Path(path).exists()
    connection = sqlite3.connect(path, timeout=30)
    with _sqlite_lock:
        if new_file or (path, schema) not in _sqlite_prepared:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.executescript(schema.replace("{serial}", SERIAL["sqlite"]))
            _sqlite_prepared.add((path, schema))
    return connection


# -- PostgreSQL ---------------------------------------------------------------

_pools = {}
_pools_lock = threading.Lock()
_postgres_prepared = set()


class _Pool:
    """psycopg2's thread-safe pool; callers beyond its size wait for a
    connection instead of failing."""

    def __init__(self, dsn):
        self.dsn = dsn
        self.free = threading.BoundedSemaphore(POOL_SIZE)
        try:
            self.pool = psycopg2.pool.ThreadedConnectionPool(1, POOL_SIZE, dsn, connect_timeout=CONNECT_TIMEOUT_SECONDS)
        except psycopg2.Error as error:
            raise _unreachable(error) from error

    def take(self):
        if not self.free.acquire(timeout=60):
            raise StateError("Keine freie Verbindung zur Zustandsdatenbank (alle belegt).")
        try:
            return self.pool.getconn()
        except psycopg2.Error as error:
            self.free.release()
            raise _unreachable(error) from error
        except BaseException:
            self.free.release()
            raise

    def give_back(self, connection):
        try:
            self.pool.putconn(connection, close=bool(connection.closed))
        finally:
            self.free.release()


def _pool(dsn):
    with _pools_lock:
        if dsn not in _pools:
            _pools[dsn] = _Pool(dsn)
        return _pools[dsn]


def _unreachable(error):
    detail = str(error).strip() or type(error).__name__
    return StateError(f"Zustandsdatenbank (PostgreSQL) nicht erreichbar: {detail}")


def _fresh_connection(dsn):
    """A new connection outside the pool, waiting a little for a server
    that is coming back."""
    deadline = time.monotonic() + RECONNECT_SECONDS
    while True:
        try:
            return psycopg2.connect(dsn, connect_timeout=CONNECT_TIMEOUT_SECONDS)
        except psycopg2.OperationalError as error:
            if time.monotonic() > deadline:
                raise _unreachable(error) from error
            time.sleep(0.5)


@functools.lru_cache(maxsize=256)
def _postgres_sql(sql):
    """``?`` placeholders (outside quotes) as psycopg2's ``%s``."""
    sql = sql.replace("%", "%%").replace("{serial}", SERIAL["postgresql"])
    return re.sub(r"('(?:[^']|'')*'|\"[^\"]*\")|\?", lambda match: match.group(1) or "%s", sql)


class _PostgresTransaction:
    """One transaction on a pooled connection. If the connection turns out
    broken at the transaction's first statement (the server restarted since
    it was opened), that statement runs again, once, on a fresh connection;
    a break later in the transaction is an error (the server rolled back what
    the broken connection did)."""

    def __init__(self, dsn, schema):
        self.dsn = dsn
        self.schema = schema
        self.pool = _pool(dsn)
        self.connection = self.pool.take()
        self.pooled = True
        self.done = []
        self.retried = False

    def execute(self, sql, parameters):
        statement = (_postgres_sql(sql), parameters)
        try:
            cursor = self._run(statement)
        except BROKEN:
            # Only a first statement is run again: after earlier ones the
            # caller may have acted on results the retry could change.
            if self.retried or self.done or not self.connection.closed:
                raise
            self._reconnect()
            cursor = self._run(statement)
        self.done.append(statement)
        return cursor

    def _run(self, statement):
        cursor = self.connection.cursor()
        cursor.execute(*statement)
        return cursor

    def _reconnect(self):
        self.retried = True
        self.release()
        self.connection = _fresh_connection(self.dsn)

    def prepare(self):
        """Create the store's tables once per process and database; the
        advisory lock keeps two processes from creating them at once."""
        key = (self.dsn, self.schema)
        if not self.schema or key in _postgres_prepared:
            return
        self.execute("SELECT pg_advisory_xact_lock(?)", (zlib.crc32(self.schema.encode()),))
        self.execute(self.schema, ())
        self.connection.commit()
        self.done = []
        _postgres_prepared.add(key)

    def release(self):
        connection, self.connection = self.connection, None
        if connection is None:
            return
        if self.pooled:
            self.pooled = False  # a fresh connection after this is our own
            self.pool.give_back(connection)
        else:
            connection.close()


@contextmanager
def _postgres_transaction(dsn, schema):
    transaction = _PostgresTransaction(dsn, schema)
    try:
        transaction.prepare()
        yield Cursor(transaction.execute)
        transaction.connection.commit()
    except BaseException:
        connection = transaction.connection
        if connection is not None and not connection.closed:
            try:
                connection.rollback()
            except psycopg2.Error:
                pass  # it is given back closed
        raise
    finally:
        transaction.release()
