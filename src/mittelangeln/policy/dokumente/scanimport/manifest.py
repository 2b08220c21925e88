"""The manifest of a scan-service delivery, checked row by row.

A delivery is a directory with ``manifest.csv`` (UTF-8, semicolon-separated,
one header row, one row per document) and the PDFs it names. Columns:

aktenzeichen   Aktenzeichen of an existing Akte or Bauakte, or empty
aktenplan      plan position key for a Bauakte found or created by
gemarkung, flur, flurstuecke (several separated by commas)
akte_titel     title of a Bauakte that has to be created (optional)
vorgang        title of the Vorgang in the Akte (found or created; empty:
               the Dokument goes into the Akte itself)
titel          title of the Dokument
datum          date of the document, TT.MM.JJJJ or JJJJ-MM-TT (optional)
art            kind of document (eingang, bescheid, plan, ...; optional)
datei          path of the PDF, relative to the delivery directory
seiten         page count
sha256         SHA-256 checksum of the PDF (hex)

Everything that can be checked without the portal is checked here: fields,
files, checksums, page counts, encryption and duplicates. The portal-side
checks (does the Aktenzeichen exist?) are in scan_import.py.
"""

import csv
import datetime
import hashlib
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from mittelangeln.policy.i18n import _
from mittelangeln.policy.vocabularies import DOKUMENT_KINDS


MANIFEST_NAME = "manifest.csv"
COLUMNS = (
    "aktenzeichen",
    "aktenplan",
    "gemarkung",
    "flur",
    "flurstuecke",
    "akte_titel",
    "vorgang",
    "titel",
    "datum",
    "art",
    "datei",
    "seiten",
    "sha256",
)
REQUIRED_COLUMNS = ("titel", "datei", "seiten", "sha256")
BAUAKTE_KEYS = ("aktenplan", "gemarkung", "flur", "flurstuecke")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
PLAN_KEY = re.compile(r"^[0-9]+(\.[0-9]+)*$")
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d")


class ManifestError(Exception):
    """The manifest cannot be read at all (raised with a message)."""


@dataclass(frozen=True)
class Target:
    """The Akte a row files into: by Aktenzeichen, or a Bauakte by its keys."""

    aktenzeichen: str = ""
    plan_key: str = ""
    gemarkung: str = ""
    flur: str = ""
    flurstuecke: tuple = ()
    akte_title: str = ""

    @property
    def key(self):
        if self.aktenzeichen:
            return f"az:{self.aktenzeichen}"
        return f"bauakte:{self.plan_key}:{self.gemarkung}:{self.flur}:{','.join(self.flurstuecke)}"


@dataclass(frozen=True)
class ManifestRow:
    line: int
    target: Target
    vorgang: str
    title: str
    date: datetime.date
    kind: str
    path: Path
    pages: int
    sha256: str

    @property
    def identity(self):
        """What makes a document the same on a second run: where it goes and
        its content."""
        return f"{self.target.key}|{self.vorgang}|{self.sha256}"


@dataclass(frozen=True)
class Problem:
    line: int
    file: str
    message: object  # an i18n message


def read_manifest(delivery):
    """(rows that passed every check, problems) of the delivery directory."""
    delivery = Path(delivery)
    manifest = delivery / MANIFEST_NAME
    if not manifest.is_file():
        raise ManifestError(_("No manifest.csv in ${directory}.", mapping={"directory": str(delivery)}))
    try:
        text = manifest.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ManifestError(_("manifest.csv is not UTF-8 text.")) from None
    reader = csv.DictReader(text.splitlines(), delimiter=";")
    header = [name.strip().lower() for name in reader.fieldnames or ()]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing or not ({"aktenzeichen"} & set(header) or set(BAUAKTE_KEYS) <= set(header)):
        raise ManifestError(
            _(
                "manifest.csv lacks columns; expected: ${columns}",
                mapping={"columns": ";".join(COLUMNS)},
            )
        )
    reader.fieldnames = header
    rows, problems, seen = [], [], {}
    for line, record in enumerate(reader, start=2):
        record = {key: (value or "").strip() for key, value in record.items() if key}
        row_problems = []
        row = _parse(delivery, line, record, row_problems)
        if row is not None:
            if row.identity in seen:
                row_problems.append(_("Duplicate of line ${line}.", mapping={"line": seen[row.identity]}))
            else:
                seen[row.identity] = line
        if row_problems:
            problems.extend(Problem(line, record.get("datei", ""), message) for message in row_problems)
        else:
            rows.append(row)
    return rows, problems


def _parse(delivery, line, record, problems):
    """The row as ManifestRow, or None with the reasons added to problems."""
    target = _target(record, problems)
    title = record.get("titel", "")
    if not title:
        problems.append(_("The title (titel) is missing."))
    date = _date(record.get("datum", ""), problems)
    kind = record.get("art", "") or "eingang"
    if kind not in DOKUMENT_KINDS:
        problems.append(
            _(
                "Unknown kind “${kind}”; allowed: ${kinds}.",
                mapping={"kind": kind, "kinds": ", ".join(term.value for term in DOKUMENT_KINDS)},
            )
        )
    pages = record.get("seiten", "")
    if not pages.isdigit() or int(pages) < 1:
        problems.append(_("The page count (seiten) must be a whole number above 0."))
    sha256 = record.get("sha256", "").lower()
    if not SHA256.match(sha256):
        problems.append(_("The checksum (sha256) must be 64 hexadecimal digits."))
    path = _path(delivery, record.get("datei", ""), problems)
    if problems:
        return None
    _check_file(path, sha256, int(pages), problems)
    if problems:
        return None
    return ManifestRow(line, target, record.get("vorgang", ""), title, date, kind, path, int(pages), sha256)


def _target(record, problems):
    aktenzeichen = record.get("aktenzeichen", "")
    if aktenzeichen:
        return Target(aktenzeichen=aktenzeichen)
    keys = {name: record.get(name, "") for name in BAUAKTE_KEYS}
    if not all(keys.values()):
        problems.append(_("Either the Aktenzeichen or aktenplan, gemarkung, flur and flurstuecke are needed."))
        return None
    if not PLAN_KEY.match(keys["aktenplan"]):
        problems.append(_("“${key}” is not an Aktenplan key.", mapping={"key": keys["aktenplan"]}))
        return None
    parcels = tuple(sorted(part.strip() for part in keys["flurstuecke"].split(",") if part.strip()))
    return Target(
        plan_key=keys["aktenplan"],
        gemarkung=keys["gemarkung"],
        flur=keys["flur"],
        flurstuecke=parcels,
        akte_title=record.get("akte_titel", ""),
    )


def _date(value, problems):
    if not value:
        return None
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, date_format).date()
        except ValueError:
            continue
    problems.append(_("“${value}” is not a date (TT.MM.JJJJ).", mapping={"value": value}))
    return None


def _path(delivery, relative, problems):
    if not relative:
        problems.append(_("The file (datei) is missing."))
        return None
    path = (delivery / relative).resolve()
    if Path(relative).is_absolute() or not path.is_relative_to(delivery.resolve()):
        problems.append(_("The file must lie inside the delivery directory."))
        return None
    if not path.is_file():
        problems.append(_("File not found: ${file}", mapping={"file": relative}))
        return None
    return path


def _check_file(path, sha256, pages, problems):
    digest = hashlib.sha256()
    with open(path, "rb") as data:
        for chunk in iter(lambda: data.read(1 << 20), b""):
            digest.update(chunk)
    if digest.hexdigest() != sha256:
        problems.append(_("Checksum mismatch: the file differs from the one listed."))
        return
    if _qpdf(path, "--is-encrypted").returncode == 0:
        problems.append(_("The PDF is encrypted (password protected)."))
        return
    counted = _qpdf(path, "--show-npages")
    if counted.returncode != 0 or not counted.stdout.strip().isdigit():
        problems.append(_("The file is not a readable PDF."))
        return
    if int(counted.stdout) != pages:
        problems.append(
            _(
                "The PDF has ${actual} pages, the manifest says ${listed}.",
                mapping={"actual": int(counted.stdout), "listed": pages},
            )
        )


def _qpdf(path, option):
    return subprocess.run(["qpdf", option, str(path)], capture_output=True, text=True)
