"""At most so many submissions per client address and hour.

Kept in the state database (``state_db``) like the login failures: a
SQLite file shared by all worker threads and processes of one server, or
the cluster's PostgreSQL shared by all instances, written without touching
the ZODB. Addresses are stored only as hashes with a random secret kept in
the same database: the table says how often, not who (an IPv4 address
hashed without a secret is found by trying them all).
"""

import hashlib
import secrets
import time

import transaction

from mittelangeln.policy import settings
from mittelangeln.policy import state_db


WINDOW_SECONDS = 3600
SECRET_NAME = "submission-address"

# The table "secret" of files written before the state database is left
# unused (a new secret only restarts the current hour's counts).
SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    address TEXT NOT NULL,
    at DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS submissions_by_address ON submissions (address, at);
CREATE TABLE IF NOT EXISTS secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class SubmissionLimit:
    def __init__(self, path=None):
        self.store = state_db.Store("form-submissions.sqlite", "MITTELANGELN_FORM_SUBMISSIONS", SCHEMA, path=path)

    @property
    def path(self):
        """Which counters: their SQLite file or the DSN."""
        return self.store.location

    def address_key(self, cursor, address):
        select = "SELECT value FROM secrets WHERE name = ?"
        row = cursor.execute(select, (SECRET_NAME,)).fetchone()
        if row is None:  # the first use: whoever inserts first sets it
            cursor.execute(
                "INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                (SECRET_NAME, secrets.token_hex(32)),
            )
            row = cursor.execute(select, (SECRET_NAME,)).fetchone()
        return hashlib.sha256(f"{row[0]}\0{address}".encode()).hexdigest()[:24]

    def limit(self):
        return settings.form_submissions_per_hour()

    def exceeded(self, address):
        """Has ``address`` sent as many submissions as allowed this hour?"""
        since = time.time() - WINDOW_SECONDS
        with self.store.transaction() as cursor:
            (count,) = cursor.execute(
                "SELECT COUNT(*) FROM submissions WHERE address = ? AND at > ?",
                (self.address_key(cursor, address), since),
            ).fetchone()
        return count >= self.limit()

    def record(self, address):
        with self.store.transaction() as cursor:
            cursor.execute("DELETE FROM submissions WHERE at <= ?", (time.time() - WINDOW_SECONDS,))
            cursor.execute(
                "INSERT INTO submissions (address, at) VALUES (?, ?)",
                (self.address_key(cursor, address), time.time()),
            )

    def record_after_commit(self, address):
        """Count the submission once it is stored (a conflict retry of the
        request must not count it twice; an aborted one not at all)."""

        def record_if_committed(committed):
            if committed:
                self.record(address)

        transaction.get().addAfterCommitHook(record_if_committed)
