"""The scan hot folder: scanners and scan services drop PDFs (each with an
optional JSON sidecar, sidecar.py) into one directory; every poll takes the
complete ones (readiness.py) and registers them through intake.register.

- Every PDF is looked at page by page (pages.py, about 10–25 ms a page):
  one with separator sheets is a batch and becomes one Eingang per letter
  (separator.py); one without is one letter, stored as it came.
- A file is stored in a transaction of its own, a batch with all its
  letters in one (all or nothing); after the commit the PDF and its sidecar
  move to ``erledigt/<date>/``. Refused files move to ``fehler/`` with
  ``<name>.fehler.txt`` (the German reason), which also goes to the
  intake protocol; nothing of them is stored.
- A conflict with another process leaves the file for the next poll. If
  the process dies between commit and move, the next poll recognises the
  file (taken.py) and only moves it.
- A known scan id adds a new version of that Eingang's main document.
"""

import datetime
import logging
import pathlib
import shutil
import subprocess
import tempfile

from transaction.interfaces import TransientError

from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.posteingang import protocol
from mittelangeln.policy.posteingang.files import IncomingFile
from mittelangeln.policy.posteingang.files import IntakeRefused
from mittelangeln.policy.posteingang.files import check_pdf
from mittelangeln.policy.posteingang.intake import Delivery
from mittelangeln.policy.posteingang.intake import register
from mittelangeln.policy.posteingang.scans import readiness
from mittelangeln.policy.posteingang.scans import taken
from mittelangeln.policy.posteingang.scans.codes import fachdienst_by_key
from mittelangeln.policy.posteingang.scans.pages import analyse
from mittelangeln.policy.posteingang.scans.separator import extract
from mittelangeln.policy.posteingang.scans.separator import letters
from mittelangeln.policy.posteingang.scans.sidecar import find_sidecar
from mittelangeln.policy.posteingang.scans.sidecar import read_sidecar


logger = logging.getLogger(__name__)

CHANNEL = "scan"  # for the intake protocol
DONE = "erledigt"
FAILED = "fehler"
TEXT_PAGES = 5  # pages whose text layer the routing rules read


def poll_hotfolder(
    directory,
    commit,
    abort,
    settle=readiness.SETTLE_SECONDS,
    patience=readiness.PATIENCE_SECONDS,
):
    """Take the complete PDFs in ``directory`` (relative to the working
    directory unless absolute; one that does not exist is not watched).
    Returns counts: files taken, Eingänge (new or with a new version),
    files refused, files waiting to be complete, files left for a retry."""
    counts = {"files": 0, "eingaenge": 0, "refused": 0, "waiting": 0, "retry": 0}
    folder = pathlib.Path(directory)
    if not folder.is_dir():
        return counts
    for pdf in sorted(candidates(folder)):
        try:
            state = readiness.state(pdf, settle, patience)
            if state == readiness.WAIT:
                counts["waiting"] += 1
                continue
            outcome, number = take(pdf, commit, abort, abandoned=state == readiness.ABANDONED)
        except OSError:  # moved away meanwhile (another process took it), or not readable
            logger.warning("Could not read or move %s, trying again with the next poll", pdf, exc_info=True)
            outcome, number = "retry", 0
        counts[outcome] += 1
        counts["eingaenge"] += number
    return counts


def candidates(folder):
    for path in folder.iterdir():
        if path.is_file() and path.suffix.lower() == ".pdf" and not path.name.startswith((".", "~")):
            yield path


def take(pdf, commit, abort, abandoned=False):
    """Store one file; returns (outcome, number of Eingänge) where outcome
    is a key of poll_hotfolder's counts."""
    sidecar = find_sidecar(pdf)
    before = readiness.signature(pdf)
    data = pdf.read_bytes()
    sidecar_data = sidecar.read_bytes() if sidecar else None
    if readiness.signature(pdf) != before or len(data) != before[0]:
        return "waiting", 0  # still being written after all
    source = f"Hotfolder: {pdf.name}"
    incoming = IncomingFile(pdf.name, data)
    try:
        if not data:
            raise IntakeRefused(_("The file “${name}” is empty.", mapping={"name": pdf.name}))
        if abandoned and not readiness.ends_with_eof(pdf):
            raise IntakeRefused(_("The file “${name}” was not written completely.", mapping={"name": pdf.name}))
        fields = read_sidecar(sidecar_data, sidecar.name) if sidecar else {}
        earlier = taken.lookup(incoming.sha256)
        if earlier is not None:
            if (earlier["name"], earlier["mtime"]) == (pdf.name, before[1]):
                move(pdf, sidecar, done_folder(pdf.parent))  # stored before the process died
                return "files", 0
            raise IntakeRefused(
                _(
                    "This was already received as ${number}.",
                    mapping={"number": ", ".join(earlier["numbers"]) or "?"},
                )
            )
        eingaenge = register_all(deliveries(pdf, incoming, fields, source))
        taken.remember(incoming.sha256, pdf.name, before[1], [eingang.eingangsnummer for eingang in eingaenge])
        commit()
    except IntakeRefused as refusal:
        abort()
        refuse(pdf, sidecar, source, refusal.args[0], commit, abort)
        return "refused", 0
    except TransientError:
        abort()
        logger.info("Conflict while taking %s, trying again with the next poll", pdf)
        return "retry", 0
    except Exception:
        abort()
        logger.exception("Could not take %s", pdf)
        refuse(
            pdf, sidecar, source, _("The file could not be processed (technical error, see the log)."), commit, abort
        )
        return "refused", 0
    move(pdf, sidecar, done_folder(pdf.parent))
    logger.info("Took %s: %s", pdf, ", ".join(eingang.eingangsnummer for eingang in eingaenge))
    return "files", len(eingaenge)


def register_all(found):
    """Register the Deliveries of one file; a refused letter of a batch
    refuses the batch, saying which letter."""
    if len(found) == 1:
        return [register(found[0])]
    eingaenge = []
    for position, delivery in enumerate(found, 1):
        try:
            eingaenge.append(register(delivery))
        except IntakeRefused as refusal:
            raise IntakeRefused(
                _("Letter ${number} of the batch: ${reason}", mapping={"number": position, "reason": str(refusal)})
            ) from None
    return eingaenge


def deliveries(pdf, incoming, fields, source):
    """The Deliveries in the PDF: itself, or one per letter of a batch.
    Raises IntakeRefused for protected, broken and empty scans."""
    check_pdf(incoming)
    try:
        pages = analyse(pdf)
    except subprocess.CalledProcessError:
        raise IntakeRefused(
            _("The PDF “${name}” is damaged and cannot be read.", mapping={"name": incoming.filename})
        ) from None
    found = letters(pages)
    if not found:
        raise IntakeRefused(_("The scan “${name}” is empty: no page carries any text.", mapping={"name": pdf.name}))
    if all(page.separator is None for page in pages):
        return [_delivery(incoming, fields, source, pdf)]
    stem = pdf.stem
    result = []
    for position, letter in enumerate(found, 1):
        letter_fields = dict(fields)
        if letter.metadata.get("fachdienst"):
            letter_fields["fachdienst"] = fachdienst_by_key(letter.metadata["fachdienst"])
        if fields.get("scan_id"):
            letter_fields["scan_id"] = f"{fields['scan_id']}-{position}"
        if not fields.get("subject"):
            letter_fields["subject"] = translate(
                _(
                    "Scan ${name}, letter ${number} of ${count}",
                    mapping={"name": pdf.name, "number": position, "count": len(found)},
                )
            )
        letter_file = IncomingFile(f"{stem}-{position}.pdf", extract(pdf, letter.pages))
        result.append(_delivery(letter_file, letter_fields, f"{source}, Brief {position}", pdf))
    return result


def _delivery(incoming, fields, source, pdf):
    fields = {key: value for key, value in fields.items() if value not in (None, "")}
    subject = fields.pop("subject", None) or translate(_("Scan ${name}", mapping={"name": pdf.name}))
    fields.setdefault("channel", "post")
    fields.setdefault("received", datetime.datetime.fromtimestamp(pdf.stat().st_mtime).replace(microsecond=0))
    return Delivery(subject=subject, files=[incoming], source=source, text=pdf_text(incoming.data), **fields)


def pdf_text(data):
    """The text layer of the first pages (scans have none: OCR comes later)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(data)
        pdf.flush()
        result = subprocess.run(
            ["pdftotext", "-l", str(TEXT_PAGES), "-enc", "UTF-8", pdf.name, "-"],
            capture_output=True,
            timeout=120,
        )
    return result.stdout.decode("utf-8", "replace") if result.returncode == 0 else ""


def refuse(pdf, sidecar, source, reason, commit, abort):
    """Record the refusal and move the file to the error folder."""
    try:
        text = protocol.refused(CHANNEL, source, reason)
        commit()
    except Exception:
        abort()
        logger.exception("Could not record the refusal of %s", pdf)
        text = translate(reason)
    target = pdf.parent / FAILED
    moved = move(pdf, sidecar, target)
    (target / f"{moved.name}.fehler.txt").write_text(text + "\n", encoding="utf-8")
    logger.info("Refused %s: %s", pdf, text)


def done_folder(folder):
    return folder / DONE / datetime.date.today().isoformat()


def move(pdf, sidecar, target):
    """Move the PDF and its sidecar into ``target``, under names not taken
    there yet; returns the PDF's new path."""
    target.mkdir(parents=True, exist_ok=True)
    stem = free_stem(target, pdf)
    moved = target / f"{stem}{pdf.suffix}"
    shutil.move(str(pdf), str(moved))
    if sidecar is not None and sidecar.exists():
        tail = sidecar.name[len(pdf.stem) :]  # ".json" or ".pdf.json"
        shutil.move(str(sidecar), str(target / f"{stem}{tail}"))
    return moved


def free_stem(target, pdf):
    stem, number = pdf.stem, 1
    while (target / f"{stem}{pdf.suffix}").exists() or (target / f"{stem}{pdf.suffix}.fehler.txt").exists():
        number += 1
        stem = f"{pdf.stem}-{number}"
    return stem
