"""Backup and restore of the cluster (`make backup-cluster`, `make
restore-cluster`, bin/cluster backup|restore).

Everything the cluster keeps is in its PostgreSQL: the ZODB (history-free
RelStorage; blobs in the database, the nodes' blob directories are only
caches) and the shared state (access trail, login failures, form rate
limit, worker heartbeats). A backup is one directory ``<stamp>/`` (UTC,
YYYY-MM-DD-hh-mm-ss) with ``pg_dump --format=custom`` files of both
databases, written as ``<stamp>.partial/`` and renamed when complete.
pg_dump reads one consistent snapshot, so a backup may run while the
cluster serves. Afterwards backups older than the retention period are
deleted (backup_retention: never the newest). Backups hold the whole
ZODB and the access trail: directories 0700, files 0600. A cluster without
data (PostgreSQL not initialized, e.g. a mistyped --var, or an empty ZODB
database) is not backed up: its "backup" would be the newest and let the
retention delete the real ones.

A restore needs the nodes and HAProxy stopped. It replaces the ZODB
database and empties the nodes' blob caches; the state database is
restored only when it is missing or holds no rows (besides worker
heartbeats): an audit trail is not rewound, like scripts/restore.sh.
"""

import datetime
import os
import shutil
import subprocess
from pathlib import Path

from mittelangeln.policy import backup_retention
from mittelangeln.policy.cluster.migration import relstorage_has_data
from mittelangeln.policy.cluster.nodes import ClusterError
from mittelangeln.policy.cluster.postgres import STATE_DATABASE
from mittelangeln.policy.cluster.postgres import ZODB_DATABASE
from mittelangeln.policy.cluster.postgres import Postgres


DATABASES = (ZODB_DATABASE, STATE_DATABASE)
PARTIAL = ".partial"
STAMP_FORMAT = "%Y-%m-%d-%H-%M-%S"
# Rows of these tables do not make the state database worth keeping.
VOLATILE_TABLES = ("workers",)


def dump_file(directory, database):
    return Path(directory) / f"{database}.dump"


def backups(backup_dir):
    """The complete backups, oldest first."""
    backup_dir = Path(backup_dir)
    if not backup_dir.is_dir():
        return []
    return sorted(
        path
        for path in backup_dir.iterdir()
        if path.is_dir() and backup_retention.STAMPED.match(path.name) and not path.name.endswith(PARTIAL)
    )


def backup(cluster, backup_dir, keep_days, now=None):
    """Dump both databases into a new backup directory; delete expired
    backups. Returns the new directory."""
    backup_dir = Path(backup_dir)
    stamp = (now or datetime.datetime.now(datetime.timezone.utc)).strftime(STAMP_FORMAT)
    target = backup_dir / stamp
    partial = backup_dir / (stamp + PARTIAL)
    if not cluster.postgres.is_initialized():
        # start() would run initdb and the empty dump would count as a backup.
        raise ClusterError(
            f"Keine Datenbank des Clusters in {cluster.postgres.data} (--var richtig?): nichts gesichert, "
            "keine alte Sicherung gelöscht."
        )
    started = _start_postgres(cluster)
    try:
        if not relstorage_has_data(cluster.postgres):
            raise ClusterError(
                f"Die Datenbank des Clusters ({cluster.postgres.data}) ist leer: nichts gesichert, "
                "keine alte Sicherung gelöscht."
            )
        private_directory(backup_dir)
        partial.mkdir(mode=0o700)
        os.chmod(partial, 0o700)  # mkdir's mode is reduced by the umask
        for database in DATABASES:
            _stream(
                "pg_dump",
                cluster.postgres,
                ["--format=custom", "--no-owner"],
                database,
                out=dump_file(partial, database),
            )
        partial.rename(target)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
        if started:
            cluster.stop()
    expired = backup_retention.expired_files(backups(backup_dir), keep_days)
    backup_retention.delete(expired)
    return target, expired


def private_directory(path):
    """Create ``path`` (and missing parents) readable only by its owner;
    an existing directory keeps its mode."""
    path = Path(path)
    if path.is_dir():
        return
    private_directory(path.parent)
    path.mkdir(mode=0o700)
    os.chmod(path, 0o700)


def choose(backup_dir, date=None):
    """The newest backup not younger than date (YYYY-MM-DD-hh-mm-ss)."""
    candidates = [path for path in backups(backup_dir) if not date or path.name <= date]
    if not candidates:
        where = f" bis {date}" if date else ""
        raise ClusterError(f"Keine Cluster-Sicherung{where} in {backup_dir} gefunden.")
    return candidates[-1]


def running_parts(cluster):
    """German names of the cluster's processes that run."""
    running = [f"Knoten {number}" for number in cluster.running_nodes()]
    if cluster.balancer.is_running():
        running.append("HAProxy")
    return running


def restore(cluster, backup_dir, date=None):
    """Restore the chosen backup; returns (backup used, state restored?)."""
    source = choose(backup_dir, date)
    running = running_parts(cluster)
    if running:
        raise ClusterError(
            f"Der Cluster läuft noch ({', '.join(running)}): bitte zuerst beenden (make stop-cluster bzw. Strg+C)."
        )
    postgres = cluster.postgres
    started = _start_postgres(cluster)
    try:
        postgres.psql(f'DROP DATABASE IF EXISTS "{ZODB_DATABASE}"')
        postgres.psql(f'CREATE DATABASE "{ZODB_DATABASE}"')
        _restore(postgres, source, ZODB_DATABASE)
        state_restored = False
        if state_is_empty(postgres):
            postgres.psql(f'DROP DATABASE IF EXISTS "{STATE_DATABASE}"')
            postgres.psql(f'CREATE DATABASE "{STATE_DATABASE}"')
            _restore(postgres, source, STATE_DATABASE)
            state_restored = True
    finally:
        if started:
            cluster.stop()
    for cache in cluster.var.glob("node-*/blobcache"):
        # Cached blobs of the replaced database: RelStorage would trust them.
        shutil.rmtree(cache)
        cache.mkdir()
    return source, state_restored


def _start_postgres(cluster):
    """Start PostgreSQL unless it runs; recorded, so that `bin/cluster stop`
    stops it should this command be interrupted."""
    started = cluster.postgres.start()
    if started:
        cluster.record({"postgres": True, "nodes": [], "balancer": False})
    return started


def state_is_empty(postgres):
    if not postgres.database_exists(STATE_DATABASE):
        return True
    tables = postgres.psql(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'", database=STATE_DATABASE
    ).split()
    for table in tables:
        if table in VOLATILE_TABLES:
            continue
        if postgres.psql(f'SELECT 1 FROM "{table}" LIMIT 1', database=STATE_DATABASE).strip():
            return False
    return True


def _restore(postgres, source, database):
    _stream(
        "pg_restore",
        postgres,
        ["--no-owner", "--exit-on-error"],
        database,
        source=dump_file(source, database),
    )


def _stream(program, postgres, options, database, out=None, source=None):
    """Run pg_dump (into the file ``out``) or pg_restore (from ``source``)
    as PostgreSQL's user, streaming the file through this process: the
    ``postgres`` user need not be able to write or read the backup
    directory."""
    command = [
        *Postgres._as_owner(),
        str(postgres.bin / program),
        *options,
        *postgres.client_arguments(database),
    ]
    if out is not None:
        with os.fdopen(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as output:
            result = subprocess.run(command, stdout=output, stderr=subprocess.PIPE, cwd="/", check=False)
    else:
        with open(source, "rb") as input_file:
            result = subprocess.run(
                command, stdin=input_file, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd="/", check=False
            )
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise ClusterError(f"{program} ({database}) fehlgeschlagen: {message}")
