"""Which conversion workers are alive: a heartbeat per portal process.

A job in "converting" names the worker that claimed it. Each process that
runs workers writes its heartbeat into the shared state (state_db: SQLite on
one server, PostgreSQL in the cluster) every few seconds, from a thread of
its own, so a long OCR run does not look like death. A claim whose worker
has not beaten for HEARTBEAT_TIMEOUT is taken up by another worker: an
instance killed in the middle of a conversion delays its job by about half
a minute, not by the queue's 30-minute fallback for claims without a name.

Times are the database server's clock (in SQLite, one host's), so instances
on machines whose clocks differ judge each other alike. After this process
could not reach the shared state, it takes no claim over for
HEARTBEAT_TIMEOUT: the other workers' heartbeats failed as well meanwhile
and need a moment to resume.
"""

import logging
import os
import socket
import threading
import time
import uuid

from mittelangeln.policy import state_db


logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5
HEARTBEAT_TIMEOUT = 30
SCHEMA = """
CREATE TABLE IF NOT EXISTS workers (
    name TEXT PRIMARY KEY,
    seen DOUBLE PRECISION NOT NULL
);
"""
STORE = state_db.Store(
    file_name="conversion-workers.sqlite", path_variable="MITTELANGELN_CONVERSION_WORKERS", schema=SCHEMA
)
# The current time in seconds, as the database tells it.
CLOCK = {
    "postgresql": "EXTRACT(EPOCH FROM clock_timestamp())",
    "sqlite": "((julianday('now') - 2440587.5) * 86400.0)",
}
# A restarted container may have the same host name and process id.
_PROCESS_TOKEN = uuid.uuid4().hex[:8]
_trouble = {"at": None}  # monotonic time of the last failure to reach the shared state


def worker_name():
    """This process: host, process id and a token of this process's own."""
    return f"{socket.gethostname()}:{os.getpid()}:{_PROCESS_TOKEN}"


def worker_pid(name):
    """The process id in a worker name (logs, tests)."""
    return int(name.split(":")[1])


def _clock(now):
    """SQL for the time: the given one (tests) or the database's."""
    return ("?", (now,)) if now is not None else (CLOCK[STORE.backend], ())


def _reaching_the_state(action):
    try:
        return action()
    except Exception:
        _trouble["at"] = time.monotonic()
        raise


def beat(name=None, now=None):
    def write():
        clock, parameters = _clock(now)
        with STORE.transaction() as cursor:
            cursor.execute(
                f"INSERT INTO workers (name, seen) VALUES (?, {clock}) "
                "ON CONFLICT (name) DO UPDATE SET seen = excluded.seen",
                (name or worker_name(), *parameters),
            )

    _reaching_the_state(write)


def is_alive(name, now=None):
    """Has the worker named ``name`` beaten within HEARTBEAT_TIMEOUT?"""

    def age():
        clock, parameters = _clock(now)
        with STORE.transaction() as cursor:
            row = cursor.execute(f"SELECT {clock} - seen FROM workers WHERE name = ?", (*parameters, name)).fetchone()
        return row[0] if row else None

    seconds = _reaching_the_state(age)
    return seconds is not None and seconds <= HEARTBEAT_TIMEOUT


def may_take_over(name):
    """May this worker take over the claim of worker ``name``? Only if that
    one is silent, and this process has reached the shared state for at
    least HEARTBEAT_TIMEOUT (see the module's docstring)."""
    trouble = _trouble["at"]
    if trouble is not None and time.monotonic() - trouble < HEARTBEAT_TIMEOUT:
        return False
    return not is_alive(name)


class Heartbeat(threading.Thread):
    def __init__(self):
        super().__init__(name="mittelangeln-conversion-heartbeat", daemon=True)
        self.stopping = threading.Event()

    def run(self):
        while True:
            try:
                beat()
            except Exception:  # the shared state is away for a moment: beat again soon
                logger.exception("conversion worker heartbeat failed")
            if self.stopping.wait(HEARTBEAT_SECONDS):
                return
