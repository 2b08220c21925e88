"""PDF/A copies of Dokument files, for the hand-over to the archive (xdomea
0503, format code 044).

OCRmyPDF (Debian package ocrmypdf) writes the PDF/A-2 copy: pages with text
keep it, image-only pages get a text layer by OCR. A PDF whose XMP already
declares PDF/A and that qpdf finds sound is taken as it is, so a PDF/A
imported from an archive goes back out with the same bytes and hash.

Copies live in an annotation of the Dokument, keyed by the SHA-256 of the
source file: every version the Dokument ever had (portal_repository) finds
the copy made while it was current, and one never converted is converted on
demand. The conversion queue makes the copy of each new file version
(queue.py), so building a 0503 only packs files.
"""

import contextlib
import datetime
import hashlib
import io
import json
import logging
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import time

from BTrees.OOBTree import OOBTree
from lxml import etree
from persistent.mapping import PersistentMapping
from plone.namedfile.file import NamedBlobFile
from zope.annotation.interfaces import IAnnotations

from mittelangeln.policy.i18n import TranslatedError
from mittelangeln.policy.i18n import _


logger = logging.getLogger(__name__)

ANNOTATION_KEY = "mittelangeln.policy.pdfa"
PDF = "application/pdf"
CHUNK = 1 << 20
# OCR takes one to a few seconds a page; a stuck conversion must not hold the
# worker for ever.
CONVERSION_TIMEOUT = 30 * 60
CHECK_TIMEOUT = 120
PDFAID = "http://www.aiim.org/pdfa/ns/id/"
MAX_XMP = 4 * CHUNK
OCRMYPDF_INPUT_ERROR = 2
OCRMYPDF_ENCRYPTED = 8
QPDF_PASSWORD_REQUIRED = 0  # exit codes of qpdf --requires-password
QPDF_ENCRYPTED_WITHOUT_PASSWORD = 3
_REFERENCE = re.compile(r"^(\d+) (\d+) R$")


class PdfaError(TranslatedError, RuntimeError):
    """No PDF/A copy could be made; str() is the German message."""


class PdfaCopy:
    """The PDF/A copy of one file version: ``open()`` reads it (binary),
    ``size`` in bytes, ``filename`` ends with .pdf."""

    def __init__(self, file, filename, source_sha256, unchanged):
        self._file = file
        self.filename = filename
        self.source_sha256 = source_sha256
        self.unchanged = unchanged  # the source was PDF/A already

    def open(self):
        return self._file.open()

    @property
    def size(self):
        return self._file.getSize()


def copies(dokument, create=False):
    """The Dokument's copies: SHA-256 of the source → {file, unchanged, made}."""
    annotations = IAnnotations(dokument)
    if ANNOTATION_KEY not in annotations:
        if not create:
            return {}
        annotations[ANNOTATION_KEY] = OOBTree()
    return annotations[ANNOTATION_KEY]


def is_pdf_file(namedfile):
    return namedfile is not None and getattr(namedfile, "contentType", "") == PDF


def pdfa_copy(dokument, namedfile=None):
    """The PDF/A copy of ``namedfile`` (a file version of ``dokument``; by
    default its current file), converted now if there is none yet."""
    namedfile = _source(dokument, namedfile)
    key = file_sha256(namedfile)
    entry = copies(dokument).get(key)
    if entry is None:
        with conversion(dokument, namedfile) as converted:
            entry = converted.store()
    return _copy(dokument, namedfile, key, entry)


@contextlib.contextmanager
def conversion(dokument, namedfile=None):
    """Converts ``namedfile`` (nothing is stored yet) and yields a
    ``Converted``; its ``store()`` files the copy in the current transaction
    and may be called again after an abort. Its ``existing`` is set instead
    when the Dokument has the copy already."""
    namedfile = _source(dokument, namedfile)
    key = file_sha256(namedfile)
    existing = copies(dokument).get(key)
    if existing is not None:
        yield Converted(dokument, key, None, existing=existing)
        return
    with tempfile.TemporaryDirectory(prefix="mittelangeln-pdfa-") as directory:
        directory = pathlib.Path(directory)
        source = directory / "source.pdf"
        with namedfile.open() if hasattr(namedfile, "open") else _bytes(namedfile) as data:
            with source.open("wb") as out:
                shutil.copyfileobj(data, out, CHUNK)
        target = make_pdfa(source, directory / "pdfa.pdf", _display_name(dokument, namedfile))
        yield Converted(dokument, key, target)


class Converted:
    def __init__(self, dokument, key, path, existing=None):
        self.dokument = dokument
        self.key = key
        self.path = path  # None: the source is PDF/A already
        self.existing = existing

    def store(self):
        if self.existing is not None:
            return self.existing
        stored = copies(self.dokument, create=True).get(self.key)
        if stored is not None:  # made meanwhile by someone else
            return stored
        file = None
        if self.path is not None:
            # The blob takes over (renames) a file of its own, so that a
            # retry after an abort finds the conversion's output unchanged.
            descriptor, attempt = tempfile.mkstemp(suffix=".pdf", dir=self.path.parent)
            os.close(descriptor)
            shutil.copyfile(self.path, attempt)
            with open(attempt, "rb") as data:
                file = NamedBlobFile(data, contentType=PDF, filename="pdfa.pdf")
        entry = PersistentMapping(file=file, unchanged=file is None, made=datetime.datetime.now(datetime.timezone.utc))
        copies(self.dokument, create=True)[self.key] = entry
        return entry


def make_pdfa(source, target, name):
    """Writes the PDF/A copy of the PDF ``source`` to ``target``; returns
    ``target``, or None when ``source`` is a sound PDF/A already."""
    try:
        return _make_pdfa(source, target, name)
    except subprocess.TimeoutExpired as error:
        logger.error("%s of %s took longer than %s s and was stopped", error.cmd[0], name, error.timeout)
        minutes = max(1, round(error.timeout / 60))
        raise PdfaError(
            _(
                "The PDF/A copy of “${name}” took too long and was stopped (limit: ${minutes} min).",
                mapping={"name": name, "minutes": minutes},
            )
        ) from None


def _make_pdfa(source, target, name):
    encryption = _run(["qpdf", "--requires-password", str(source)], timeout=CHECK_TIMEOUT).returncode
    if encryption == QPDF_PASSWORD_REQUIRED:
        logger.warning("%s is protected by a password: no PDF/A copy", name)
        raise PdfaError(_password_protected(name))
    if encryption == QPDF_ENCRYPTED_WITHOUT_PASSWORD:
        # Only restrictions (printing, copying): PDF/A allows no encryption,
        # and qpdf lifts it without a password.
        decrypted = target.with_name("decrypted.pdf")
        if _run(["qpdf", "--decrypt", str(source), str(decrypted)], timeout=CHECK_TIMEOUT).returncode in (0, 3):
            source = decrypted
    elif is_pdfa(source) and qpdf_check(source) and _has_text(source):
        # A sound PDF/A with a text layer is handed over as it is; an
        # image-only one (scanners write PDF/A-1b) goes through the OCR.
        return None
    started = time.monotonic()
    command = ["ocrmypdf", "--output-type", "pdfa-2", "--skip-text", "-l", "deu", "--jobs", "1"]
    command += ["--quiet", str(source), str(target)]
    # One OCR thread: the worker shares the server with the portal.
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        result = _run(command, timeout=CONVERSION_TIMEOUT, env=environment)
    except FileNotFoundError:
        logger.error("ocrmypdf is not installed (Debian package ocrmypdf)")
        raise PdfaError(_("OCRmyPDF is not installed (Debian package ocrmypdf); no PDF/A copy was made.")) from None
    if result.returncode != 0:
        logger.warning("ocrmypdf of %s ended with code %d: %s", name, result.returncode, _tail(result.stderr))
        if result.returncode == OCRMYPDF_INPUT_ERROR:
            message = _("The file “${name}” is not a readable PDF; no PDF/A copy was made.", mapping={"name": name})
        elif result.returncode == OCRMYPDF_ENCRYPTED:
            message = _password_protected(name)
        else:
            message = _(
                "The PDF/A copy of “${name}” could not be made (OCRmyPDF ended with code ${code}).",
                mapping={"name": name, "code": result.returncode},
            )
        raise PdfaError(message)
    if not (is_pdfa(target) and qpdf_check(target)):
        logger.warning("the PDF/A copy of %s fails its check", name)
        raise PdfaError(_("The PDF/A copy of “${name}” failed its check; it was not kept.", mapping={"name": name}))
    logger.info("PDF/A copy of %s made in %.1f s", name, time.monotonic() - started)
    return target


def _has_text(path):
    result = _run(["pdftotext", "-q", str(path), "-"], timeout=CHECK_TIMEOUT)
    return result.returncode == 0 and bool(result.stdout.strip())


def _password_protected(name):
    return _("The PDF “${name}” is protected by a password; no PDF/A copy was made.", mapping={"name": name})


def is_pdfa(data_or_path):
    """Does the PDF (bytes or a path) declare PDF/A in its XMP metadata?"""
    return pdfa_part(data_or_path) is not None


def pdfa_part(data_or_path):
    """The PDF/A part ("1" … "4") the PDF's XMP metadata declares, or None."""
    with _as_path(data_or_path) as path:
        xmp = xmp_metadata(path)
    if not xmp:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(xmp.strip(), parser)
    except etree.XMLSyntaxError:
        return None
    for element in root.iter():
        value = element.get(f"{{{PDFAID}}}part")
        if value is None and element.tag == f"{{{PDFAID}}}part":
            value = element.text
        if value is not None and value.strip() in {"1", "2", "3", "4"}:
            return value.strip()
    return None


def xmp_metadata(path):
    """The bytes of the catalog's /Metadata stream, or None (no metadata, or
    not a PDF qpdf can read)."""
    trailer = _qpdf_object(path, "trailer")
    root = _reference(trailer.get("/Root")) if trailer else None
    catalog = _qpdf_object(path, root) if root else None
    metadata = _reference(catalog.get("/Metadata")) if isinstance(catalog, dict) else None
    if metadata is None:
        return None
    try:
        result = _run(["qpdf", f"--show-object={metadata}", "--filtered-stream-data", str(path)], timeout=CHECK_TIMEOUT)
    except subprocess.TimeoutExpired:
        return None
    if result.returncode not in (0, 3) or len(result.stdout) > MAX_XMP:  # 3: warnings only
        return None
    return result.stdout


def qpdf_check(path):
    """Does ``qpdf --check`` find the PDF free of errors (and warnings)?"""
    try:
        return _run(["qpdf", "--check", str(path)], timeout=CHECK_TIMEOUT).returncode == 0
    except subprocess.TimeoutExpired:
        return False


def file_sha256(namedfile):
    digest = hashlib.sha256()
    with namedfile.open() if hasattr(namedfile, "open") else _bytes(namedfile) as data:
        for chunk in iter(lambda: data.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _run(command, timeout, env=None):
    """Every tool this module starts goes through here."""
    return subprocess.run(command, capture_output=True, timeout=timeout, env=env, check=False)


def _qpdf_object(path, selector):
    """The value of one object (``trailer`` or ``"12,0"``) as qpdf's JSON."""
    command = ["qpdf", "--json=2", "--json-key=qpdf", f"--json-object={selector}", str(path)]
    try:
        result = _run(command, timeout=CHECK_TIMEOUT)
    except subprocess.TimeoutExpired:
        return None
    if result.returncode not in (0, 3):
        return None
    try:
        objects = json.loads(result.stdout)["qpdf"][1]
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    for value in objects.values():
        if isinstance(value, dict):
            return value.get("value")
    return None


def _reference(value):
    match = _REFERENCE.match(value) if isinstance(value, str) else None
    return f"{match.group(1)},{match.group(2)}" if match else None


@contextlib.contextmanager
def _as_path(data_or_path):
    if isinstance(data_or_path, (bytes, bytearray)):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(data_or_path)
            file.flush()
            yield pathlib.Path(file.name)
    else:
        yield pathlib.Path(data_or_path)


def _bytes(namedfile):
    return io.BytesIO(namedfile.data)


def _source(dokument, namedfile):
    namedfile = dokument.file if namedfile is None else namedfile
    if namedfile is None:
        raise PdfaError(_("The Dokument has no file; no PDF/A copy was made."))
    return namedfile


def _display_name(dokument, namedfile):
    return getattr(namedfile, "filename", None) or dokument.getId()


def _copy(dokument, namedfile, key, entry):
    stem = pathlib.PurePosixPath(_display_name(dokument, namedfile).replace("\\", "/")).stem or dokument.getId()
    file = namedfile if entry["unchanged"] else entry["file"]
    return PdfaCopy(file, f"{stem}.pdf", key, entry["unchanged"])


def _tail(stderr, lines=5):
    return " | ".join(stderr.decode("utf-8", "replace").strip().splitlines()[-lines:])
