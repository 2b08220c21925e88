"""At most so many submissions per client address and hour.

Kept in SQLite beside the ZODB (security/local_files.py) like the login
failures: shared by all worker threads and processes of one server, and
written without touching the ZODB. Addresses are stored as salted hashes
only: the table says how often, not who.
"""

import hashlib
import time
from contextlib import closing

from plone import api

from mittelangeln.policy.security.local_files import connect
from mittelangeln.policy.security.local_files import database_path

LIMIT_RECORD = "mittelangeln.form_submissions_per_hour"
DEFAULT_LIMIT = 10
WINDOW_SECONDS = 3600

SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    address TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS submissions_by_address ON submissions (address, at);
"""


def address_key(address):
    salt = api.portal.get().getId()
    return hashlib.sha256(f"{salt}\0{address}".encode()).hexdigest()[:24]


class SubmissionLimit:
    def __init__(self, path=None):
        self.path = path or database_path("form-submissions.sqlite", "MITTELANGELN_FORM_SUBMISSIONS")

    def limit(self):
        return api.portal.get_registry_record(LIMIT_RECORD, default=None) or DEFAULT_LIMIT

    def exceeded(self, address):
        """Has ``address`` sent as many submissions as allowed this hour?"""
        since = time.time() - WINDOW_SECONDS
        with closing(connect(self.path, SCHEMA)) as connection:
            (count,) = connection.execute(
                "SELECT COUNT(*) FROM submissions WHERE address = ? AND at > ?", (address_key(address), since)
            ).fetchone()
        return count >= self.limit()

    def record(self, address):
        with closing(connect(self.path, SCHEMA)) as connection, connection:
            connection.execute("DELETE FROM submissions WHERE at <= ?", (time.time() - WINDOW_SECONDS,))
            connection.execute(
                "INSERT INTO submissions (address, at) VALUES (?, ?)", (address_key(address), time.time())
            )
