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
        ghostscript(filepath, os.path.join(scratch, "page-%d.png"), "png16m", f"-r{PAGE_RENDER_DPI}")
        for name, _ in sizes:
            os.makedirs(os.path.join(output_dir, name))
        for rendered in glob.glob(os.path.join(scratch, "page-*.png")):
            number = int(rendered.rsplit("-", 1)[1][:-4])
            with Image.open(rendered) as page:
                for name, width in sizes:
                    height = max(1, round(page.height * width / page.width))
                    image = page.resize((width, height), Image.Resampling.BILINEAR, reducing_gap=2.0)
                    if format == "gif":
                        image = image.quantize(256)
                    image.save(os.path.join(output_dir, name, f"dump_{number}.{format}"))


def faster_page_images():
    """collective.documentviewer 6.0.3: ``dump_images`` splits the PDF and
    has GraphicsMagick render every page once per image size (three
    ghostscript runs and a GIF encoding per page): 2-3 s per scanned page,
    about four times the German OCR of the same page. We render each page
    once with ghostscript and scale it to the sizes with Pillow; the files
    (``<size>/dump_<n>.<format>``) are the same as before.

    Test: tests/compat/test_documentviewer_page_images.py
    """
    from collective.documentviewer.convert import GraphicsMagickSubProcess

    if GraphicsMagickSubProcess.dump_images is not render_each_page_once:
        REPLACED["GraphicsMagickSubProcess.dump_images"] = GraphicsMagickSubProcess.dump_images
        GraphicsMagickSubProcess.dump_images = render_each_page_once


def apply_all():
    alias_object_event_in_zope_component()
    faster_page_images()


apply_all()
