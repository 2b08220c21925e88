"""At most so many submissions per client address and hour.

Kept in SQLite beside the ZODB (security/local_files.py) like the login
failures: shared by all worker threads and processes of one server, and
written without touching the ZODB. Addresses are stored only as hashes
with a random secret kept in the same file: the table says how often, not
who (an IPv4 address hashed without a secret is found by trying them all).
"""

import hashlib
import secrets
import time
from contextlib import closing

import transaction

from mittelangeln.policy import settings
from mittelangeln.policy.local_files import connect
from mittelangeln.policy.local_files import database_path


WINDOW_SECONDS = 3600

SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    address TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS submissions_by_address ON submissions (address, at);
CREATE TABLE IF NOT EXISTS secret (value TEXT NOT NULL);
"""


class SubmissionLimit:
    def __init__(self, path=None):
        self.path = path or database_path("form-submissions.sqlite", "MITTELANGELN_FORM_SUBMISSIONS")

    def address_key(self, connection, address):
        connection.execute(
            "INSERT INTO secret (value) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM secret)", (secrets.token_hex(32),)
        )
        row = connection.execute("SELECT value FROM secret ORDER BY rowid LIMIT 1").fetchone()
        return hashlib.sha256(f"{row[0]}\0{address}".encode()).hexdigest()[:24]

    def limit(self):
        return settings.form_submissions_per_hour()

    def exceeded(self, address):
        """Has ``address`` sent as many submissions as allowed this hour?"""
        since = time.time() - WINDOW_SECONDS
        with closing(connect(self.path, SCHEMA)) as connection, connection:
            (count,) = connection.execute(
                "SELECT COUNT(*) FROM submissions WHERE address = ? AND at > ?",
                (self.address_key(connection, address), since),
            ).fetchone()
        return count >= self.limit()

    def record(self, address):
        with closing(connect(self.path, SCHEMA)) as connection, connection:
            connection.execute("DELETE FROM submissions WHERE at <= ?", (time.time() - WINDOW_SECONDS,))
            connection.execute(
                "INSERT INTO submissions (address, at) VALUES (?, ?)",
                (self.address_key(connection, address), time.time()),
            )

    def record_after_commit(self, address):
        """Count the submission once it is stored (a conflict retry of the
        request must not count it twice; an aborted one not at all)."""

        def record_if_committed(committed):
            if committed:
                self.record(address)

        transaction.get().addAfterCommitHook(record_if_committed)
