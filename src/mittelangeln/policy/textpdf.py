"""PDFs made by tools: small text PDFs with ghostscript (demo content and
tests), letters from HTML with LibreOffice (full Unicode, embedded fonts)."""

import pathlib
import subprocess
import tempfile


_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
# Helvetica re-encoded as ISO Latin-1, so that umlauts and ß print as such.
_LATIN1_FONT = (
    "/Helvetica findfont dup length dict begin"
    " { 1 index /FID ne { def } { pop pop } ifelse } forall"
    " /Encoding ISOLatin1Encoding def currentdict end /HelveticaLatin1 exch definefont pop"
)


def _escape(line, umlauts):
    """A PostScript string's content; without ``umlauts`` transliterated to
    ASCII, with them non-ASCII letters as Latin-1 octal escapes."""
    if not umlauts:
        line = line.translate(_TRANSLITERATION).encode("ascii", "replace").decode("ascii")
    line.encode("latin-1")  # only what the font can print
    escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return "".join(char if ord(char) < 128 else f"\\{ord(char):03o}" for char in escaped)


def postscript(pages, font_size=14, umlauts=False):
    """A PostScript program printing one page per entry of ``pages``; the
    standard font is ASCII, ``umlauts`` re-encodes it as Latin-1."""
    if umlauts:
        program = ["%!PS", _LATIN1_FONT, f"/HelveticaLatin1 findfont {font_size} scalefont setfont"]
    else:
        program = ["%!PS", f"/Helvetica findfont {font_size} scalefont setfont"]
    for lines in pages:
        for number, line in enumerate(lines):
            program.append(f"72 {740 - round(font_size * 1.45) * number} moveto ({_escape(line, umlauts)}) show")
        program.append("showpage")
    return "\n".join(program) + "\n"


def ghostscript(source, target, device, *options):
    """Render ``source`` (a file, or a list of files one after the other)
    with the ghostscript ``device`` into ``target``."""
    sources = [source] if isinstance(source, str) else list(source)
    subprocess.run(
        [
            "gs",
            "-q",
            "-dBATCH",
            "-dNOPAUSE",
            "-dSAFER",
            f"-sDEVICE={device}",
            *options,
            f"-sOutputFile={target}",
            *sources,
        ],
        check=True,
        capture_output=True,
    )


def text_pdf(pages, umlauts=False):
    """A PDF with one page per entry of ``pages`` (each a list of lines).
    Umlauts are transliterated unless ``umlauts`` (postscript())."""
    with tempfile.TemporaryDirectory() as directory:
        source = pathlib.Path(directory) / "text.ps"
        target = pathlib.Path(directory) / "text.pdf"
        source.write_text(postscript(pages, umlauts=umlauts), encoding="ascii")
        ghostscript(str(source), str(target), "pdfwrite")
        return target.read_bytes()


def html_pdf(html):
    """The PDF of an HTML page, converted by LibreOffice (the one the
    documentviewer uses for Word files). Each call gets its own LibreOffice
    profile: two conversions at once would otherwise lock each other out."""
    with tempfile.TemporaryDirectory() as directory:
        folder = pathlib.Path(directory)
        source = folder / "letter.html"
        source.write_text(html, encoding="utf-8")
        subprocess.run(
            [
                "soffice",
                "--headless",
                "--norestore",
                f"-env:UserInstallation=file://{folder / 'profile'}",
                # Writer's HTML import: with the default (Writer/Web) one,
                # LibreOffice 7.4 drops the first paragraph onto a blank page.
                "--infilter=HTML (StarWriter)",
                "--convert-to",
                "pdf:writer_web_pdf_Export",
                "--outdir",
                str(folder),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return (folder / "letter.pdf").read_bytes()
