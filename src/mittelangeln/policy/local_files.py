"""Small SQLite databases beside the ZODB (access trail, login failures).

They hold what must be written on reads or survive a rolled-back request:
a ZODB write would conflict between readers, need a CSRF confirmation on a
GET and vanish with the aborted transaction of a refused request. Each file
lives in the instance's client home (var/instance/) unless an environment
variable names another path.
"""

import os
import sqlite3
import tempfile
import threading
from pathlib import Path

from App.config import getConfiguration


_prepared = set()
_lock = threading.Lock()


def database_path(file_name, variable):
    configured = os.environ.get(variable)
    if configured:
        return Path(configured)
    home = getattr(getConfiguration(), "clienthome", None)
    if not home or not Path(home).is_dir():
        home = tempfile.gettempdir()  # scripts and tests without an instance home
    return Path(home) / file_name


def connect(path, schema):
    """A connection to the file, its tables created on first use."""
    new_file = not Path(path).exists()
    connection = sqlite3.connect(path, timeout=30)
    with _lock:
        if new_file or (path, schema) not in _prepared:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.executescript(schema)
            _prepared.add((path, schema))
    return connection
