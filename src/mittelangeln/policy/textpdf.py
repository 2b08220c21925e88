"""Small text PDFs made with ghostscript, for demo content and tests."""

import pathlib
import subprocess
import tempfile

_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def _escape(line):
    ascii_line = line.translate(_TRANSLITERATION).encode("ascii", "replace").decode("ascii")
    return ascii_line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_pdf(pages):
    """A PDF with one page per entry of ``pages`` (each a list of lines).
    Umlauts are transliterated: the standard PostScript font is ASCII."""
    program = ["%!PS", "/Helvetica findfont 14 scalefont setfont"]
    for lines in pages:
        for number, line in enumerate(lines):
            program.append(f"72 {740 - 20 * number} moveto ({_escape(line)}) show")
        program.append("showpage")
    with tempfile.TemporaryDirectory() as directory:
        source = pathlib.Path(directory) / "text.ps"
        target = pathlib.Path(directory) / "text.pdf"
        source.write_text("\n".join(program) + "\n", encoding="ascii")
        subprocess.run(
            ["gs", "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=pdfwrite", f"-sOutputFile={target}", str(source)],
            check=True,
            capture_output=True,
        )
        return target.read_bytes()
