#!/bin/sh
# Back up the portal's data: ZODB with repozo (incremental after a full
# backup; a new full one when the last is BACKUP_FULL_DAYS old) and a
# snapshot of the blob storage. Safe while the portal runs. Afterwards the
# backups older than BACKUP_KEEP_DAYS are deleted (the rule is in
# src/mittelangeln/policy/backup_retention.py: never the newest, never a
# full backup its incrementals still need).
#
# Usage: scripts/backup.sh [VAR_DIR] [BACKUP_DIR]   (`make backup`)
set -eu
# The backups hold the whole ZODB and the access trail: only for their owner.
umask 077
cd "$(dirname "$0")/.."
VAR_DIR=${1:-var}
BACKUP_DIR=${2:-${MITTELANGELN_BACKUP_DIR:-var/backups}}
KEEP_DAYS=${BACKUP_KEEP_DAYS:-14}
FULL_DAYS=${BACKUP_FULL_DAYS:-7}
RETENTION=src/mittelangeln/policy/backup_retention.py
stamp=$(date -u +%Y-%m-%d-%H-%M-%S)

mkdir -p "$BACKUP_DIR/filestorage" "$BACKUP_DIR/blobstorage"
full=""
if python3 "$RETENTION" full-due "$BACKUP_DIR/filestorage" "$FULL_DAYS"; then
    full="--full"
fi
# The ZODB first: blobs are never changed once written, so a blob snapshot
# taken afterwards holds every blob the backed-up transactions refer to.
bin/repozo --backup --quick --gzip $full \
    --file "$VAR_DIR/filestorage/Data.fs" \
    --repository "$BACKUP_DIR/filestorage"
tar -C "$VAR_DIR" -czf "$BACKUP_DIR/blobstorage/blobstorage-$stamp.tar.gz" blobstorage
# Access trail and login-failure counters (SQLite beside the ZODB), copied
# with SQLite's online backup so a write during the copy cannot tear it.
# `make restore` brings them back only where they are missing or empty:
# an audit trail is not rewound.
for database in "$VAR_DIR"/instance*/*.sqlite; do  # the client home of the instance
    [ -e "$database" ] || continue
    mkdir -p "$BACKUP_DIR/local"
    python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).backup(sqlite3.connect(sys.argv[2]))' \
        "$database" "$BACKUP_DIR/local/$(basename "$database" .sqlite)-$stamp.sqlite"
done
python3 "$RETENTION" embedded "$BACKUP_DIR" "$KEEP_DAYS"
echo "Sicherung abgeschlossen: $BACKUP_DIR ($stamp)"
