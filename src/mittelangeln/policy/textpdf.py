"""PDFs made by tools: small text PDFs with ghostscript (demo content and
tests), letters from HTML with LibreOffice (full Unicode, embedded fonts)."""

import pathlib
import subprocess
import tempfile


_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def _escape(line):
    ascii_line = line.translate(_TRANSLITERATION).encode("ascii", "replace").decode("ascii")
    return ascii_line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def postscript(pages, font_size=14):
    """A PostScript program printing one page per entry of ``pages``."""
    program = ["%!PS", f"/Helvetica findfont {font_size} scalefont setfont"]
    for lines in pages:
        for number, line in enumerate(lines):
            program.append(f"72 {740 - round(font_size * 1.45) * number} moveto ({_escape(line)}) show")
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


def text_pdf(pages):
    """A PDF with one page per entry of ``pages`` (each a list of lines).
    Umlauts are transliterated: the standard PostScript font is ASCII."""
    with tempfile.TemporaryDirectory() as directory:
        source = pathlib.Path(directory) / "text.ps"
        target = pathlib.Path(directory) / "text.pdf"
        source.write_text(postscript(pages), encoding="ascii")
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
