"""Import Aktenplan positions from a CSV file (as exported by Excel).

All rows are validated before anything is created: a file with any problem
creates nothing, and the report lists every problem with its line number.
"""

from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
import csv
import io
import re

from plone import api
import transaction

from mittelangeln.policy.retention import is_valid_retention
from mittelangeln.policy.retention import PERMANENT

DEMO_CSV = Path(__file__).resolve().parent.parent / "profiles" / "demo" / "aktenplan.csv"

POSITION_TYPE = "AktenplanPosition"
ADD_PERMISSION = "mittelangeln.policy: Add AktenplanPosition"

# Header names (lower case) -> field; German and English, both spellings of ü.
COLUMNS = {
    "kennzeichen": "key",
    "key": "key",
    "titel": "title",
    "title": "title",
    "aufbewahrung": "retention",
    "aufbewahrungsfrist": "retention",
    "retention": "retention",
    "archivwürdigkeit": "archival_value",
    "archivwuerdigkeit": "archival_value",
    "archival_value": "archival_value",
    "beschreibung": "description",
    "description": "description",
}
REQUIRED = ("key", "title", "retention", "archival_value")
GERMAN_NAMES = {
    "key": "Kennzeichen",
    "title": "Titel",
    "retention": "Aufbewahrung",
    "archival_value": "Archivwürdigkeit",
    "description": "Beschreibung",
}
EXPECTED_HEADER = (
    "erwartet wird „Kennzeichen;Titel;Aufbewahrung;Archivwürdigkeit“ (optional „;Beschreibung“) "
    "oder „key,title,retention,archival_value“ (optional „,description“)"
)

ARCHIVAL_VALUES = {
    "a": "A",
    "archivwürdig": "A",
    "archivwuerdig": "A",
    "b": "B",
    "bewerten": "B",
    "v": "V",
    "vernichten": "V",
}

# ASCII digits only: \d would also accept e.g. Arabic-Indic digits.
KEY = re.compile(r"^[0-9]+(\.[0-9]+)*$")
# Control characters other than tab and line breaks: a binary file.
BINARY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class ImportReport:
    """What an import did: the new positions, or the problems found."""

    created: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems

    @property
    def count(self):
        return len(self.created)


@dataclass
class Row:
    line: int
    key: str
    title: str
    retention: str
    archival_value: str
    description: str = ""


class CSVFormatError(Exception):
    """The data cannot be read as CSV at all (message in German)."""


def parent_key(key):
    """632.1 -> 632, 632 -> 63, 6 -> None (directly in the Aktenplan)."""
    if "." in key:
        return key.rsplit(".", 1)[0]
    return key[:-1] or None


def position_id(key):
    return key.replace(".", "-")


def import_aktenplan(aktenplan, data):
    """Validate all rows of data (bytes or str), then create the positions.

    Returns an ImportReport; when report.problems is not empty, nothing was
    created.
    """
    report = ImportReport()
    try:
        rows = parse(decode(data), report.problems)
    except CSVFormatError as error:
        report.problems.append(str(error))
        return report
    if report.problems:
        return report
    existing = existing_positions(aktenplan)
    validate(aktenplan, rows, existing, report.problems)
    if not report.problems:
        report.created = create_positions(aktenplan, rows, existing)
    return report


def decode(data):
    """Text of the upload: UTF-8 (with or without BOM), else Windows-1252."""
    if isinstance(data, bytes):
        if data.startswith(b"PK\x03\x04"):
            raise CSVFormatError(
                "Die Datei ist eine Excel-Arbeitsmappe (XLSX), keine CSV-Datei. Bitte in Excel "
                "„Speichern unter“ mit dem Dateityp „CSV UTF-8 (durch Trennzeichen getrennt)“ wählen."
            )
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise CSVFormatError(_NOT_TEXT) from None
    else:
        text = data.lstrip("\ufeff")
    if BINARY.search(text):
        raise CSVFormatError(_NOT_TEXT)
    if not text.strip():
        raise CSVFormatError("Die Datei ist leer.")
    return text


_NOT_TEXT = (
    "Die Datei ist keine CSV-Datei (sie enthält Binärdaten). Bitte eine CSV-Datei "
    "(Text, Trennzeichen „;“ oder „,“) hochladen."
)


def parse(text, problems):
    """Rows of text; header problems and malformed rows go to problems."""
    delimiter, text = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns = None
    rows = []
    previous_end = 0
    for cells in reader:
        line = previous_end + 1  # first physical line of this record
        previous_end = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if columns is None:
            columns = _columns(cells, line, problems)
            if columns is None:
                return []
            continue
        row = _row(cells, columns, line, delimiter, problems)
        if row is not None:
            rows.append(row)
    if columns is not None and not rows and not problems:
        problems.append("Die Datei enthält keine Positionen, nur die Kopfzeile.")
    return rows


def _delimiter(text):
    """The delimiter: from an Excel "sep=;" line, else the one that splits
    the header into known column names."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    match = re.match(r"^sep=(.)\s*$", first)
    if match:
        # Blank the line, not remove it, so line numbers still match the file.
        return match.group(1), text.replace(first, "", 1)

    def known(delimiter):
        cells = next(csv.reader([first], delimiter=delimiter), [])
        return sum(1 for cell in cells if cell.strip().lower() in COLUMNS)

    return max(";,", key=known), text


def _columns(cells, line, problems):
    """Map of field -> cell index, or None (with problems) if unusable."""
    columns = {}
    header_problems = []
    for index, cell in enumerate(cells):
        name = cell.strip()
        if not name:
            continue  # Excel leaves empty trailing columns
        column = COLUMNS.get(name.lower())
        if column is None:
            header_problems.append(f"Zeile {line}: Unbekannte Spalte „{name}“ in der Kopfzeile; {EXPECTED_HEADER}.")
        elif column in columns:
            header_problems.append(f"Zeile {line}: Die Spalte „{name}“ kommt in der Kopfzeile doppelt vor.")
        else:
            columns[column] = index
    if not columns:
        problems.append(f"Zeile {line}: Die Kopfzeile fehlt oder ist unbekannt; {EXPECTED_HEADER}.")
        return None
    for column in REQUIRED:
        if column not in columns:
            header_problems.append(f"Zeile {line}: Die Spalte „{GERMAN_NAMES[column]}“ fehlt in der Kopfzeile.")
    problems.extend(header_problems)
    return None if header_problems else columns


def _row(cells, columns, line, delimiter, problems):
    if any(cell.strip() for cell in cells[max(columns.values()) + 1 :]):
        problems.append(
            f"Zeile {line}: Die Zeile hat mehr Spalten als die Kopfzeile. Enthält ein Text das "
            f"Trennzeichen „{delimiter}“? Dann den Text in Anführungszeichen setzen."
        )
        return None

    def value(column):
        index = columns.get(column)
        if index is None or index >= len(cells):
            return ""
        # Line breaks inside quoted cells would not fit the one-line fields.
        return " ".join(cells[index].split())

    return Row(
        line=line,
        key=value("key"),
        title=value("title"),
        retention=value("retention"),
        archival_value=value("archival_value"),
        description=value("description"),
    )


def existing_positions(aktenplan):
    """Catalog brains of the positions already in the plan, by key."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type=POSITION_TYPE, path="/".join(aktenplan.getPhysicalPath())
    )
    return {brain.plan_key: brain for brain in brains if brain.plan_key}


def validate(aktenplan, rows, existing, problems):
    """Check every row; normalise retention and archival value in place."""
    first_line = {}
    for row in rows:
        problems.extend(f"Zeile {row.line}: {message}" for message in _row_problems(row, existing))
        if row.key and KEY.match(row.key):
            if row.key in first_line:
                problems.append(
                    f"Zeile {row.line}: Kennzeichen {row.key} kommt doppelt vor (zuerst in Zeile {first_line[row.key]})"
                )
            else:
                first_line[row.key] = row.line
    # Parents only once all keys of the file are known.
    containers = {}
    for row in rows:
        if not (row.key and KEY.match(row.key)) or first_line.get(row.key) != row.line or row.key in existing:
            continue  # already reported
        parent = parent_key(row.key)
        if parent is None:
            containers.setdefault(None, []).append(row)
        elif parent in first_line:
            continue
        elif parent in existing:
            containers.setdefault(parent, []).append(row)
        else:
            problems.append(f"Zeile {row.line}: Übergeordnete Position {parent} fehlt (weder in der Datei noch im Aktenplan)")
    for parent, children in containers.items():
        container = aktenplan if parent is None else existing[parent]._unrestrictedGetObject()
        if not api.user.has_permission(ADD_PERMISSION, obj=container):
            problems.append(f"Sie dürfen in „{container.Title()}“ keine Aktenplanpositionen anlegen.")
            continue
        for row in children:
            if position_id(row.key) in container.objectIds():
                problems.append(
                    f"Zeile {row.line}: In „{container.Title()}“ gibt es schon ein Objekt mit der "
                    f"Kennung „{position_id(row.key)}“"
                )
    problems.sort(key=_line_of)


def _row_problems(row, existing):
    if not row.key:
        yield "Kennzeichen fehlt"
    elif not KEY.match(row.key):
        yield f"Ungültiges Kennzeichen „{row.key}“: erlaubt sind Ziffern mit Punkten, z. B. 632 oder 632.1"
    elif row.key in existing:
        yield f"Kennzeichen {row.key} ist im Aktenplan schon vorhanden („{existing[row.key].Title}“)"
    if not row.title:
        yield "Titel fehlt"
    retention = row.retention.lower()
    if not retention:
        yield f"Aufbewahrungsfrist fehlt (Jahre von 1 bis 99 oder „{PERMANENT}“)"
    elif not is_valid_retention(retention):
        yield f"Ungültige Aufbewahrungsfrist „{row.retention}“: erlaubt sind Jahre (1 bis 99) oder „{PERMANENT}“"
    else:
        row.retention = retention
    archival_value = ARCHIVAL_VALUES.get(row.archival_value.lower())
    if not row.archival_value:
        yield "Archivwürdigkeit fehlt (A, B oder V)"
    elif archival_value is None:
        yield (
            f"Ungültige Archivwürdigkeit „{row.archival_value}“: erlaubt sind A (archivwürdig), "
            "B (bewerten) oder V (vernichten)"
        )
    else:
        row.archival_value = archival_value


def _line_of(problem):
    match = re.match(r"^Zeile (\d+):", problem)
    return int(match.group(1)) if match else 0


def create_positions(aktenplan, rows, existing):
    """Create the validated rows, parents first, in file order per container.

    A savepoint undoes a half-done import if creating fails after all.
    """
    savepoint = transaction.savepoint(optimistic=True)
    by_key = {row.key: row for row in rows}

    def depth(key):
        parent = parent_key(key)
        return 0 if parent is None else 1 + depth(parent)

    created = {}
    try:
        for row in sorted(rows, key=lambda row: (depth(row.key), row.line)):
            parent = parent_key(row.key)
            if parent is None:
                container = aktenplan
            elif parent in by_key:
                container = created[parent]
            else:
                container = existing[parent]._unrestrictedGetObject()
            created[row.key] = api.content.create(
                container=container,
                type=POSITION_TYPE,
                id=position_id(row.key),
                title=row.title,
                description=row.description,
                key=row.key,
                retention=row.retention,
                archival_value=row.archival_value,
            )
    except Exception:
        savepoint.rollback()
        raise
    return [created[row.key] for row in rows]
