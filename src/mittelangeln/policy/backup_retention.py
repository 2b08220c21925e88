"""Which backups to delete after a successful backup (BACKUP_KEEP_DAYS).

The rule, the same for both configurations:

- A backup older than the retention period (file time) is deleted,
- but never the newest one of its kind (the newest repozo full backup, blob
  snapshot, copy of each SQLite file, cluster dump), so a restore is always
  possible however long the backups stopped,
- and a repozo full backup (.fsz) only together with its incrementals
  (.deltafsz): a full backup and the incrementals up to the next full one
  form a chain that repozo needs whole. A chain goes when its NEWEST file is
  older than the retention period and a newer full backup exists; its
  .dat and .index files go with it.

Standard library only: scripts/backup.sh runs this file with the system's
python3 (``python3 backup_retention.py embedded BACKUP_DIR KEEP_DAYS``), and
``bin/cluster backup`` imports it.
"""

import re
import sys
import time
from pathlib import Path


DAY = 24 * 60 * 60
# repozo's names: 2024-05-01-12-00-00.fsz (full), .deltafsz (incremental)
REPOZO_DATA = re.compile(r"^(\d{4}(?:-\d\d){5})\.(fsz?|deltafsz?)$")
REPOZO_COMPANIONS = (".dat", ".index")
STAMPED = re.compile(r"^(?P<kind>.*?)-?(?P<stamp>\d{4}(?:-\d\d){5})(?P<suffix>\..*)?$")


def cutoff(keep_days, now=None):
    return (time.time() if now is None else now) - keep_days * DAY


def repozo_chains(directory):
    """[[full, incremental, ...], ...] oldest first, by repozo's file names."""
    chains = []
    for path in sorted(Path(directory).iterdir()):
        found = REPOZO_DATA.match(path.name)
        if not found:
            continue
        if found.group(2).startswith("fs") or not chains:
            chains.append([path])
        else:
            chains[-1].append(path)
    return chains


def expired_repozo_files(directory, keep_days, now=None):
    """Files of chains to delete: every chain but the newest whose newest
    file is older than the retention period, with .dat and .index."""
    limit = cutoff(keep_days, now)
    doomed = []
    for chain in repozo_chains(directory)[:-1]:
        if max(path.stat().st_mtime for path in chain) < limit:
            for path in chain:
                doomed.append(path)
                doomed += [
                    path.with_suffix(suffix) for suffix in REPOZO_COMPANIONS if path.with_suffix(suffix).exists()
                ]
    return doomed


def expired_files(paths, keep_days, now=None):
    """Of backups of one kind (paths), those older than the retention
    period, the newest always kept."""
    limit = cutoff(keep_days, now)
    by_age = sorted(paths, key=lambda path: path.stat().st_mtime)
    return [path for path in by_age[:-1] if path.stat().st_mtime < limit]


def kinds(directory, pattern="*"):
    """{kind: [paths]} of stamped backups in directory (e.g. the copies
    access-trail-<stamp>.sqlite and login-failures-<stamp>.sqlite are two
    kinds)."""
    found = {}
    for path in Path(directory).glob(pattern):
        match = STAMPED.match(path.name)
        if match:
            found.setdefault((match.group("kind"), match.group("suffix")), []).append(path)
    return found


def expired_embedded(backup_dir, keep_days, now=None):
    """What to delete of scripts/backup.sh's backups."""
    backup_dir = Path(backup_dir)
    doomed = []
    if (backup_dir / "filestorage").is_dir():
        doomed += expired_repozo_files(backup_dir / "filestorage", keep_days, now)
    for name in ("blobstorage", "local"):
        if (backup_dir / name).is_dir():
            for paths in kinds(backup_dir / name).values():
                doomed += expired_files(paths, keep_days, now)
    return doomed


def full_backup_due(directory, full_days, now=None):
    """Is the newest repozo full backup older than full_days (or missing)?
    A new chain now and then lets old ones expire."""
    chains = repozo_chains(directory) if Path(directory).is_dir() else []
    return not chains or chains[-1][0].stat().st_mtime < cutoff(full_days, now)


def delete(paths):
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*"), reverse=True):
                child.rmdir() if child.is_dir() else child.unlink()
            path.rmdir()
        else:
            path.unlink(missing_ok=True)


def main(argv):
    """embedded BACKUP_DIR KEEP_DAYS: delete expired backups, print them.
    full-due REPOSITORY DAYS: exit 0 when a full repozo backup is due."""
    command, directory, days = argv[0], argv[1], float(argv[2])
    if command == "full-due":
        return 0 if full_backup_due(directory, days) else 1
    doomed = expired_embedded(directory, days)
    delete(doomed)
    for path in doomed:
        print(f"Alte Sicherung gelöscht: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
