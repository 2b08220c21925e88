"""Looking at the pages of a PDF as a scanner produced them: each page
rendered in grey at low resolution (pdftoppm), its barcodes read (zbar)
and its ink measured, so separator sheets and empty pages are found without
OCR."""

import pathlib
import subprocess
import tempfile
from dataclasses import dataclass

import numpy
from PIL import Image
from pyzbar import pyzbar

from mittelangeln.policy.posteingang.scans.codes import parse_separator


# Separator sheets carry a 10 cm QR code: 72 dpi gives it about 9 pixels a
# module, which zbar reads even from a skewed scan (a scanned sheet was still
# read at 40 dpi). The same image tells whether the page is empty.
BARCODE_DPI = 72
# A page is empty when less than this share of its area (without a 5 % margin
# where scanners leave edge shadows) is clearly darker than the paper: one
# typed word covers about 0.07 %, dust on a scanned white page 0.01 %.
BLANK_INK = 0.0002
MARGIN = 0.05
SYMBOLS = (pyzbar.ZBarSymbol.QRCODE, pyzbar.ZBarSymbol.CODE128)


@dataclass
class Page:
    number: int  # 1-based
    ink: float  # share of the page clearly darker than the paper
    separator: dict = None  # the separator code's metadata, if it is one

    @property
    def blank(self):
        return self.separator is None and self.ink < BLANK_INK


def ink(image):
    """Share of ``image`` (grey) clearly darker than its paper."""
    pixels = numpy.asarray(image)
    height, width = pixels.shape
    top, left = int(height * MARGIN), int(width * MARGIN)
    pixels = pixels[top : height - top, left : width - left]
    if not pixels.size:
        return 0.0
    paper = float(numpy.median(pixels))
    return float((pixels < min(paper - 80, 160)).mean())


def separator(image):
    """The metadata of the separator code on ``image``, or None."""
    for symbol in pyzbar.decode(image, symbols=SYMBOLS):
        metadata = parse_separator(symbol.data.decode("ascii", "replace"))
        if metadata is not None:
            return metadata
    return None


def rendered(path, dpi):
    """(page number, grey image) of the pages of the PDF at ``path``."""
    with tempfile.TemporaryDirectory(prefix="mittelangeln-scan-") as directory:
        command = ["pdftoppm", "-gray", "-r", str(dpi), str(path), f"{directory}/p"]
        subprocess.run(command, check=True, capture_output=True, timeout=1800)
        # pdftoppm names them p-1.pgm … or p-001.pgm …, by the page count
        for image_path in sorted(pathlib.Path(directory).glob("p-*.pgm"), key=lambda p: int(p.stem[2:])):
            with Image.open(image_path) as image:
                image.load()
                yield int(image_path.stem[2:]), image


def analyse(path):
    """The pages of the PDF at ``path`` as ``Page``s."""
    return [Page(number, ink(image), separator(image)) for number, image in rendered(path, BARCODE_DPI)]
