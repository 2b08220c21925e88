"""Image-only PDFs that look like scanned pages of a building file.

Tests and benchmarks need scans with ground truth: the text of every page is
known, but the PDF holds only grey page images (no text layer), slightly
rotated and blurred like a real scanner's output.
"""

import pathlib
import random
import subprocess
import tempfile

from mittelangeln.policy.textpdf import ghostscript
from mittelangeln.policy.textpdf import postscript


def scanned_pdf(pages, dpi=200, seed=0, max_skew=1.5):
    """An image-only PDF of ``pages`` (each a list of text lines)."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as directory:
        directory = pathlib.Path(directory)
        source = directory / "pages.ps"
        source.write_text(postscript(pages, font_size=13), encoding="ascii")
        ghostscript(str(source), str(directory / "page-%04d.png"), "pnggray", f"-r{dpi}")
        images = sorted(directory.glob("page-*.png"))
        for image in images:
            _age(image, skew=rng.uniform(-max_skew, max_skew))
        target = directory / "scan.pdf"
        subprocess.run(["gm", "convert", *map(str, images), str(target)], check=True, capture_output=True)
        return target.read_bytes()


def _age(image, skew):
    """Rotate a little like a page laid in askew, blur like scanner optics."""
    options = ["-background", "white", "-rotate", f"{skew:.2f}", "-blur", "0x0.7", "-colorspace", "GRAY"]
    subprocess.run(["gm", "mogrify", *options, str(image)], check=True, capture_output=True)
