"""A real two-page text PDF, written by ghostscript."""

import subprocess

import pytest

POSTSCRIPT = """%!PS
/Helvetica findfont 24 scalefont setfont
72 700 moveto (Bauantrag Dorfstrasse 12 Mittelangeln) show
showpage
72 700 moveto (Seite zwei Lageplan) show
showpage
"""


@pytest.fixture(scope="session")
def two_page_pdf(tmp_path_factory):
    directory = tmp_path_factory.mktemp("pdf")
    source = directory / "bauantrag.ps"
    target = directory / "bauantrag.pdf"
    source.write_text(POSTSCRIPT, encoding="ascii")
    subprocess.run(
        ["gs", "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=pdfwrite", f"-sOutputFile={target}", str(source)],
        check=True,
    )
    return target.read_bytes()
