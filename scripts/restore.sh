#!/bin/sh
# Restore the portal's data from scripts/backup.sh's backups: the latest, or
# the state at a point in time given as YYYY-MM-DD-hh-mm-ss (UTC).
# Stop the portal first.
#
# Usage: scripts/restore.sh [VAR_DIR] [BACKUP_DIR] [DATE]   (`make restore`)
set -eu
cd "$(dirname "$0")/.."
VAR_DIR=${1:-var}
BACKUP_DIR=${2:-${MITTELANGELN_BACKUP_DIR:-var/backups}}
DATE=${3:-}

# Zope holds an flock on Data.fs.lock (zc.lockfile) while it runs.
if [ -e "$VAR_DIR/filestorage/Data.fs.lock" ] && \
   ! python3 -c "import fcntl,sys; f=open(sys.argv[1],'a'); fcntl.flock(f, fcntl.LOCK_EX|fcntl.LOCK_NB)" \
        "$VAR_DIR/filestorage/Data.fs.lock" 2>/dev/null; then
    echo "Das Portal läuft noch: bitte zuerst beenden (Strg+C bei make run)." >&2
    exit 1
fi

# The blob snapshot to use: the newest one not younger than DATE.
snapshot=""
for candidate in $(ls "$BACKUP_DIR/blobstorage" | sort); do
    taken=${candidate#blobstorage-}; taken=${taken%.tar.gz}
    if [ -z "$DATE" ] || [ ! "$taken" \> "$DATE" ]; then
        snapshot=$candidate
    fi
done
if [ -z "$snapshot" ]; then
    echo "Keine Blob-Sicherung in $BACKUP_DIR/blobstorage gefunden." >&2
    exit 1
fi

rm -f "$VAR_DIR/filestorage/Data.fs".*
bin/repozo --recover ${DATE:+--date "$DATE"} \
    --repository "$BACKUP_DIR/filestorage" \
    --output "$VAR_DIR/filestorage/Data.fs"
rm -rf "$VAR_DIR/blobstorage"
tar -C "$VAR_DIR" -xzf "$BACKUP_DIR/blobstorage/$snapshot"
# The SQLite files (access trail, login failures ...) come back only where
# they are missing or hold no rows: an audit trail is not rewound, but a
# lost one is restored. The copy is the newest not younger than DATE.
if [ -d "$BACKUP_DIR/local" ]; then
    for home in "$VAR_DIR"/instance*/; do
        [ -d "$home" ] || continue
        python3 - "$BACKUP_DIR/local" "$home" "$DATE" <<'PYTHON'
import re, shutil, sqlite3, sys
from pathlib import Path

local, home, date = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
copies = {}
for copy in sorted(local.glob("*.sqlite")):
    found = re.match(r"^(.*)-(\d{4}(?:-\d\d){5})\.sqlite$", copy.name)
    if found and (not date or found.group(2) <= date):
        copies[found.group(1)] = copy  # sorted: the newest wins


def is_empty(path):
    if not path.exists() or path.stat().st_size == 0:
        return True
    with sqlite3.connect(path) as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return not any(connection.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() for table in tables)


for name, copy in copies.items():
    target = home / f"{name}.sqlite"
    if is_empty(target):
        for stale in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
            stale.unlink(missing_ok=True)
        shutil.copyfile(copy, target)
        print(f"Wiederhergestellt: {target}")
    else:
        print(f"Nicht überschrieben (enthält Einträge): {target}")
PYTHON
    done
fi
echo "Wiederhergestellt aus $BACKUP_DIR ($snapshot)"
