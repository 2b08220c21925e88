"""The separator sheet the mail room prints: one A4 page with a big QR code
(segno) and a German explanation, drawn in PostScript and turned into a
PDF by ghostscript. The tests build their batches from this very sheet, so
what the mail room prints is what the hot folder reads."""

import pathlib
import tempfile

import segno

from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.posteingang.scans.codes import separator_code
from mittelangeln.policy.textpdf import ghostscript


WIDTH, HEIGHT = 595, 842  # A4 in points
QR_SIZE = 280  # points, about 10 cm: read even from a skewed, low-dpi scan

# Latin-1 plus the typographic characters of Windows-1252 German texts use.
_EXTRA_GLYPHS = {
    0x2D: "hyphen",  # ISOLatin1Encoding has a minus there
    0x84: "quotedblbase",
    0x85: "ellipsis",
    0x91: "quoteleft",
    0x92: "quoteright",
    0x93: "quotedblleft",
    0x94: "quotedblright",
    0x96: "endash",
    0x97: "emdash",
}


def _string(text):
    """``text`` as a PostScript string in the sheet's (Windows-1252) encoding."""
    data = text.encode("cp1252", "replace")
    out = []
    for byte in data:
        char = chr(byte)
        if byte >= 0x80 or byte < 0x20:
            out.append(f"\\{byte:03o}")
        elif char in "\\()":
            out.append("\\" + char)
        else:
            out.append(char)
    return "(" + "".join(out) + ")"


def _font(name, size):
    return f"/{name}-Sheet findfont {size} scalefont setfont"


def _centered(text, y):
    return f"{_string(text)} dup stringwidth pop {WIDTH} exch sub 2 div {y} moveto show"


def _qr_modules(code, x, y, size):
    """PostScript filling the dark modules of ``code``'s QR symbol into the
    square (x, y, size); the white page is its quiet zone."""
    matrix = segno.make(code, error="m", micro=False).matrix
    count = len(matrix)
    module = size / count
    program = []
    for row_number, row in enumerate(matrix):
        top = y + size - (row_number + 1) * module
        for column, dark in enumerate(row):
            if dark:
                program.append(f"{x + column * module:.3f} {top:.3f} {module:.3f} {module:.3f} rectfill")
    return program


def _reencode(name):
    extra = " ".join(f"dup {code} /{glyph} put" for code, glyph in _EXTRA_GLYPHS.items())
    return (
        f"/{name} findfont dup length dict begin {{1 index /FID ne {{def}} {{pop pop}} ifelse}} forall "
        f"/Encoding ISOLatin1Encoding 256 array copy {extra} def currentdict end "
        f"/{name}-Sheet exch definefont pop"
    )


def sheet_postscript(fachdienst=None):
    code = separator_code(fachdienst)
    qr_x, qr_y = (WIDTH - QR_SIZE) / 2, 360
    lines = [
        translate(_("Place this sheet in front of every letter of the pile when scanning.")),
        translate(_("The Posteingang splits the pile at each separator sheet into one Eingang per letter;")),
        translate(_("the separator sheet itself is not stored.")),
        translate(_("Scan the whole pile as one PDF into the scan hot folder.")),
        translate(_("Do not fold or write on this sheet; it can be used again and again.")),
    ]
    program = ["%!PS-Adobe-3.0", "<< /PageSize [595 842] >> setpagedevice"]
    program += [_reencode("Helvetica-Bold"), _reencode("Helvetica")]
    program.append(_font("Helvetica-Bold", 34))
    program.append(_centered(translate(_("Separator sheet")), 760))
    program.append(_font("Helvetica", 20))
    program.append(_centered(translate(_("place in front of every letter")), 728))
    if fachdienst:
        program.append(_font("Helvetica-Bold", 15))
        program.append(_centered(translate(_("The letters after it go to:")), 690))
        program.append(_centered(fachdienst, 670))
    program += _qr_modules(code, qr_x, qr_y, QR_SIZE)
    program.append(_font("Helvetica", 12))
    for number, line in enumerate(lines):
        program.append(_centered(line, 300 - number * 20))
    program.append(_font("Helvetica", 9))
    program.append(_centered(code, 120))
    program.append(_centered(translate(_("Amt Mittelangeln – Posteingang")), 104))
    program.append("showpage")
    return "\n".join(program) + "\n"


def separator_sheet(fachdienst=None):
    """The separator sheet as a one-page A4 PDF."""
    with tempfile.TemporaryDirectory() as directory:
        source = pathlib.Path(directory) / "trennblatt.ps"
        target = pathlib.Path(directory) / "trennblatt.pdf"
        source.write_text(sheet_postscript(fachdienst), encoding="latin-1")
        ghostscript(str(source), str(target), "pdfwrite")
        return target.read_bytes()
