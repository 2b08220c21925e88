"""Backups and migrations that must not destroy or expose data: backups
only for their owner, no backup of a cluster without data (its retention
would delete the real backups), a failed `migrate-from-filestorage --clear`
keeps the cluster's database, `--clear` deletes no foreign `--blobs`
directory. No Zope nodes: a PostgreSQL of its own (var/cluster-fixes/) and
RelStorage in this process."""

import io
import os
import sqlite3
import stat
import subprocess
import time

import pytest
import ZODB
import ZODB.config
from ZODB.blob import Blob
from ZODB.FileStorage import FileStorage

from mittelangeln.policy.cluster import backup
from mittelangeln.policy.cluster import cli
from mittelangeln.policy.cluster import migration
from mittelangeln.policy.cluster.postgres import ZODB_DATABASE
from mittelangeln.policy.testing.portal_process import ROOT
from mittelangeln.policy.testing.portal_process import fresh_cluster


HTTP_PORT = 18580  # never opened: no node or HAProxy starts here
POSTGRES_PORT = 15441
VAR = ROOT / "var" / "cluster-fixes"
DAY = 24 * 60 * 60
OLD_BACKUP = "2024-01-01-00-00-00"


@pytest.fixture(scope="module")
def cluster():
    cluster = fresh_cluster("cluster-fixes", http_port=HTTP_PORT, postgres_port=POSTGRES_PORT)
    try:
        cluster.postgres.start()
        yield cluster
    finally:
        cluster.postgres.stop("immediate")


def relstorage(cluster):
    """The cluster's ZODB as its instances open it (history-free, blobs in
    PostgreSQL)."""
    section = migration.relstorage_section("zodb", cluster.postgres.dsn(), VAR / "test-blobcache", read_only=False)
    return ZODB.DB(ZODB.config.storageFromString(f"%import relstorage\n{section}"))


def fresh_zodb_database(cluster, marker=None):
    """An empty ZODB database; with ``marker`` stored in its root."""
    cluster.postgres.psql(f'DROP DATABASE IF EXISTS "{ZODB_DATABASE}" WITH (FORCE)')
    cluster.postgres.create_databases()
    if marker is not None:
        db = relstorage(cluster)
        try:
            with db.transaction() as connection:
                connection.root()["marker"] = marker
        finally:
            db.close()


def stored_marker(cluster):
    db = relstorage(cluster)
    try:
        with db.transaction() as connection:
            return connection.root().get("marker")
    finally:
        db.close()


def filestorage_with_a_blob(directory):
    """Data.fs and its blob directory with one blob and ``marker`` "neu"."""
    path, blobs = directory / "Data.fs", directory / "blobs"
    directory.mkdir(parents=True, exist_ok=True)
    db = ZODB.DB(FileStorage(str(path), blob_dir=str(blobs)))
    try:
        with db.transaction() as connection:
            connection.root()["marker"] = "neu"
            connection.root()["file"] = Blob(b"Inhalt einer Datei")
    finally:
        db.close()
    return path, blobs


def old_backup(backup_dir):
    """A complete cluster backup 40 days old."""
    directory = backup_dir / OLD_BACKUP
    directory.mkdir(parents=True)
    (directory / f"{ZODB_DATABASE}.dump").write_bytes(b"echte Sicherung")
    then = time.time() - 40 * DAY
    os.utime(directory, (then, then))
    return directory


def cluster_backup(var, backup_dir, capsys):
    """`bin/cluster backup` with a retention of 14 days; (exit code, stderr)."""
    code = cli.main(
        [
            "--var",
            str(var),
            "--postgres-port",
            str(POSTGRES_PORT),
            "--backup-dir",
            str(backup_dir),
            "--keep-days",
            "14",
            "backup",
        ]
    )
    return code, capsys.readouterr().err


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022():
    """The usual umask: what backups must not inherit."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_no_backup_of_a_cluster_never_initialized(tmp_path, capsys):
    mistyped = tmp_path / "clustr"
    backups = tmp_path / "backups"
    kept = old_backup(backups)
    code, message = cluster_backup(mistyped, backups, capsys)
    assert code == 1
    assert "Keine Datenbank des Clusters" in message
    assert "nichts gesichert" in message
    assert not (mistyped / "postgres").exists()  # no initdb
    assert list(backups.iterdir()) == [kept]
    assert (kept / f"{ZODB_DATABASE}.dump").read_bytes() == b"echte Sicherung"


def test_no_backup_of_an_empty_zodb_database(cluster, tmp_path, capsys):
    fresh_zodb_database(cluster)
    backups = tmp_path / "backups"
    kept = old_backup(backups)
    code, message = cluster_backup(VAR, backups, capsys)
    assert code == 1
    assert "ist leer: nichts gesichert" in message
    assert list(backups.iterdir()) == [kept]


def test_cluster_backups_are_for_their_owner_only(cluster, umask_022):
    fresh_zodb_database(cluster, marker="gesichert")
    backups = VAR / "backups" / "cluster"
    target, expired = backup.backup(cluster, backups, keep_days=14)
    assert expired == []
    assert oct(mode(backups.parent)) == oct(0o700)
    assert oct(mode(backups)) == oct(0o700)
    assert oct(mode(target)) == oct(0o700)
    dumps = sorted(target.iterdir())
    assert [path.name for path in dumps] == ["mittelangeln.dump", "mittelangeln_state.dump"]
    for dump in dumps:
        assert dump.stat().st_size > 0
        assert oct(mode(dump)) == oct(0o600), dump


def test_backup_sh_writes_files_for_their_owner_only(tmp_path):
    var = tmp_path / "var"
    filestorage_with_a_blob(var / "filestorage")
    (var / "filestorage" / "blobs").rename(var / "blobstorage")
    (var / "instance").mkdir()
    with sqlite3.connect(var / "instance" / "access-trail.sqlite") as connection:
        connection.execute("CREATE TABLE access (who TEXT)")
        connection.execute("INSERT INTO access VALUES ('amtsleitung')")
    connection.close()
    backups = tmp_path / "backups"
    subprocess.run(
        ["sh", "-c", 'umask 022; exec scripts/backup.sh "$1" "$2"', "backup.sh", str(var), str(backups)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    files = [path for path in backups.rglob("*") if path.is_file()]
    directories = [backups, *(path for path in backups.rglob("*") if path.is_dir())]
    assert {path.parent.name for path in files} == {"filestorage", "blobstorage", "local"}
    assert {path: oct(mode(path)) for path in files} == {path: oct(0o600) for path in files}
    assert {path: oct(mode(path)) for path in directories} == {path: oct(0o700) for path in directories}


def test_a_failed_clear_keeps_the_clusters_database(cluster, tmp_path):
    fresh_zodb_database(cluster, marker="vorher")
    filestorage, blobs = filestorage_with_a_blob(tmp_path / "kaputt")
    next(blobs.rglob("*.blob")).unlink()
    with pytest.raises(migration.MigrationError) as refused:
        migration.to_cluster(cluster, filestorage, blobs, clear=True, output=io.StringIO())
    assert "1 Blob-Datei(en) fehlen" in str(refused.value)
    assert stored_marker(cluster) == "vorher"
    assert not cluster.postgres.database_exists(migration.MIGRATION_DATABASE)


def test_clear_replaces_the_clusters_database(cluster, tmp_path):
    fresh_zodb_database(cluster, marker="vorher")
    filestorage, blobs = filestorage_with_a_blob(tmp_path / "portal")
    migration.to_cluster(cluster, filestorage, blobs, clear=True, output=io.StringIO())
    assert stored_marker(cluster) == "neu"
    assert not cluster.postgres.database_exists(migration.MIGRATION_DATABASE)


def test_clear_deletes_no_directory_but_a_blob_directory(cluster, tmp_path):
    fresh_zodb_database(cluster, marker="im Cluster")
    var = tmp_path / "var"
    (var / "filestorage").mkdir(parents=True)
    (var / "wichtig.txt").write_text("bleibt")
    with pytest.raises(migration.MigrationError) as refused:
        migration.to_filestorage(cluster, var / "filestorage" / "Data.fs", var, clear=True, output=io.StringIO())
    assert "ist kein Blob-Verzeichnis" in str(refused.value)
    assert (var / "wichtig.txt").read_text() == "bleibt"
    assert sorted(path.name for path in var.iterdir()) == ["filestorage", "wichtig.txt"]
    # An empty directory and a ZODB blob directory (.layout) are replaced.
    (tmp_path / "leer").mkdir()
    migration.refuse_foreign_blob_dir(tmp_path / "leer")
    _, blobs = filestorage_with_a_blob(tmp_path / "portal")
    assert (blobs / ".layout").is_file()
    migration.refuse_foreign_blob_dir(blobs)
