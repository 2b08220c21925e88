"""When a file in the hot folder is complete. Scanners and scan services
write into the folder directly, slowly, or over a network share; a file is
taken only when

1. neither the PDF nor its sidecar was modified for ``settle`` seconds,
2. the PDF ends with ``%%EOF`` (the last thing a PDF writer writes; a
   PDF with incremental updates ends with one, too),
3. the sidecar, if there is one, is complete JSON, and
4. the PDF's size and time did not change while it was read (checked by
   the hot folder after reading).

A PDF without ``%%EOF`` or a sidecar that is no JSON, both untouched for
``patience`` seconds, will not be completed any more: the file is then
taken, and refused with a message. A scanner that writes a sidecar writes
it before the PDF or within the settle time."""

import os
import time

from mittelangeln.policy.posteingang.scans.sidecar import complete
from mittelangeln.policy.posteingang.scans.sidecar import find_sidecar


SETTLE_SECONDS = 10
PATIENCE_SECONDS = 600
WAIT, READY, ABANDONED = "wait", "ready", "abandoned"


def ends_with_eof(path):
    with open(path, "rb") as pdf:
        pdf.seek(0, os.SEEK_END)
        size = pdf.tell()
        pdf.seek(max(0, size - 1024))
        return b"%%EOF" in pdf.read()


def state(pdf, settle=SETTLE_SECONDS, patience=PATIENCE_SECONDS, now=None):
    """WAIT, READY or ABANDONED (incomplete and given up) for the PDF at ``pdf``."""
    now = time.time() if now is None else now
    sidecar = find_sidecar(pdf)
    paths = [pdf] + ([sidecar] if sidecar else [])
    quiet = min(now - path.stat().st_mtime for path in paths)
    if quiet < settle:
        return WAIT
    if ends_with_eof(pdf) and (sidecar is None or complete(sidecar.read_bytes())):
        return READY
    return ABANDONED if quiet >= patience else WAIT


def signature(path):
    """What must not change while a file is read: its size and time."""
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns
