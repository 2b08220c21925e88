"""The e-mail drop directory (control panel, tab Posteingang; relative paths
from the portal's working directory): every ``*.eml`` file in it becomes an
Eingang, each in its own transaction.

Files still being written are not taken: only ``*.eml`` files whose last
change is at least SETTLE_SECONDS old are read. Writers should write under
another name (``nachricht.eml.tmp``, ``.nachricht.eml``) and rename to
``*.eml`` when done; a writer that cannot rename must not pause longer than
SETTLE_SECONDS in the middle of a file.

After the commit a taken file moves to ``erledigt/``; a refused one moves
to ``fehler/`` with ``<name>.fehler.txt`` beside it holding the German
reason, which the intake protocol records as well. A file whose message is
already known (a crash between commit and move, or the same message
delivered twice) also moves to ``erledigt/``."""

import datetime
import logging
import time
from pathlib import Path

from ZODB.POSException import ConflictError

from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.posteingang import protocol
from mittelangeln.policy.posteingang.files import IntakeRefused
from mittelangeln.policy.posteingang.mail.parse import CHANNEL
from mittelangeln.policy.posteingang.mail.take import check_size
from mittelangeln.policy.posteingang.mail.take import take_message


logger = logging.getLogger(__name__)

SETTLE_SECONDS = 10
DONE = "erledigt"
FAILED = "fehler"
SUFFIX = ".eml"


def poll_maildrop(directory, commit, abort, settle=SETTLE_SECONDS, limit=None):
    """Take the settled .eml files of ``directory``; returns counts: taken,
    known, refused, waiting (not settled yet), failed (left for the next
    round, see the log)."""
    counts = {"taken": 0, "known": 0, "refused": 0, "waiting": 0, "failed": 0}
    folder = Path(directory) if directory else None
    if folder is None or not folder.is_dir():
        return counts
    handled = 0
    for path in sorted(folder.iterdir()):
        if limit is not None and handled >= limit:
            break
        if not is_message_file(path):
            continue
        if not settled(path, settle):
            counts["waiting"] += 1
            continue
        counts[take_file(path, commit, abort)] += 1
        handled += 1
    return counts


def is_message_file(path):
    return path.suffix.lower() == SUFFIX and not path.name.startswith(".") and path.is_file()


def settled(path, settle):
    try:
        changed = path.stat().st_mtime
    except FileNotFoundError:  # taken by another process meanwhile
        return False
    return time.time() - changed >= settle


def take_file(path, commit, abort):
    """Register the message in ``path``; returns the count it belongs to."""
    source = translate(_("E-mail drop directory: ${name}", mapping={"name": path.name}))
    try:
        check_size(path.stat().st_size)
        eingang, new = take_message(path.read_bytes(), source)
        if new:
            commit()
        else:
            abort()
    except IntakeRefused as refusal:
        abort()
        reason = protocol.refused(CHANNEL, source, refusal.args[0])
        commit()
        move(path, FAILED, reason)
        return "refused"
    except ConflictError:  # another process took it at the same time; see next round
        abort()
        return "failed"
    except FileNotFoundError:
        abort()
        return "failed"
    except Exception:
        abort()
        logger.exception("mail drop: %s not taken, left for the next round", path)
        return "failed"
    move(path, DONE)
    return "taken" if new else "known"


def move(path, subdirectory, reason=None):
    target_folder = path.parent / subdirectory
    target_folder.mkdir(exist_ok=True)
    target = free_name(target_folder, path.name)
    try:
        path.rename(target)
    except FileNotFoundError:  # moved by another process
        return None
    if reason is not None:
        stamp = datetime.datetime.now().strftime("%d.%m.%Y %H:%M:%S")
        Path(f"{target}.fehler.txt").write_text(f"{stamp}\n{path.name}\n{reason}\n", encoding="utf-8")
    return target


def free_name(folder, name):
    """``name`` in ``folder``, or ``name (2)``, … if that is taken."""
    target = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 1
    while target.exists() or Path(f"{target}.fehler.txt").exists():
        number += 1
        target = folder / f"{stem} ({number}){suffix}"
    return target
