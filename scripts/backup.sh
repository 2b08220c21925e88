#!/bin/sh
# Back up the portal's data: ZODB with repozo (incremental after the first
# full backup) and a snapshot of the blob storage. Safe while the portal runs.
#
# Usage: scripts/backup.sh [VAR_DIR] [BACKUP_DIR]   (`make backup`)
set -eu
cd "$(dirname "$0")/.."
VAR_DIR=${1:-var}
BACKUP_DIR=${2:-${MITTELANGELN_BACKUP_DIR:-var/backups}}
stamp=$(date -u +%Y-%m-%d-%H-%M-%S)

mkdir -p "$BACKUP_DIR/filestorage" "$BACKUP_DIR/blobstorage"
# The ZODB first: blobs are never changed once written, so a blob snapshot
# taken afterwards holds every blob the backed-up transactions refer to.
bin/repozo --backup --quick --gzip \
    --file "$VAR_DIR/filestorage/Data.fs" \
    --repository "$BACKUP_DIR/filestorage"
tar -C "$VAR_DIR" -czf "$BACKUP_DIR/blobstorage/blobstorage-$stamp.tar.gz" blobstorage
# Access trail and login-failure counters (SQLite beside the ZODB), copied
# with SQLite's online backup so a write during the copy cannot tear it.
# `make restore` does not bring them back: an audit trail is not rewound.
for database in "$VAR_DIR"/instance*/*.sqlite; do  # the client home of the instance
    [ -e "$database" ] || continue
    mkdir -p "$BACKUP_DIR/local"
    python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).backup(sqlite3.connect(sys.argv[2]))' \
        "$database" "$BACKUP_DIR/local/$(basename "$database" .sqlite)-$stamp.sqlite"
done
echo "Sicherung abgeschlossen: $BACKUP_DIR ($stamp)"
