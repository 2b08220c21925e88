"""compat.ocr_at_scan_resolution: documentviewer's OCR reads pages rendered
at 300 dpi, not GraphicsMagick's default 72 dpi."""

import pathlib
import shutil
import subprocess

from collective.documentviewer.convert import TesseractSubProcess

import pytest

from mittelangeln.policy.compat import REPLACED
from mittelangeln.policy.scans.generator import scanned_pdf

# Small print, as in the footers and tables of building files.
SMALL_PRINT = ["Grundstuecksentwaesserung Regenrueckhaltebecken Niederschlagswasser", "Abstandsflaechenbaulast"]
WORDS = ["Grundstuecksentwaesserung", "Regenrueckhaltebecken", "Niederschlagswasser", "Abstandsflaechenbaulast"]


@pytest.fixture(scope="module")
def page_pdf(tmp_path_factory):
    directory = tmp_path_factory.mktemp("scan")
    scan = directory / "scan.pdf"
    scan.write_bytes(scanned_pdf([SMALL_PRINT], dpi=300, seed=5, font_size=7))
    subprocess.run(["qpdf", "--split-pages", str(scan), str(directory / "dump_%d.pdf")], check=True)
    return directory / "dump_1.pdf"


def ocr_text(function, page_pdf, directory):
    page = pathlib.Path(directory) / page_pdf.name
    shutil.copy(page_pdf, page)
    function(TesseractSubProcess(), [str(page)], str(directory), "deu")
    assert not page.exists()  # the caller expects the page PDFs gone
    return (pathlib.Path(directory) / "dump_1.txt").read_text()


def test_small_print_is_read(page_pdf, tmp_path):
    text = ocr_text(TesseractSubProcess.dump_text, page_pdf, tmp_path)
    assert [word for word in WORDS if word in text] == WORDS


def test_upstream_misses_small_print(page_pdf, tmp_path):
    """Why the fix exists; when upstream reads these words, drop it."""
    text = ocr_text(REPLACED["TesseractSubProcess.dump_text"], page_pdf, tmp_path)
    assert [word for word in WORDS if word in text] != WORDS
