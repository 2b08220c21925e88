"""Moving the portal's database between the embedded FileStorage and the
cluster's RelStorage, both ways, with RelStorage's ``bin/zodbconvert``.

    bin/cluster migrate-from-filestorage [--filestorage Data.fs --blobs DIR] [--clear]
    bin/cluster migrate-to-filestorage --filestorage Data.fs --blobs DIR [--clear]

The zodbconvert configuration is written to ``<cluster var>/migration/``.
Nothing is done while a portal uses the source or the destination (the
embedded portal holds Data.fs.lock; cluster nodes hold connections to the
ZODB database), when the source is missing, or when the destination already
holds data and ``--clear`` is not given, nor does ``--clear`` delete a
``--blobs`` directory that is neither empty nor a ZODB blob directory. The
copy is made beside the destination (into the database
``mittelangeln_migration``, into ``Data.fs.migration``) and takes the
destination's place only when complete: a conversion that fails leaves the
destination as it was.

The cluster's database is history-free: FileStorage → RelStorage copies the
current record of every object (zodbconvert uses the FileStorage's record
iteration); RelStorage → FileStorage writes one transaction per distinct
transaction id still holding current objects (RelStorage's history-free
iterator), without the original transaction notes, and blobs are copied
through the conversion's own blob cache.
"""

import argparse
import fcntl
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from mittelangeln.policy.cluster.nodes import ROOT
from mittelangeln.policy.cluster.postgres import SUPERUSER
from mittelangeln.policy.cluster.postgres import ZODB_DATABASE


ZODBCONVERT = ROOT / "bin" / "zodbconvert"
DEFAULT_FILESTORAGE = ROOT / "var" / "filestorage" / "Data.fs"
DEFAULT_BLOBS = ROOT / "var" / "blobstorage"
TO_CLUSTER = "to-cluster"
TO_FILESTORAGE = "to-filestorage"
TO_CLUSTER_COMMAND = "migrate-from-filestorage"
TO_FILESTORAGE_COMMAND = "migrate-to-filestorage"
MIGRATION_COMMANDS = (TO_CLUSTER_COMMAND, TO_FILESTORAGE_COMMAND)
# The copy into the cluster; renamed to ZODB_DATABASE when complete.
MIGRATION_DATABASE = "mittelangeln_migration"
# Besides blobs, a blob directory holds only these.
BLOB_DIR_HOUSEKEEPING = {".layout", "tmp", ".removed"}
BLOB_DIR_MARKER = ".layout"  # ZODB writes it into every blob directory
FILESTORAGE_SUFFIXES = ("", ".index", ".tmp", ".lock", ".old")
MISSING_BLOB = "Failed to open blob to copy"
RUNNING_EMBEDDED = "Das Portal läuft noch auf {path}: bitte zuerst beenden (Strg+C bei make run)."


class MigrationError(RuntimeError):
    """The migration refused or failed; the message says why (German)."""


# -- the zodbconvert configuration ----------------------------------------


def filestorage_section(name, path, blobs, read_only):
    return (
        f"<filestorage {name}>\n"
        f"    path {path}\n"
        f"    blob-dir {blobs}\n"
        f"    read-only {'true' if read_only else 'false'}\n"
        f"</filestorage>\n"
    )


def relstorage_section(name, dsn, blob_cache, read_only):
    # As the cluster's instances (parts/instance-cluster/etc/zope.conf):
    # history-free, blobs in PostgreSQL; blob-dir is only the conversion's
    # cache.
    return (
        f"<relstorage {name}>\n"
        f"    keep-history false\n"
        f"    shared-blob-dir false\n"
        f"    blob-dir {blob_cache}\n"
        f"    blob-cache-size 1gb\n"
        f"    read-only {'true' if read_only else 'false'}\n"
        f"    <postgresql>\n"
        f"        dsn {dsn}\n"
        f"    </postgresql>\n"
        f"</relstorage>\n"
    )


def work_dir(cluster):
    return cluster.var / "migration"


def write_configuration(cluster, direction, filestorage, blobs, database=ZODB_DATABASE):
    """The zodbconvert configuration for ``direction``; returns its path."""
    directory = work_dir(cluster)
    directory.mkdir(parents=True, exist_ok=True)
    dsn = cluster.postgres.dsn(database)
    cache = directory / "blobcache"
    if direction == TO_CLUSTER:
        source = filestorage_section("source", filestorage, blobs, read_only=True)
        destination = relstorage_section("destination", dsn, cache, read_only=False)
    else:
        source = relstorage_section("source", dsn, cache, read_only=True)
        destination = filestorage_section("destination", filestorage, blobs, read_only=False)
    path = directory / f"zodbconvert-{direction}.conf"
    path.write_text(f"%import relstorage\n\n{source}\n{destination}")
    return path


# -- checks ----------------------------------------------------------------


@contextmanager
def portal_lock(filestorage):
    """Hold the lock the embedded portal takes on Data.fs.lock (zc.lockfile,
    flock) while the migration reads Data.fs, so `make run` cannot start
    meanwhile; MigrationError if a portal holds it."""
    lock_path = Path(f"{filestorage}.lock")
    with open(lock_path, "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise MigrationError(RUNNING_EMBEDDED.format(path=filestorage))
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def portal_runs_on(filestorage):
    lock_path = Path(f"{filestorage}.lock")
    if not lock_path.exists():
        return False
    try:
        with portal_lock(filestorage):
            return False
    except MigrationError:
        return True


def filestorage_has_data(filestorage, blobs):
    """A Data.fs with a transaction (more than its 4-byte header) or a blob."""
    path = Path(filestorage)
    if path.exists() and path.stat().st_size > 4:
        return True
    blobs = Path(blobs)
    return blobs.is_dir() and any(entry.name not in BLOB_DIR_HOUSEKEEPING for entry in blobs.iterdir())


def relstorage_has_data(postgres, database=ZODB_DATABASE):
    if not postgres.database_exists(database):
        return False
    exists = postgres.psql("SELECT to_regclass('public.object_state') IS NOT NULL", database).strip()
    if exists != "t":
        return False
    return postgres.psql("SELECT EXISTS (SELECT 1 FROM object_state)", database).strip() == "t"


def refuse_foreign_blob_dir(blobs):
    """--clear replaces ``blobs`` whole: only an empty directory or a ZODB
    blob directory (``--blobs var`` would take var/ with it)."""
    blobs = Path(blobs)
    if blobs.is_dir() and any(blobs.iterdir()) and not (blobs / BLOB_DIR_MARKER).is_file():
        raise MigrationError(
            f"{blobs} ist kein Blob-Verzeichnis (keine Datei {BLOB_DIR_MARKER}) und nicht leer: "
            "nichts gelöscht, nichts übernommen. Bitte mit --blobs das Blob-Verzeichnis des Portals angeben."
        )


def database_clients(postgres):
    """Connections to the ZODB database other than ours (instances, tools)."""
    output = postgres.psql(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = :'name' AND pid <> pg_backend_pid()",
        variables={"name": ZODB_DATABASE},
    )
    return int(output.strip() or 0)


def refuse_if_cluster_in_use(cluster):
    nodes = cluster.running_nodes()
    if nodes:
        listed = ", ".join(map(str, nodes))
        raise MigrationError(f"Der Cluster läuft noch (Knoten {listed}): bitte zuerst `bin/cluster stop`.")
    if cluster.postgres.is_running() and database_clients(cluster.postgres):
        raise MigrationError(
            f"Noch verbunden mit der Datenbank {ZODB_DATABASE} ({cluster.postgres.data}): "
            "bitte zuerst alle Instanzen des Clusters beenden."
        )


# -- running the conversion ----------------------------------------------


@contextmanager
def postgres_running(postgres):
    """PostgreSQL for the migration; stopped again if this started it."""
    started = postgres.start()
    try:
        yield
    finally:
        if started:
            postgres.stop()


def run_zodbconvert(config, output=None):
    """Run zodbconvert, its log passed on to ``output`` (stdout); returns the
    number of blobs it could not read. RelStorage's copier logs such a blob
    ("Failed to open blob to copy") and carries on without it."""
    output = output or sys.stdout
    command = [str(ZODBCONVERT), str(config)]
    missing = 0
    with subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
    ) as process:
        for line in process.stdout:
            output.write(line)
            missing += MISSING_BLOB in line
    if process.returncode != 0:
        raise MigrationError(f"zodbconvert ist fehlgeschlagen (Rückgabewert {process.returncode}); siehe Ausgabe.")
    return missing


def missing_blobs_error(count, where, config):
    return MigrationError(
        f"{count} Blob-Datei(en) fehlen in {where} (siehe „No blob file“ in der Ausgabe). Nichts übernommen. "
        f"Fehlende Dateien aus einer Sicherung zurückholen oder zodbconvert selbst mit {config} aufrufen."
    )


def stored_blobs(postgres):
    """Blobs in the cluster's history-free database (one per object)."""
    return int(postgres.psql("SELECT count(DISTINCT zoid) FROM blob_chunk", ZODB_DATABASE).strip())


def drop_migration_database(postgres):
    # FORCE: an interrupted zodbconvert may still hold a connection to it.
    postgres.psql(f'DROP DATABASE IF EXISTS "{MIGRATION_DATABASE}" WITH (FORCE)')


def replace_zodb_database(postgres):
    """The complete copy takes the ZODB database's place (no client is
    connected: refuse_if_cluster_in_use)."""
    postgres.psql(f'DROP DATABASE IF EXISTS "{ZODB_DATABASE}"')
    postgres.psql(f'ALTER DATABASE "{MIGRATION_DATABASE}" RENAME TO "{ZODB_DATABASE}"')


def remove_filestorage(filestorage, blobs, keep_lock=False):
    for suffix in FILESTORAGE_SUFFIXES:
        if not (keep_lock and suffix == ".lock"):
            Path(f"{filestorage}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(blobs, ignore_errors=True)


def empty_blob_caches(cluster):
    """The nodes' blob caches would serve blobs of the replaced database."""
    for cache in cluster.var.glob("node-*/blobcache"):
        shutil.rmtree(cache, ignore_errors=True)
        cache.mkdir()


def to_cluster(cluster, filestorage=DEFAULT_FILESTORAGE, blobs=DEFAULT_BLOBS, clear=False, output=None):
    """Copy the FileStorage (with its blobs) into the cluster's PostgreSQL."""
    filestorage, blobs = Path(filestorage).resolve(), Path(blobs).resolve()
    if not filestorage.is_file():
        raise MigrationError(f"Keine FileStorage-Datei {filestorage}: nichts zu übernehmen.")
    if not blobs.is_dir():
        raise MigrationError(f"Kein Blob-Verzeichnis {blobs}: bitte mit --blobs angeben.")
    if portal_runs_on(filestorage):
        raise MigrationError(RUNNING_EMBEDDED.format(path=filestorage))
    refuse_if_cluster_in_use(cluster)
    config = write_configuration(cluster, TO_CLUSTER, filestorage, blobs, MIGRATION_DATABASE)
    started = time.monotonic()
    postgres = cluster.postgres
    with postgres_running(postgres), portal_lock(filestorage):
        if relstorage_has_data(postgres) and not clear:
            raise MigrationError(
                f"Die Datenbank des Clusters ({postgres.data}) enthält schon Daten. "
                "Nichts übernommen; mit --clear werden sie ersetzt."
            )
        drop_migration_database(postgres)  # left by an interrupted run
        postgres.psql(f'CREATE DATABASE "{MIGRATION_DATABASE}" OWNER "{SUPERUSER}"')
        try:
            missing = run_zodbconvert(config, output)
            if missing:
                raise missing_blobs_error(missing, blobs, config)
            if not relstorage_has_data(postgres, MIGRATION_DATABASE):
                raise MigrationError(f"{filestorage} enthält keine Objekte: nichts übernommen.")
        except BaseException:
            drop_migration_database(postgres)
            raise
        finally:
            shutil.rmtree(work_dir(cluster) / "blobcache", ignore_errors=True)
        replace_zodb_database(postgres)
        empty_blob_caches(cluster)
    return time.monotonic() - started


def to_filestorage(cluster, filestorage, blobs, clear=False, output=None):
    """Copy the cluster's database (with its blobs) into a new FileStorage.
    The copy is made beside the destination and put in its place when
    complete (with --clear replacing what was there)."""
    filestorage, blobs = Path(filestorage).resolve(), Path(blobs).resolve()
    refuse_foreign_blob_dir(blobs)
    if not cluster.postgres.is_initialized():
        raise MigrationError(f"Keine Datenbank des Clusters in {cluster.postgres.data}: nichts zu übernehmen.")
    if portal_runs_on(filestorage):
        raise MigrationError(RUNNING_EMBEDDED.format(path=filestorage))
    if filestorage_has_data(filestorage, blobs) and not clear:
        raise MigrationError(
            f"{filestorage} oder {blobs} enthält schon Daten. Nichts übernommen; mit --clear werden sie ersetzt."
        )
    refuse_if_cluster_in_use(cluster)
    new_filestorage = filestorage.with_name(f"{filestorage.name}.migration")
    new_blobs = blobs.with_name(f"{blobs.name}.migration")
    started = time.monotonic()
    filestorage.parent.mkdir(parents=True, exist_ok=True)
    with postgres_running(cluster.postgres), portal_lock(filestorage):
        if not relstorage_has_data(cluster.postgres):
            raise MigrationError(f"Die Datenbank des Clusters ({cluster.postgres.data}) ist leer: nichts zu kopieren.")
        remove_filestorage(new_filestorage, new_blobs)
        config = write_configuration(cluster, TO_FILESTORAGE, new_filestorage, new_blobs)
        try:
            run_zodbconvert(config, output)
            # ZODB's copy into a FileStorage skips an unreadable blob silently.
            copied, expected = sum(1 for _ in new_blobs.rglob("*.blob")), stored_blobs(cluster.postgres)
            if copied != expected:
                raise missing_blobs_error(expected - copied, new_blobs, config)
        except BaseException:
            remove_filestorage(new_filestorage, new_blobs)
            raise
        finally:
            shutil.rmtree(work_dir(cluster) / "blobcache", ignore_errors=True)
        # The complete copy takes the place of the old files (the lock file,
        # held meanwhile, stays).
        remove_filestorage(filestorage, blobs, keep_lock=True)
        for suffix in (".index", ""):
            if Path(f"{new_filestorage}{suffix}").exists():
                os.replace(f"{new_filestorage}{suffix}", f"{filestorage}{suffix}")
        os.replace(new_blobs, blobs)
        remove_filestorage(new_filestorage, new_blobs)  # its .lock and .tmp
    return time.monotonic() - started


def parse_options(command, options):
    parser = argparse.ArgumentParser(prog=f"bin/cluster {command}")
    required = command == TO_FILESTORAGE_COMMAND
    parser.add_argument(
        "--filestorage",
        required=required,
        help="Data.fs des eingebetteten Portals" + ("" if required else " (Standard var/filestorage/Data.fs)"),
    )
    parser.add_argument(
        "--blobs", required=required, help="sein Blob-Verzeichnis" + ("" if required else " (Standard var/blobstorage)")
    )
    parser.add_argument("--clear", action="store_true", help="Daten im Ziel ersetzen")
    options = parser.parse_args(options)
    if bool(options.filestorage) != bool(options.blobs):
        # A Data.fs with the blobs of another one would lose its files.
        parser.error("--filestorage und --blobs bitte zusammen angeben")
    return options


def migrate(cluster, command, options):
    """bin/cluster migrate-from-filestorage / migrate-to-filestorage
    (``options``: the command line after the command)."""
    options = parse_options(command, options)
    if command == TO_CLUSTER_COMMAND:
        filestorage = options.filestorage or DEFAULT_FILESTORAGE
        seconds = to_cluster(cluster, filestorage, options.blobs or DEFAULT_BLOBS, clear=options.clear)
        print(f"{filestorage} in die Datenbank des Clusters ({cluster.postgres.data}) übernommen in {seconds:.0f} s.")
    else:
        seconds = to_filestorage(cluster, options.filestorage, options.blobs, clear=options.clear)
        print(f"Datenbank des Clusters nach {options.filestorage} und {options.blobs} übernommen in {seconds:.0f} s.")
    return 0
