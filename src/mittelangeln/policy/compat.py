"""Compatibility fixes for third-party packages, all in one place.

Each fix names the package and version it is for, why it is needed and the
test that fails without it (tests/compat/). Nothing is edited inside installed
packages. Remove a fix when the upstream release no longer needs it.
"""

import glob
import inspect
import math
import os
import tempfile

import zope.component.interfaces
import zope.interface.interfaces
import ZPublisher.WSGIPublisher as publisher
from BTrees.IIBTree import IIBTree
from collective.documentviewer.config import GROUP_VIEW_DISPLAY_TYPES
from plone import api
from Products.CMFEditions.interfaces.IArchivist import ArchivistRetrieveError
from zExceptions import NotFound

from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.textpdf import ghostscript


# Page images are scaled from one rendering of each page, at the resolution
# that makes an A4 page as wide as the largest image size.
A4_WIDTH_INCHES = 8.27

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

    with tempfile.TemporaryDirectory() as scratch:
        # Uncompressed: PNG would cost more to write and read than it saves.
        dpi = math.ceil(max(width for _, width in sizes) / A4_WIDTH_INCHES)
        ghostscript(filepath, os.path.join(scratch, "page-%d.ppm"), "ppmraw", f"-r{dpi}")
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


def text_per_page(self, filepath, output_dir, ocr, lang="eng"):
    """Per-page text of the PDF into ``text/dump_<n>.txt`` (replaces
    PdfToTextSubProcess.dump_text). With OCR, one ghostscript run renders
    every page in greyscale at OCR_DPI and tesseract reads each image;
    without, upstream's pdftotext per page is kept."""
    if not ocr:
        return REPLACED["PdfToTextSubProcess.dump_text"](self, filepath, output_dir, ocr, lang)
    import subprocess

    from collective.documentviewer.convert import TEXT_REL_PATHNAME

    text_dir = os.path.join(output_dir, TEXT_REL_PATHNAME)
    os.mkdir(text_dir)
    ghostscript(filepath, os.path.join(text_dir, "dump_%d.pgm"), "pgmraw", f"-r{OCR_DPI}")
    for image in glob.glob(os.path.join(text_dir, "dump_*.pgm")):
        try:
            subprocess.run(["tesseract", image, image[: -len(".pgm")], "-l", lang], check=True, capture_output=True)
        finally:
            os.remove(image)


def ocr_at_scan_resolution():
    """collective.documentviewer 6.0.3: for OCR, ``PdfToTextSubProcess.
    dump_text`` splits the PDF into one file per page, and
    ``TesseractSubProcess.dump_text`` has GraphicsMagick turn each into a
    JPEG at its default 72 dpi for tesseract. At 72 dpi the letters of a
    typed page are 10-14 pixels high and tesseract misreads or drops small
    print (it wants 300 dpi). We render all pages in one ghostscript run at
    OCR_DPI in greyscale and OCR those images; no page files.

    Test: tests/compat/test_documentviewer_ocr.py
    """
    from collective.documentviewer.convert import PdfToTextSubProcess

    if PdfToTextSubProcess.dump_text is not text_per_page:
        REPLACED["PdfToTextSubProcess.dump_text"] = PdfToTextSubProcess.dump_text
        PdfToTextSubProcess.dump_text = text_per_page


def date_or_refusal(self, value):
    """The date of a date widget's text, or a German error for the field
    (replaces DateWidgetConverter.toFieldValue)."""
    from z3c.form.converter import FormatterValidationError

    if not value:
        return self.field.missing_value
    if isinstance(value, str):
        try:
            return REPLACED["DateWidgetConverter.toFieldValue"](self, value)
        except (TypeError, ValueError):
            pass
    raise FormatterValidationError(translate(_("Please give a valid date, e.g. 04.05.2016.")), value)


def refuse_malformed_dates():
    """plone.app.z3cform 5.0.2: ``DateWidgetConverter.toFieldValue`` does
    ``date(*map(int, value.split("-")))``. For "2016-05" or "1-2-3-4" that
    raises TypeError, for a repeated parameter (a list) AttributeError;
    z3c.form turns only ValueError and Invalid into field errors, so a
    public form answers such input with a 500. We make every unreadable
    value a field error with a German message (Python's own "month must be
    in 1..12" would otherwise be shown too).

    Test: tests/compat/test_date_widget_converter.py
    """
    from plone.app.z3cform.converters import DateWidgetConverter

    if DateWidgetConverter.toFieldValue is not date_or_refusal:
        REPLACED["DateWidgetConverter.toFieldValue"] = DateWidgetConverter.toFieldValue
        DateWidgetConverter.toFieldValue = date_or_refusal


def default_page_or_not_found(self, request):
    """The view's page, or NotFound for a helper view that has none
    (replaces zope.browserpage's ``simple.browserDefault``)."""
    attr = self.__page_attribute__
    if attr == "browserDefault" or not hasattr(self, attr):
        raise NotFound(request.get("URL", ""))
    return getattr(self, attr), ""


def not_found(self, *args, **kwargs):
    """A view that is broken here answers 404."""
    raise NotFound(getattr(self, "__name__", ""))


def broken_upstream_views_not_found():
    """Two views registered for every folder or object answer 500 here:
    collective.documentviewer 6.0.3's ``@@dvpdf-group-view`` (its template
    fills the macro ``master`` that Plone 6's main template no longer has)
    and plone.app.multilingual 9.0.2's ``@@babel_utils`` (it adapts the
    context to ITranslationManager, which needs plone.app.multilingual
    installed; this portal is German only). Both answer 404.

    Test: tests/compat/test_helper_views.py
    """
    from collective.documentviewer.browser.views import GroupView
    from plone.app.multilingual.browser.utils import BabelUtils

    for klass, name in ((GroupView, "__call__"), (BabelUtils, "__init__")):
        if klass.__dict__.get(name) is not not_found:
            REPLACED[f"{klass.__name__}.{name}"] = klass.__dict__.get(name)
            setattr(klass, name, not_found)


def helper_views_not_found():
    """zope.browserpage 6.0: a view registered without a template or page
    attribute (helper views such as plone.app.multilingual's
    ``@@babel_utils`` or the portlet managers' ``@@+``) is published with
    ``getattr(self, "__call__")`` in ``simple.browserDefault``; the missing
    attribute is an AttributeError, answered with 500 for anyone who types
    the name into the URL. It is NotFound (404), as for any other name that
    leads nowhere.

    Test: tests/compat/test_helper_views.py
    """
    from zope.browserpage.metaconfigure import simple

    if simple.browserDefault is not default_page_or_not_found:
        REPLACED["simple.browserDefault"] = simple.browserDefault
        simple.browserDefault = default_page_or_not_found


def missing_versions_not_found():
    """plone.restapi 10.0.4: ``GET <item>/@history/<n>`` for a version that
    does not exist (an item never versioned, a number past the last one, a
    word) lets CMFEditions' ArchivistRetrieveError or int()'s ValueError
    through: 500, with a traceback for Managers. It is NotFound (404).

    Test: tests/compat/test_published_methods.py
    """
    from plone.restapi.services.history.get import HistoryGet

    if HistoryGet.__dict__["reply"] is not history_or_not_found:
        REPLACED["HistoryGet.reply"] = HistoryGet.__dict__["reply"]
        HistoryGet.reply = history_or_not_found


def history_or_not_found(self):
    try:
        return REPLACED["HistoryGet.reply"](self)
    except (ArchivistRetrieveError, ValueError):
        if self.version is None:
            raise
        raise NotFound(self.version) from None


def published_wrappers_keep_their_signature():
    """Zope 6.3's mapply reads the arguments a published method takes from
    its code, or from ``__signature__``. A method wrapped by a decorator such
    as plone.memoize's ``@memoize`` shows only ``(*args, **kwargs)``, so a
    missing argument is not found missing but raises TypeError inside the
    call: 500 for e.g. ``@@plone_interface_info/provides``. Giving the
    wrapper the signature of the function it wraps, as the publisher calls
    it, lets Zope answer 400 (missing parameter) as for any other method.

    Test: tests/compat/test_published_methods.py
    """
    if publisher.mapply is not mapply_with_wrapped_signature:
        REPLACED["WSGIPublisher.mapply"] = publisher.mapply
        publisher.mapply = mapply_with_wrapped_signature


def mapply_with_wrapped_signature(published, *args, **kwargs):
    function = getattr(published, "__func__", None)
    wrapped = getattr(function, "__wrapped__", None)
    if wrapped is not None and "__signature__" not in function.__dict__:
        function.__signature__ = inspect.signature(wrapped)
    return REPLACED["WSGIPublisher.mapply"](published, *args, **kwargs)


def status_form_returns_to_the_item():
    """plone.app.content 5.0.1: the advanced workflow form
    (``@@content_status_history``) sends a user for whom none of the listed
    items can change state back to the referring page. Without a Referer
    header (a typed or bookmarked address, some privacy settings) that is a
    redirect to the empty address, which browsers follow to the same form
    again, forever; when the referrer is ``content_status_modify`` (which
    sends a request without a transition to this form) the two send the
    browser to each other, forever. In both cases the item itself is the
    way back.

    Test: tests/compat/test_published_methods.py
    """
    from plone.app.content.browser.content_status_history import ContentStatusHistoryView

    if ContentStatusHistoryView.__dict__["redirect_to_referrer"] is not redirect_to_referrer_or_item:
        REPLACED["ContentStatusHistoryView.redirect_to_referrer"] = ContentStatusHistoryView.redirect_to_referrer
        ContentStatusHistoryView.redirect_to_referrer = redirect_to_referrer_or_item


def redirect_to_referrer_or_item(self):
    referer = self.request.get("HTTP_REFERER", "").split("?", 1)[0]
    if not referer or referer.rsplit("/", 1)[-1].lstrip("@").startswith("content_status_"):
        referer = self.context.absolute_url()
    return self.request.RESPONSE.redirect(referer)


def hide_broken_group_view():
    """collective.documentviewer 6.0.3's install offers its "PDF Group View"
    (``dvpdf-group-view``) in the Darstellung menu of folders; it cannot
    render on Plone 6 (see broken_upstream_views_not_found), so it is taken
    out of the types' view methods. Called by the policy's install and
    upgrade 1010, not at import.

    Test: tests/site/test_install.py, tests/site/test_upgrades.py
    """
    types = api.portal.get_tool("portal_types")
    for portal_type in GROUP_VIEW_DISPLAY_TYPES:
        fti = types.getTypeInfo(portal_type)
        if fti is not None:
            fti.view_methods = tuple(name for name in fti.view_methods if name != "dvpdf-group-view")


def clear_keeps_the_metadata_tree():
    """Products.ZCatalog 7.4: ``Catalog.clear()`` ("Clear and Rebuild" in
    the catalog's control panel, ``clearFindAndRebuild``) gives the catalog
    a new plain IOBTree for its metadata records, so a site would silently
    lose the small buckets of catalog_metadata.MetadataTree until the next
    upgrade. The cleared catalog gets an empty tree of the class it had.

    Test: tests/compat/test_catalog_clear.py
    """
    from Products.ZCatalog.Catalog import Catalog

    if Catalog.__dict__["clear"] is not clear_keeping_the_tree_class:
        REPLACED["Catalog.clear"] = Catalog.clear
        Catalog.clear = clear_keeping_the_tree_class


def clear_keeping_the_tree_class(self):
    old = getattr(self, "data", None)  # none yet when Catalog.__init__ clears
    REPLACED["Catalog.clear"](self)
    if old is not None and type(old) is not type(self.data):
        self.data = type(old)()


def postings_prefetched():
    """Products.ZCatalog 7.4 (ZCTextIndex's OkapiIndex): a word's postings
    are an IIBTree whose buckets scoring reads one by one. On RelStorage a
    bucket not in the local cache is a database round trip (about 0.2 ms
    here), and a frequent word has hundreds of buckets: a cold full-text
    query spent most of its time waiting for them. Before scoring, the
    buckets of the words' postings are fetched level by level, one query
    per level (Connection.prefetch; a no-op on FileStorage, which reads
    them from the OS cache anyway). Scoring such postings also reads the
    length of every document in them (the index's ``_docweight`` IIBTree):
    its buckets are fetched too, once a posting has several buckets.

    Test: tests/state/test_postings_prefetch.py (it needs the PostgreSQL of tests/state)
    """
    from Products.ZCTextIndex.OkapiIndex import OkapiIndex

    if OkapiIndex.__dict__["_search_wids"] is not search_wids_prefetched:
        REPLACED["OkapiIndex._search_wids"] = OkapiIndex._search_wids
        OkapiIndex._search_wids = search_wids_prefetched


def search_wids_prefetched(self, wids):
    jar = self._p_jar
    if jar is not None and wids and hasattr(jar.db().storage, "prefetch"):  # FileStorage has none
        if prefetch_tree_buckets(jar, [self._wordinfo[wid] for wid in wids]):
            prefetch_tree_buckets(jar, [self._docweight])
    return REPLACED["OkapiIndex._search_wids"](self, wids)


def prefetch_tree_buckets(jar, trees):
    """Fetch the nodes and buckets of these IIBTrees into the storage's
    cache, one prefetch per level of the trees (postings of rare words are
    dicts: nothing to fetch). Returns how many buckets the trees have in
    records of their own."""
    level = [tree for tree in trees if isinstance(tree, IIBTree) and tree._p_oid is not None]
    found = 0
    while level:
        jar.prefetch(level)
        below, buckets = [], []
        for node in level:
            state = node.__getstate__()  # None: empty; a 1-tuple: one bucket, stored in the node itself
            if state is None or len(state) != 2:
                continue
            for child in state[0][::2]:
                (below if isinstance(child, IIBTree) else buckets).append(child)
        if buckets:
            jar.prefetch(buckets)
        found += len(buckets)
        level = below
    return found


def apply_all():
    alias_object_event_in_zope_component()
    clear_keeps_the_metadata_tree()
    postings_prefetched()
    helper_views_not_found()
    broken_upstream_views_not_found()
    missing_versions_not_found()
    published_wrappers_keep_their_signature()
    status_form_returns_to_the_item()
    faster_page_images()
    ocr_at_scan_resolution()
    refuse_malformed_dates()


apply_all()
