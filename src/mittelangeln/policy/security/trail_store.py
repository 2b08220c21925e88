"""Storage of the access trail: table ``access`` of the state database
(see ``state_db`` for why not ZODB): ``access-trail.sqlite`` in the client
home or ``$MITTELANGELN_ACCESS_TRAIL``, or the cluster's PostgreSQL;
`make backup` copies it."""

import datetime
from dataclasses import dataclass

from mittelangeln.policy import state_db


PATH_VARIABLE = "MITTELANGELN_ACCESS_TRAIL"
FILE_NAME = "access-trail.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS access (
    id {serial},
    time TEXT NOT NULL,
    "user" TEXT NOT NULL,
    path TEXT NOT NULL,
    uid TEXT,
    title TEXT,
    channel TEXT NOT NULL,
    method TEXT NOT NULL,
    allowed INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS access_time ON access (time);
CREATE INDEX IF NOT EXISTS access_user ON access ("user");
"""


@dataclass(frozen=True)
class Access:
    time: datetime.datetime
    user: str
    path: str
    uid: str
    title: str
    channel: str
    method: str
    allowed: bool


class AccessTrail:
    def __init__(self, path=None):
        self.store = state_db.Store(FILE_NAME, PATH_VARIABLE, SCHEMA, path=path)

    @property
    def path(self):
        """Which trail: its SQLite file or the DSN."""
        return self.store.location

    def record(self, user, path, uid, title, channel, method, allowed, when=None):
        when = when or datetime.datetime.now(datetime.timezone.utc)
        with self.store.transaction() as cursor:
            cursor.execute(
                'INSERT INTO access (time, "user", path, uid, title, channel, method, allowed)'
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (when.isoformat(), user, path, uid, title, channel, method, int(allowed)),
            )

    def entries(self, user=None, path=None, allowed=None, since=None, limit=500):
        """Newest first; ``path`` matches the path and everything below it."""
        clauses, parameters = [], []
        if user:
            clauses.append('"user" = ?')
            parameters.append(user)
        if path:
            # not LIKE: ids may hold "_", and SQLite's LIKE ignores case
            below = path.rstrip("/") + "/"
            clauses.append("(path = ? OR substr(path, 1, ?) = ?)")
            parameters += [path, len(below), below]
        if allowed is not None:
            clauses.append("allowed = ?")
            parameters.append(int(allowed))
        if since:
            clauses.append("time >= ?")
            parameters.append(since.isoformat())
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        query = (
            'SELECT time, "user", path, uid, title, channel, method, allowed FROM access '
            f"{where} ORDER BY time DESC, id DESC LIMIT ?"
        )
        with self.store.transaction() as cursor:
            rows = cursor.execute(query, (*parameters, limit)).fetchall()
        return [Access(datetime.datetime.fromisoformat(row[0]), *row[1:7], bool(row[7])) for row in rows]

    def purge(self, older_than):
        """Delete entries before the given time; returns how many."""
        with self.store.transaction() as cursor:
            return cursor.execute("DELETE FROM access WHERE time < ?", (older_than.isoformat(),)).rowcount
