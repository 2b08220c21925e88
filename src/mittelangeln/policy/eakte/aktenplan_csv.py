"""Import Aktenplan positions from a CSV file (as exported by Excel).

All rows are validated before anything is created: a file with any problem
creates nothing, and the report lists every problem with its line number
(translated into the UI language).
"""

import csv
import io
import re
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

import transaction
from plone import api

from mittelangeln.policy.eakte.retention import PERMANENT
from mittelangeln.policy.eakte.retention import is_valid_retention
from mittelangeln.policy.i18n import TranslatedError
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate


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
# Column names of the file format (not UI text): named in header problems.
GERMAN_NAMES = {
    "key": "Kennzeichen",
    "title": "Titel",
    "retention": "Aufbewahrung",
    "archival_value": "Archivwürdigkeit",
    "description": "Beschreibung",
}
EXPECTED_HEADER = _(
    "expected “Kennzeichen;Titel;Aufbewahrung;Archivwürdigkeit” (optionally “;Beschreibung”) "
    "or “key,title,retention,archival_value” (optionally “,description”)"
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


class CSVFormatError(TranslatedError, Exception):
    """The data cannot be read as CSV at all (raised with a message)."""


def problem(message, line=None):
    """``message`` as text for the report, prefixed with its line number if
    it has one."""
    if line:
        message = _("Line ${line}: ${problem}", mapping={"line": line, "problem": message})
    return translate(message)


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
                _(
                    "The file is an Excel workbook (XLSX), not a CSV file. In Excel, use “Save as” "
                    "with the file type “CSV UTF-8 (comma delimited)”."
                )
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
        raise CSVFormatError(_("The file is empty."))
    return text


_NOT_TEXT = _(
    "The file is not a CSV file (it contains binary data). Please upload a CSV file (text, delimiter “;” or “,”)."
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
        problems.append(problem(_("The file contains no positions, only the header.")))
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
            header_problems.append(
                problem(
                    _(
                        "Unknown column “${name}” in the header; ${expected}.",
                        mapping={"name": name, "expected": EXPECTED_HEADER},
                    ),
                    line,
                )
            )
        elif column in columns:
            header_problems.append(
                problem(_("The column “${name}” appears twice in the header.", mapping={"name": name}), line)
            )
        else:
            columns[column] = index
    if not columns:
        problems.append(
            problem(_("The header is missing or unknown; ${expected}.", mapping={"expected": EXPECTED_HEADER}), line)
        )
        return None
    for column in REQUIRED:
        if column not in columns:
            header_problems.append(
                problem(
                    _("The column “${name}” is missing from the header.", mapping={"name": GERMAN_NAMES[column]}),
                    line,
                )
            )
    problems.extend(header_problems)
    return None if header_problems else columns


def _row(cells, columns, line, delimiter, problems):
    if any(cell.strip() for cell in cells[max(columns.values()) + 1 :]):
        problems.append(
            problem(
                _(
                    "The row has more columns than the header. Does a text contain the delimiter "
                    "“${delimiter}”? Then put the text in quotation marks.",
                    mapping={"delimiter": delimiter},
                ),
                line,
            )
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
    brains = catalog.unrestrictedSearchResults(portal_type=POSITION_TYPE, path="/".join(aktenplan.getPhysicalPath()))
    return {brain.plan_key: brain for brain in brains if brain.plan_key}


def validate(aktenplan, rows, existing, problems):
    """Check every row; normalise retention and archival value in place."""
    found = []  # (line, message), reported in line order
    first_line = {}
    for row in rows:
        found.extend((row.line, message) for message in _row_problems(row, existing))
        if row.key and KEY.match(row.key):
            if row.key in first_line:
                message = _(
                    "Plan key ${key} appears twice (first in line ${first})",
                    mapping={"key": row.key, "first": first_line[row.key]},
                )
                found.append((row.line, message))
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
            message = _(
                "Parent position ${parent} is missing (neither in the file nor in the Aktenplan)",
                mapping={"parent": parent},
            )
            found.append((row.line, message))
    for parent, children in containers.items():
        container = aktenplan if parent is None else existing[parent]._unrestrictedGetObject()
        if not api.user.has_permission(ADD_PERMISSION, obj=container):
            message = _("You may not add Aktenplan positions in “${title}”.", mapping={"title": container.Title()})
            found.append((0, message))
            continue
        for row in children:
            if position_id(row.key) in container.objectIds():
                message = _(
                    "“${title}” already holds an item with the id “${id}”",
                    mapping={"title": container.Title(), "id": position_id(row.key)},
                )
                found.append((row.line, message))
    found.sort(key=lambda item: item[0])
    problems.extend(problem(message, line) for line, message in found)


def _row_problems(row, existing):
    if not row.key:
        yield _("Plan key missing")
    elif not KEY.match(row.key):
        yield _("Invalid plan key “${key}”: allowed are digits with dots, e.g. 632 or 632.1", mapping={"key": row.key})
    elif row.key in existing:
        yield _(
            "Plan key ${key} already exists in the Aktenplan (“${title}”)",
            mapping={"key": row.key, "title": existing[row.key].Title},
        )
    if not row.title:
        yield _("Title missing")
    retention = row.retention.lower()
    if not retention:
        yield _("Retention period missing (years from 1 to 99 or “${permanent}”)", mapping={"permanent": PERMANENT})
    elif not is_valid_retention(retention):
        yield _(
            "Invalid retention period “${value}”: allowed are years (1 to 99) or “${permanent}”",
            mapping={"value": row.retention, "permanent": PERMANENT},
        )
    else:
        row.retention = retention
    archival_value = ARCHIVAL_VALUES.get(row.archival_value.lower())
    if not row.archival_value:
        yield _("Archival value missing (A, B or V)")
    elif archival_value is None:
        yield _(
            "Invalid archival value “${value}”: allowed are A (archive), B (appraise) or V (destroy)",
            mapping={"value": row.archival_value},
        )
    else:
        row.archival_value = archival_value


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
