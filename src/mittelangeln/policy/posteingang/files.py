"""What an intake channel hands in: files checked and their names made safe
before anything is stored, so a refused delivery leaves nothing behind."""

import hashlib
import mimetypes
import re
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath
from pathlib import PureWindowsPath

from mittelangeln.policy.i18n import TranslatedError
from mittelangeln.policy.i18n import _


MAX_NAME = 120
WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)
PDF = "application/pdf"


class IntakeRefused(TranslatedError, ValueError):
    """A delivery (or one of its files) is not taken; the message says why, in German."""


@dataclass
class IncomingFile:
    filename: str
    data: bytes
    content_type: str = None

    def __post_init__(self):
        self.filename = safe_filename(self.filename)
        if not self.content_type or self.content_type == "application/octet-stream":
            self.content_type = mimetypes.guess_type(self.filename)[0] or "application/octet-stream"
        if self.data[:5] == b"%PDF-":
            self.content_type = PDF

    @property
    def sha256(self):
        return hashlib.sha256(self.data).hexdigest()


def safe_filename(name):
    """The last part of ``name`` without directories, control characters or
    NUL, at most MAX_NAME characters with its extension kept."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = PureWindowsPath(PurePosixPath(name).name).name
    name = re.sub(r"\s+", " ", name).strip(" .")
    if not name:
        return "Dokument"
    if name.split(".")[0].strip().lower() in WINDOWS_DEVICES:
        name = f"_{name}"  # "CON.txt" cannot be saved on Windows
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension) > 10:
        stem, extension = name, ""
    room = MAX_NAME - (len(extension) + 1 if extension else 0)
    return f"{stem[:room].rstrip()}.{extension}" if extension else name[:MAX_NAME]


def check_file(incoming, max_bytes):
    """Raise IntakeRefused unless ``incoming`` can be stored and converted."""
    if not incoming.data:
        raise IntakeRefused(_("The file “${name}” is empty.", mapping={"name": incoming.filename}))
    if len(incoming.data) > max_bytes:
        raise IntakeRefused(
            _(
                "The file “${name}” is larger than ${limit} MB.",
                mapping={"name": incoming.filename, "limit": f"{max_bytes / 1024 / 1024:.0f}"},
            )
        )
    if incoming.content_type == PDF or incoming.filename.lower().endswith(".pdf"):
        check_pdf(incoming)


def check_pdf(incoming):
    """Password-protected and broken PDFs are refused (qpdf decides)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(incoming.data)
        pdf.flush()
        try:
            _check_pdf_file(pdf.name, incoming.filename)
        except subprocess.TimeoutExpired:
            raise IntakeRefused(
                _("The PDF “${name}” could not be checked in time.", mapping={"name": incoming.filename})
            ) from None


def _check_pdf_file(path, filename):
    """Refuse the PDF at ``path`` if qpdf finds it protected or damaged."""
    if _qpdf("--requires-password", path) == 0:
        raise IntakeRefused(_("The PDF “${name}” is protected by a password.", mapping={"name": filename}))
    # 0: fine, 3: warnings only (qpdf repaired what it read); 2: broken.
    if _qpdf("--check", path) not in (0, 3) or _page_count(path) < 1:
        raise IntakeRefused(_("The PDF “${name}” is damaged and cannot be read.", mapping={"name": filename}))


# A hostile PDF must not hold a request or a worker for long.
QPDF_SECONDS = 60


def _qpdf(*arguments):
    return subprocess.run(["qpdf", *arguments], capture_output=True, timeout=QPDF_SECONDS).returncode


def _page_count(path):
    result = subprocess.run(["qpdf", "--show-npages", path], capture_output=True, text=True, timeout=QPDF_SECONDS)
    try:
        return int(result.stdout.strip())
    except ValueError:
        return 0
