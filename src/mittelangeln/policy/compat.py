"""Compatibility fixes for third-party packages, all in one place.

Each fix names the package and version it is for, why it is needed and the
test that fails without it (tests/compat/). Nothing is edited inside installed
packages. Remove a fix when the upstream release no longer needs it.
"""

import glob
import os
import tempfile

import zope.component.interfaces
import zope.interface.interfaces

# documentviewer renders pages at this resolution; the page images are made
# from one rendering of each page.
PAGE_RENDER_DPI = 150

# OCR reads pages rendered at this resolution (tesseract's recommendation).
OCR_DPI = 300

# The upstream functions replaced below, for the tests that compare.
REPLACED = {}


def alias_object_event_in_zope_component():
    """collective.documentviewer 6.0.3: ``interfaces.py`` and ``events.py``
    import ``IObjectEvent``/``ObjectEvent`` from ``zope.component.interfaces``.
    zope.component 5+ no longer re-exports them (they live in
    ``zope.interface.interfaces``), so Zope start-up fails with ImportError.
    We put the aliases back before collective.documentviewer is imported.

    Test: tests/compat/test_documentviewer_imports.py
    """
    for name in ("IObjectEvent", "ObjectEvent"):
        if not hasattr(zope.component.interfaces, name):
            setattr(zope.component.interfaces, name, getattr(zope.interface.interfaces, name))


def render_each_page_once(self, filepath, output_dir, sizes, format, lang="eng"):
    """Page images in every size from one rendering of each page (replaces
    GraphicsMagickSubProcess.dump_images)."""
    from PIL import Image

    from mittelangeln.policy.textpdf import ghostscript

    with tempfile.TemporaryDirectory() as scratch:
        # Uncompressed: PNG would cost more to write and read than it saves.
        ghostscript(filepath, os.path.join(scratch, "page-%d.ppm"), "ppmraw", f"-r{PAGE_RENDER_DPI}")
        for name, _ in sizes:
            os.makedirs(os.path.join(output_dir, name))
        for rendered in glob.glob(os.path.join(scratch, "page-*.ppm")):
            number = int(rendered.rsplit("-", 1)[1][:-4])
            with Image.open(rendered) as image:
                # Largest first, each size scaled from the one before: cheaper.
                for name, width in sorted(sizes, key=lambda size: -size[1]):
                    height = max(1, round(image.height * width / image.width))
                    image = image.resize((width, height), Image.Resampling.BILINEAR, reducing_gap=2.0)
                    # Fast octree: a sixth of the time of the default median cut.
                    palette = image.quantize(256, method=Image.Quantize.FASTOCTREE) if format == "gif" else image
                    palette.save(os.path.join(output_dir, name, f"dump_{number}.{format}"))


def faster_page_images():
    """collective.documentviewer 6.0.3: ``dump_images`` splits the PDF and
    has GraphicsMagick render every page once per image size (three
    ghostscript runs and GIF encodings per page, about 0.8 s for a scanned
    A4 page on our server, more than tesseract needs to read it). We render
    each page once with ghostscript and scale it to the sizes with Pillow
    (about 0.25 s); the files (``<size>/dump_<n>.<format>``) are the same.

    Test: tests/compat/test_documentviewer_page_images.py
    """
    from collective.documentviewer.convert import GraphicsMagickSubProcess

    if GraphicsMagickSubProcess.dump_images is not render_each_page_once:
        REPLACED["GraphicsMagickSubProcess.dump_images"] = GraphicsMagickSubProcess.dump_images
        GraphicsMagickSubProcess.dump_images = render_each_page_once


def ocr_pages_at_scan_resolution(self, file_list, output_dir, lang="eng"):
    """OCR of documentviewer's page PDFs (one page each) into ``<page>.txt``
    (replaces TesseractSubProcess.dump_text). One ghostscript run renders
    them all in greyscale at OCR_DPI; its page counter runs on across the
    input files, so the n-th image is the n-th page PDF."""
    import subprocess

    from mittelangeln.policy.textpdf import ghostscript

    pages = sorted(file_list, key=lambda path: int(path.rsplit("_", 1)[1][: -len(".pdf")]))
    if not pages:
        return
    images = os.path.join(output_dir, "ocr-%d.pgm")
    ghostscript(pages, images, "pgmraw", f"-r{OCR_DPI}")
    for number, page_pdf in enumerate(pages, start=1):
        image = images % number
        try:
            subprocess.run(["tesseract", image, page_pdf[: -len(".pdf")], "-l", lang], check=True, capture_output=True)
        finally:
            os.remove(image)
        os.remove(page_pdf)


def ocr_at_scan_resolution():
    """collective.documentviewer 6.0.3: ``TesseractSubProcess.dump_text``
    has GraphicsMagick turn each page into a JPEG at its default 72 dpi and
    gives that to tesseract. At 72 dpi the letters of a typed page are 10-14
    pixels high and tesseract misreads or drops small print (it wants 300
    dpi). We render each page at OCR_DPI in greyscale and OCR that.

    Test: tests/compat/test_documentviewer_ocr.py
    """
    from collective.documentviewer.convert import TesseractSubProcess

    if TesseractSubProcess.dump_text is not ocr_pages_at_scan_resolution:
        REPLACED["TesseractSubProcess.dump_text"] = TesseractSubProcess.dump_text
        TesseractSubProcess.dump_text = ocr_pages_at_scan_resolution


def apply_all():
    alias_object_event_in_zope_component()
    faster_page_images()
    ocr_at_scan_resolution()


apply_all()
