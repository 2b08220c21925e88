"""compat.ocr_at_scan_resolution: documentviewer's OCR reads pages rendered
at 300 dpi, not GraphicsMagick's default 72 dpi."""

import pytest
from collective.documentviewer.convert import PdfToTextSubProcess

from mittelangeln.policy.compat import REPLACED
from mittelangeln.policy.dokumente.scanimport.generator import scanned_pdf
from mittelangeln.policy.textpdf import text_pdf


# Converts documents with tesseract: left out by `make test-quick`.
pytestmark = pytest.mark.ocr

# Small print, as in the footers and tables of building files.
SMALL_PRINT = ["Grundstuecksentwaesserung Regenrueckhaltebecken Niederschlagswasser", "Abstandsflaechenbaulast"]
WORDS = ["Grundstuecksentwaesserung", "Regenrueckhaltebecken", "Niederschlagswasser", "Abstandsflaechenbaulast"]


@pytest.fixture(scope="module")
def scan(tmp_path_factory):
    path = tmp_path_factory.mktemp("scan") / "dump.pdf"
    path.write_bytes(scanned_pdf([["Seite eins"], SMALL_PRINT], dpi=300, seed=5, font_size=7))
    return path


def page_texts(function, pdf, directory, ocr=True):
    function(PdfToTextSubProcess(), str(pdf), str(directory), ocr, "deu")
    files = sorted((directory / "text").iterdir())
    assert [path.name for path in files] == [f"dump_{n}.txt" for n in range(1, len(files) + 1)]
    return [path.read_text() for path in files]


def found(text):
    return [word for word in WORDS if word in text]


def test_small_print_is_read(scan, tmp_path):
    texts = page_texts(PdfToTextSubProcess.dump_text, scan, tmp_path)
    assert len(texts) == 2
    assert found(texts[1]) == WORDS


def test_upstream_misses_small_print(scan, tmp_path):
    """Why the fix exists; when upstream reads these words, drop it."""
    texts = page_texts(REPLACED["PdfToTextSubProcess.dump_text"], scan, tmp_path)
    assert found(texts[1]) != WORDS


def test_text_pdf_without_ocr_keeps_pdftotext(tmp_path):
    pdf = tmp_path / "dump.pdf"
    pdf.write_bytes(text_pdf([["Erste Seite"], ["Zweite Seite Lageplan"]]))
    texts = page_texts(PdfToTextSubProcess.dump_text, pdf, tmp_path, ocr=False)
    assert "Lageplan" in texts[1] and "Lageplan" not in texts[0]
