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
echo "Wiederhergestellt aus $BACKUP_DIR ($snapshot)"
