"""BACKUP_KEEP_DAYS: which backups go after a backup (backup_retention)."""

import os
import subprocess
import sys
import time

import pytest

from mittelangeln.policy import backup_retention
from mittelangeln.policy.cluster.backup import backups


NOW = time.time()
DAY = 24 * 60 * 60
RETENTION_SCRIPT = backup_retention.__file__


def make(directory, name, days_old, content=b"x"):
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if name.endswith("/"):
        path.mkdir()
    else:
        path.write_bytes(content)
    os.utime(path, (NOW - days_old * DAY, NOW - days_old * DAY))
    return path


def names(paths):
    return sorted(path.name for path in paths)


@pytest.fixture
def repository(tmp_path):
    """Three repozo chains: January (all old), February (old full, young
    incremental), March (the newest, old)."""
    directory = tmp_path / "filestorage"
    for name, days in [
        ("2024-01-01-00-00-00.fsz", 40),
        ("2024-01-01-00-00-00.dat", 40),
        ("2024-01-01-00-00-00.index", 40),
        ("2024-01-02-00-00-00.deltafsz", 39),
        ("2024-01-02-00-00-00.index", 39),
        ("2024-02-01-00-00-00.fsz", 30),
        ("2024-02-01-00-00-00.dat", 30),
        ("2024-02-02-00-00-00.deltafsz", 1),
        ("2024-03-01-00-00-00.fsz", 20),
        ("2024-03-01-00-00-00.dat", 20),
    ]:
        make(directory, name, days)
    return directory


def test_an_old_chain_goes_whole_with_its_dat_and_index_files(repository):
    doomed = backup_retention.expired_repozo_files(repository, keep_days=14, now=NOW)
    assert names(doomed) == [
        "2024-01-01-00-00-00.dat",
        "2024-01-01-00-00-00.fsz",
        "2024-01-01-00-00-00.index",
        "2024-01-02-00-00-00.deltafsz",
        "2024-01-02-00-00-00.index",
    ]


def test_a_full_backup_stays_while_a_young_incremental_needs_it(repository):
    doomed = names(backup_retention.expired_repozo_files(repository, keep_days=14, now=NOW))
    assert "2024-02-01-00-00-00.fsz" not in doomed
    assert "2024-02-02-00-00-00.deltafsz" not in doomed


def test_the_newest_full_backup_stays_however_old(repository):
    doomed = names(backup_retention.expired_repozo_files(repository, keep_days=1 / 24, now=NOW))
    assert "2024-03-01-00-00-00.fsz" not in doomed
    assert "2024-03-01-00-00-00.dat" not in doomed
    assert "2024-02-01-00-00-00.fsz" in doomed
    assert "2024-02-02-00-00-00.deltafsz" in doomed


def test_nothing_goes_within_the_retention_period(repository):
    assert backup_retention.expired_repozo_files(repository, keep_days=60, now=NOW) == []


def test_snapshots_and_sqlite_copies_go_when_old_but_the_newest_of_each_kind_stays(tmp_path):
    make(tmp_path, "blobstorage/blobstorage-2024-01-01-00-00-00.tar.gz", 40)
    make(tmp_path, "blobstorage/blobstorage-2024-02-01-00-00-00.tar.gz", 20)
    make(tmp_path, "blobstorage/blobstorage-2024-03-01-00-00-00.tar.gz", 2)
    make(tmp_path, "local/access-trail-2024-01-01-00-00-00.sqlite", 40)
    make(tmp_path, "local/access-trail-2024-02-01-00-00-00.sqlite", 20)
    make(tmp_path, "local/login-failures-2024-01-01-00-00-00.sqlite", 40)
    doomed = backup_retention.expired_embedded(tmp_path, keep_days=14, now=NOW)
    assert names(doomed) == [
        "access-trail-2024-01-01-00-00-00.sqlite",
        "blobstorage-2024-01-01-00-00-00.tar.gz",
        "blobstorage-2024-02-01-00-00-00.tar.gz",
    ]


def test_backup_sh_runs_the_rule_with_the_systems_python(tmp_path, repository):
    """scripts/backup.sh calls the module as a file, without the portal's
    packages on the path."""
    make(tmp_path, "blobstorage/blobstorage-2024-01-01-00-00-00.tar.gz", 40)
    make(tmp_path, "blobstorage/blobstorage-2024-03-01-00-00-00.tar.gz", 20)
    result = subprocess.run(
        ["/usr/bin/python3", "-I", RETENTION_SCRIPT, "embedded", str(tmp_path), "14"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "blobstorage-2024-01-01-00-00-00.tar.gz" in result.stdout
    assert names((tmp_path / "blobstorage").iterdir()) == ["blobstorage-2024-03-01-00-00-00.tar.gz"]
    assert names(repository.iterdir()) == [
        "2024-02-01-00-00-00.dat",
        "2024-02-01-00-00-00.fsz",
        "2024-02-02-00-00-00.deltafsz",
        "2024-03-01-00-00-00.dat",
        "2024-03-01-00-00-00.fsz",
    ]


def test_a_full_backup_is_due_when_the_newest_is_older_than_the_full_interval(repository, tmp_path):
    assert backup_retention.full_backup_due(repository, full_days=7, now=NOW)
    assert not backup_retention.full_backup_due(repository, full_days=30, now=NOW)
    assert backup_retention.full_backup_due(tmp_path / "empty", full_days=7, now=NOW)
    due = subprocess.run([sys.executable, RETENTION_SCRIPT, "full-due", str(repository), "30"], check=False)
    assert due.returncode == 1


def test_cluster_backups_go_when_old_but_never_the_newest_and_never_a_partial_one(tmp_path):
    make(tmp_path, "2024-01-01-00-00-00/", 40)
    make(tmp_path, "2024-02-01-00-00-00/", 20)
    make(tmp_path, "2024-03-01-00-00-00.partial/", 30)
    assert names(backups(tmp_path)) == ["2024-01-01-00-00-00", "2024-02-01-00-00-00"]
    doomed = backup_retention.expired_files(backups(tmp_path), keep_days=14, now=NOW)
    assert names(doomed) == ["2024-01-01-00-00-00"]
    backup_retention.delete(doomed)
    assert names(tmp_path.iterdir()) == ["2024-02-01-00-00-00", "2024-03-01-00-00-00.partial"]
