"""PDFs with real umlauts and ß for the search tests: a text PDF and an
image-only scan of it (no text layer; the portal's conversion queue reads it
with tesseract).

textpdf.text_pdf and the scan generator spell umlauts out (their PostScript
font is ASCII); these pages re-encode Helvetica as ISO Latin-1, so the PDF and
the scan's image say "Bauanträge" and "Sörup", not "Bauantraege"."""

import pathlib
import random
import subprocess
import tempfile

from mittelangeln.policy.textpdf import ghostscript


FONT_SIZE = 14
_LATIN1_FONT = (
    "/Helvetica findfont dup length dict begin"
    " { 1 index /FID ne { def } { pop pop } ifelse } forall"
    " /Encoding ISOLatin1Encoding def currentdict end /HelveticaLatin1 exch definefont pop"
)


def _string(line):
    """A PostScript string literal; non-ASCII letters as Latin-1 octal escapes."""
    parts = []
    for char in line:
        code = ord(char)
        if char in "\\()":
            parts.append("\\" + char)
        elif code < 128:
            parts.append(char)
        else:
            parts.append(f"\\{code:03o}")
    return "(" + "".join(parts) + ")"


def latin1_postscript(pages, font_size=FONT_SIZE):
    program = ["%!PS", _LATIN1_FONT, f"/HelveticaLatin1 findfont {font_size} scalefont setfont"]
    for lines in pages:
        for number, line in enumerate(lines):
            line.encode("latin-1")  # only what the font can print
            program.append(f"72 {740 - round(font_size * 1.45) * number} moveto {_string(line)} show")
        program.append("showpage")
    return "\n".join(program) + "\n"


def german_text_pdf(pages):
    """A text PDF of ``pages`` (each a list of lines) with umlauts and ß."""
    with tempfile.TemporaryDirectory() as directory:
        source = pathlib.Path(directory) / "text.ps"
        target = pathlib.Path(directory) / "text.pdf"
        source.write_text(latin1_postscript(pages), encoding="ascii")
        ghostscript(str(source), str(target), "pdfwrite")
        return target.read_bytes()


def german_scan(pages, seed=0, dpi=200):
    """An image-only PDF of ``pages``: grey page images, slightly askew and
    blurred like a scanner's."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as directory:
        folder = pathlib.Path(directory)
        source = folder / "pages.ps"
        source.write_text(latin1_postscript(pages), encoding="ascii")
        ghostscript(str(source), str(folder / "page-%04d.png"), "pnggray", f"-r{dpi}")
        images = sorted(folder.glob("page-*.png"))
        for image in images:
            skew = f"{rng.uniform(-1.0, 1.0):.2f}"
            aging = ["-background", "white", "-rotate", skew, "-blur", "0x0.7", "-colorspace", "GRAY"]
            subprocess.run(["gm", "mogrify", *aging, str(image)], check=True, capture_output=True)
        target = folder / "scan.pdf"
        subprocess.run(["gm", "convert", *map(str, images), str(target)], check=True, capture_output=True)
        return target.read_bytes()
