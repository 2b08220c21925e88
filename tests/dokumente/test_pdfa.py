"""PDF/A copies of Dokument files for the Aussonderung: OCRmyPDF gives a
scanned page a text layer, text PDFs keep theirs, a PDF/A goes unchanged;
one copy per file version, made once by the conversion queue."""

import hashlib
import subprocess

import pytest
import transaction
from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

from mittelangeln.policy.dokumente import pdfa
from mittelangeln.policy.dokumente.queue import job_for
from mittelangeln.policy.dokumente.queue import process_queue
from mittelangeln.policy.dokumente.scanimport.generator import scanned_pdf
from mittelangeln.policy.testing.helpers import pdf_text
from mittelangeln.policy.textpdf import text_pdf


# OCRmyPDF runs tesseract on the scanned page.
pytestmark = pytest.mark.ocr


@pytest.fixture(scope="module")
def scan():
    return scanned_pdf([["Bauakte Dorfstrasse 12", "Abnahme durch den Schornsteinfeger"]], seed=3)


@pytest.fixture(scope="module")
def scan_pdfa(scan, tmp_path_factory):
    """The scan's PDF/A copy: the one OCR run of this module."""
    directory = tmp_path_factory.mktemp("pdfa")
    (directory / "scan.pdf").write_bytes(scan)
    return pdfa.make_pdfa(directory / "scan.pdf", directory / "scan-a.pdf", "scan.pdf").read_bytes()


@pytest.fixture
def ocr_runs(monkeypatch):
    """The ocrmypdf commands pdfa.py starts (they do run)."""
    commands = []
    run = pdfa._run

    def counting(command, **options):
        if command[0] == "ocrmypdf":
            commands.append(command)
        return run(command, **options)

    monkeypatch.setattr(pdfa, "_run", counting)
    return commands


def add_pdf(container, id, data):
    return api.content.create(
        container=container,
        type="Dokument",
        id=id,
        title=id,
        file=NamedBlobFile(data, contentType="application/pdf", filename=f"{id}.pdf"),
    )


def fonts(data, tmp_path):
    path = tmp_path / "fonts.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


def test_scanned_page_gets_a_pdfa_copy_with_its_text(scan, scan_pdfa, tmp_path):
    assert pdf_text(scan, tmp_path).strip() == ""
    assert pdfa.pdfa_part(scan) is None
    assert pdfa.pdfa_part(scan_pdfa) == "2"
    (tmp_path / "copy.pdf").write_bytes(scan_pdfa)
    assert pdfa.qpdf_check(tmp_path / "copy.pdf")
    assert "Schornsteinfeger" in pdf_text(scan_pdfa, tmp_path)
    assert "GlyphLessFont" in fonts(scan_pdfa, tmp_path)  # tesseract's invisible text layer


def test_text_pdf_keeps_its_text_without_ocr(vorgang, tmp_path):
    dokument = add_pdf(vorgang, "bescheid", text_pdf([["Kanalanschluss genehmigt"]]))
    copy = pdfa.pdfa_copy(dokument)
    with copy.open() as file:
        data = file.read()
    assert (copy.filename, copy.size, copy.unchanged) == ("bescheid.pdf", len(data), False)
    assert pdfa.pdfa_part(data) == "2"
    assert "Kanalanschluss genehmigt" in pdf_text(data, tmp_path)
    assert "GlyphLessFont" not in fonts(data, tmp_path)


def test_pdfa_is_taken_unchanged(vorgang, scan_pdfa, ocr_runs):
    dokument = add_pdf(vorgang, "archiv", scan_pdfa)
    copy = pdfa.pdfa_copy(dokument)
    with copy.open() as file:
        assert file.read() == scan_pdfa
    assert copy.unchanged and copy.size == len(scan_pdfa)
    assert ocr_runs == []


def test_pdfa_without_text_gets_the_ocr(vorgang, scan, tmp_path, ocr_runs):
    """Scanners write image-only PDF/A: such a file is not taken as it is
    but gets its text layer."""
    source, image_only = tmp_path / "scan.pdf", tmp_path / "scan-pdfa.pdf"
    source.write_bytes(scan)
    # OCRmyPDF with no time for tesseract: a PDF/A-2 without any text.
    subprocess.run(
        ["ocrmypdf", "--output-type", "pdfa-2", "--tesseract-timeout", "0", "-q", str(source), str(image_only)],
        check=True,
    )
    data = image_only.read_bytes()
    assert pdfa.pdfa_part(data) == "2" and pdf_text(data, tmp_path).strip() == ""
    dokument = add_pdf(vorgang, "scan-pdfa", data)
    copy = pdfa.pdfa_copy(dokument)
    with copy.open() as file:
        made = file.read()
    assert not copy.unchanged and len(ocr_runs) == 1
    assert "Schornsteinfeger" in pdf_text(made, tmp_path)


def test_each_version_finds_its_own_copy(vorgang, tmp_path, ocr_runs):
    first, second = text_pdf([["Erste Fassung"]]), text_pdf([["Zweite Fassung"]])
    dokument = add_pdf(vorgang, "antrag", first)
    repository = api.portal.get_tool("portal_repository")
    repository.save(obj=dokument, comment="Erste Fassung")
    pdfa.pdfa_copy(dokument)
    dokument.file = NamedBlobFile(second, contentType="application/pdf", filename="antrag-neu.pdf")
    repository.save(obj=dokument, comment="Zweite Fassung")
    pdfa.pdfa_copy(dokument)
    assert len(ocr_runs) == 2
    assert set(pdfa.copies(dokument)) == {hashlib.sha256(first).hexdigest(), hashlib.sha256(second).hexdigest()}

    old_file = repository.retrieve(dokument, 0).object.file
    copy = pdfa.pdfa_copy(dokument, old_file)
    with copy.open() as file:
        assert "Erste Fassung" in pdf_text(file.read(), tmp_path)
    assert copy.source_sha256 == hashlib.sha256(first).hexdigest()
    assert len(ocr_runs) == 2  # found, not converted again


def test_queue_makes_the_copy_once(portal, vorgang, ocr_runs):
    dokument = add_pdf(vorgang, "gutachten", text_pdf([["Gutachten Regenwasser"]]))
    assert process_queue(portal, commit=transaction.savepoint) == 1
    assert (job_for(dokument)["state"], job_for(dokument)["pdfa"]) == ("done", "done")
    stored = pdfa.copies(dokument)[hashlib.sha256(dokument.file.data).hexdigest()]
    assert len(ocr_runs) == 1

    notify(ObjectModifiedEvent(dokument))  # queued again, same file
    assert process_queue(portal, commit=transaction.savepoint) == 1
    assert job_for(dokument)["pdfa"] == "done"
    copy = pdfa.pdfa_copy(dokument)
    assert len(ocr_runs) == 1
    assert stored["file"] is pdfa.copies(dokument)[copy.source_sha256]["file"]


def test_broken_pdf_gets_a_german_error_and_no_copy(portal, vorgang):
    dokument = add_pdf(vorgang, "kaputt", b"%PDF-1.4 kein echtes PDF")
    with pytest.raises(pdfa.PdfaError) as refused:
        pdfa.pdfa_copy(dokument)
    message = "Die Datei „kaputt.pdf“ ist kein lesbares PDF; es wurde keine PDF/A-Kopie erstellt."
    assert str(refused.value) == message
    process_queue(portal, commit=transaction.savepoint)
    assert job_for(dokument)["pdfa"] == f"failed: {message}"
    assert dict(pdfa.copies(dokument)) == {}


def test_a_failed_copy_leaves_the_viewer_conversion_done(portal, vorgang, monkeypatch):
    dokument = add_pdf(vorgang, "lang", text_pdf([["Langer Bericht"]]))
    monkeypatch.setattr(pdfa, "CONVERSION_TIMEOUT", 0.01)  # ocrmypdf is stopped
    process_queue(portal, commit=transaction.savepoint)
    job = job_for(dokument)
    assert job["state"] == "done"
    assert job["pdfa"] == (
        "failed: Die PDF/A-Kopie von „lang.pdf“ dauerte zu lange und wurde abgebrochen (Grenze: 1 Min.)."
    )
    assert dict(pdfa.copies(dokument)) == {}


def test_restrictions_are_lifted_but_a_password_refuses(vorgang, tmp_path):
    source = tmp_path / "source.pdf"
    source.write_bytes(text_pdf([["Nur lesen, nicht drucken"]]))
    protected = {}
    for name, user_password in (("gesperrt", ""), ("kennwort", "geheim")):
        target = tmp_path / f"{name}.pdf"
        subprocess.run(["qpdf", "--encrypt", user_password, "amt", "256", "--", source, target], check=True)
        protected[name] = add_pdf(vorgang, name, target.read_bytes())

    with pdfa.pdfa_copy(protected["gesperrt"]).open() as file:
        (tmp_path / "copy.pdf").write_bytes(file.read())
    assert subprocess.run(["qpdf", "--is-encrypted", tmp_path / "copy.pdf"]).returncode == 2  # 2: not encrypted
    assert "Nur lesen" in pdf_text((tmp_path / "copy.pdf").read_bytes(), tmp_path)
    with pytest.raises(pdfa.PdfaError) as refused:
        pdfa.pdfa_copy(protected["kennwort"])
    assert str(refused.value) == (
        "Die PDF-Datei „kennwort.pdf“ ist durch ein Kennwort geschützt; es wurde keine PDF/A-Kopie erstellt."
    )
