"""Batches with separator sheets: a mail room scans a whole pile of letters
in one go, with the separator sheet (sheet.py) in front of every letter;
the batch is split into one PDF per letter.

- a page whose QR code (or Code 128 barcode) starts with the separator
  prefix ends the letter before it and is dropped; its metadata (a
  Fachdienst) applies to the letter after it;
- pages before the first separator form a letter too;
- empty pages right after a separator (its back side in a duplex scan) are
  dropped, and a letter without pages or with empty pages only (two
  separators in a row) is skipped.

The letters are cut with qpdf with deterministic ids, so the same batch
split twice gives byte-identical letters (the intake recognises them as
already received after a crash between storing and moving the file)."""

import pathlib
import subprocess
import tempfile
from dataclasses import dataclass
from dataclasses import field

from mittelangeln.policy.posteingang.scans.pages import analyse


@dataclass
class Letter:
    pages: list  # page numbers in the batch, 1-based
    metadata: dict = field(default_factory=dict)  # of the separator in front
    data: bytes = b""


def letters(pages):
    """The letters of a batch of analysed ``pages`` (without data)."""
    found = [Letter([])]
    for page in pages:
        if page.separator is not None:
            found.append(Letter([], dict(page.separator)))
        elif page.blank and not found[-1].pages and found[-1] is not found[0]:
            continue  # the back side of a separator sheet
        else:
            found[-1].pages.append(page)
    return [
        Letter([page.number for page in letter.pages], letter.metadata)
        for letter in found
        if any(not page.blank for page in letter.pages)
    ]


def extract(path, numbers):
    """The pages ``numbers`` of the PDF at ``path`` as a PDF of their own."""
    with tempfile.TemporaryDirectory(prefix="mittelangeln-letter-") as directory:
        target = pathlib.Path(directory) / "letter.pdf"
        ranges = ",".join(str(number) for number in numbers)
        result = subprocess.run(
            ["qpdf", "--deterministic-id", "--empty", "--pages", str(path), ranges, "--", str(target)],
            capture_output=True,
            timeout=600,
        )
        if result.returncode not in (0, 3):  # 3: warnings only
            raise RuntimeError(result.stderr.decode("utf-8", "replace"))
        return target.read_bytes()


def split_file(path):
    """The letters of the batch PDF at ``path``, each with its PDF."""
    found = letters(analyse(path))
    for letter in found:
        letter.data = extract(path, letter.pages)
    return found


def split_batch(pdf_bytes):
    """The letters of a batch PDF given as bytes (see ``split_file``)."""
    with tempfile.TemporaryDirectory(prefix="mittelangeln-batch-") as directory:
        path = pathlib.Path(directory) / "batch.pdf"
        path.write_bytes(pdf_bytes)
        return split_file(path)
