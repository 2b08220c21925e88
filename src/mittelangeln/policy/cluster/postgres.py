"""A PostgreSQL server of the portal's own, its data under var/.

Debian's server binaries (package postgresql) run a cluster in
``<var>/postgres`` that listens only on a Unix socket in ``<var>/run``
(mode 0700: only its owner and root connect, so local ``trust`` is safe).
PostgreSQL refuses to run as root; started by root, it runs as the
``postgres`` system user the Debian package creates.
"""

import glob
import os
import pwd
import shutil
import subprocess
import time
from pathlib import Path


SUPERUSER = "mittelangeln"
ZODB_DATABASE = "mittelangeln"
STATE_DATABASE = "mittelangeln_state"
# Written into the data directory after initdb (include_if_exists).
SETTINGS = """\
listen_addresses = ''
unix_socket_permissions = 0700
max_connections = 200
shared_buffers = 256MB
# RelStorage's commit takes an advisory lock on every existing object it
# changes. The shared lock table has max_locks_per_transaction x
# max_connections slots: PostgreSQL's default (64) left 12,800, and a commit
# changing more objects (a large reindex or import) failed with "out of
# shared memory". 512 gives 102,400 (about 30 MB of shared memory).
max_locks_per_transaction = 512
wal_level = replica
max_wal_senders = 2
"""


class PostgresError(RuntimeError):
    """A PostgreSQL command failed; the message says which and why."""


def server_binaries():
    """Directory of Debian's PostgreSQL server programs (the newest)."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"), key=_major_version)
    if not candidates:
        raise PostgresError("PostgreSQL ist nicht installiert (Debian-Paket postgresql).")
    return Path(candidates[-1]).parent


def _major_version(path):
    return int(Path(path).parts[-3])


class Postgres:
    def __init__(self, var, port):
        self.var = Path(var)
        self.data = self.var / "postgres"
        self.socket_dir = self.var / "run"
        self.log = self.var / "postgres-log" / "postgres.log"  # its user's directory
        self.port = int(port)
        self.bin = server_binaries()

    # -- connection ---------------------------------------------------------

    def dsn(self, database=ZODB_DATABASE):
        return f"dbname={database} host={self.socket_dir} port={self.port} user={SUPERUSER}"

    def client_arguments(self, database=ZODB_DATABASE):
        return ["-h", str(self.socket_dir), "-p", str(self.port), "-U", SUPERUSER, "-d", database]

    # -- the server's life --------------------------------------------------

    def is_initialized(self):
        return (self.data / "PG_VERSION").is_file()

    def is_running(self):
        result = subprocess.run(
            [self.bin / "pg_isready", "-q", "-h", self.socket_dir, "-p", str(self.port)], check=False
        )
        return result.returncode == 0

    def initialize(self):
        """initdb (once) with our settings."""
        for directory in (self.data, self.socket_dir, self.log.parent):
            directory.mkdir(parents=True, exist_ok=True)
        self._hand_over(self.data, self.socket_dir, self.log.parent)
        os.chmod(self.data, 0o700)
        os.chmod(self.socket_dir, 0o700)
        if self.is_initialized():
            self._write_settings()  # a server made by an older version gets today's (at its next start)
            return
        self._run(
            "initdb",
            "-D",
            self.data,
            "--username",
            SUPERUSER,
            "--auth-local",
            "trust",
            "--auth-host",
            "reject",
            "--encoding",
            "UTF8",
            "--locale",
            "C.UTF-8",
        )
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write("\ninclude_if_exists = 'mittelangeln.conf'\n")
        self._write_settings()

    def _write_settings(self):
        settings = self.data / "mittelangeln.conf"
        if not settings.exists() or settings.read_text() != SETTINGS:
            settings.write_text(SETTINGS)
            self._hand_over(settings)

    def start(self):
        """Start the server unless it runs; True if this call started it."""
        self.initialize()
        if self.is_running():
            return False
        self._pg_ctl("start")
        self.create_databases()
        return True

    def stop(self, mode="fast"):
        if self.is_initialized() and (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "stop", "-w", "-t", "60", "-m", mode, "-D", self.data)

    def restart(self):
        self._pg_ctl("restart", "-m", "fast")

    def _pg_ctl(self, action, *options):
        server_options = f"-k {self.socket_dir} -p {self.port}"
        self._run("pg_ctl", action, "-w", "-t", "60", *options, "-D", self.data, "-l", self.log, "-o", server_options)

    def wait_until_running(self, timeout=60):
        deadline = time.monotonic() + timeout
        while not self.is_running():
            if time.monotonic() > deadline:
                raise PostgresError(f"PostgreSQL antwortet nicht (Protokoll: {self.log}).")
            time.sleep(0.2)

    def destroy(self):
        """Stop and delete the cluster's data (tests, the restore drill)."""
        self.stop("immediate")
        shutil.rmtree(self.data, ignore_errors=True)

    # -- databases ----------------------------------------------------------

    def create_databases(self):
        for database in (ZODB_DATABASE, STATE_DATABASE):
            if not self.database_exists(database):
                self._run("createdb", *self._connection(), "-O", SUPERUSER, database)

    def database_exists(self, database):
        output = self.psql("SELECT 1 FROM pg_database WHERE datname = :'name'", variables={"name": database})
        return output.strip() == "1"

    def psql(self, sql, database="postgres", variables=None):
        """Run SQL with psql; returns its unaligned output."""
        arguments = ["psql", *self.client_arguments(database), "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1"]
        for name, value in (variables or {}).items():
            arguments += ["-v", f"{name}={value}"]
        return self._run(*arguments, input=sql)

    def _connection(self):
        return ["-h", str(self.socket_dir), "-p", str(self.port), "-U", SUPERUSER]

    # -- running the programs -----------------------------------------------

    def _run(self, program, *arguments, input=None):
        command = [*self._as_owner(), str(self.bin / program), *map(str, arguments)]
        result = subprocess.run(command, input=input, capture_output=True, text=True, check=False, cwd="/")
        if result.returncode != 0:
            raise PostgresError(f"{program} fehlgeschlagen: {result.stderr.strip() or result.stdout.strip()}")
        return result.stdout

    @staticmethod
    def _as_owner():
        """PostgreSQL's programs refuse root: run them as ``postgres``."""
        if os.geteuid() != 0:
            return []
        return ["runuser", "-u", "postgres", "--"]

    @staticmethod
    def _hand_over(*paths):
        """Give these paths (not what is in them: initdb and the server write
        their own files as ``postgres``, and a running server's files come and
        go) to ``postgres`` when we are root."""
        if os.geteuid() != 0:
            return
        owner = pwd.getpwnam("postgres")
        for path in paths:
            os.chown(path, owner.pw_uid, owner.pw_gid)
