"""Page viewer for converted Dokumente and Files.

collective.documentviewer converts PDFs into page images (large, normal,
small) and per-page text, but its own RequireJS viewer does not run on
Plone 6 Classic UI. This view shows those pages with plain JavaScript
(browser/static/viewer.js): previous/next, page number, zoom, thumbnails and
a search inside the document. It is the Dokument's default view
(``dokument-view``) and replaces documentviewer's ``documentviewer`` layout
of converted Files.

Everything here is behind zope2.View on the Dokument: the page images and
texts themselves are served by documentviewer's ``@@dvpdffiles``, which
checks View on the Dokument again; the search (``@@seiten-suche``) reads the
page texts only after the same check.
"""

import json
from urllib.parse import urlencode

from collective.documentviewer import storage
from collective.documentviewer.interfaces import IFileWrapper
from collective.documentviewer.settings import GlobalSettings
from collective.documentviewer.settings import Settings
from plone import api
from Products.Five.browser import BrowserView
from zope.annotation.interfaces import IAnnotations

from mittelangeln.policy.dokumente.content import IDokument
from mittelangeln.policy.dokumente.conversion import PDF
from mittelangeln.policy.dokumente.conversion import page_texts
from mittelangeln.policy.dokumente.queue import CONVERTING
from mittelangeln.policy.dokumente.queue import DONE
from mittelangeln.policy.dokumente.queue import FAILED
from mittelangeln.policy.dokumente.queue import job_for
from mittelangeln.policy.formatting import german_date
from mittelangeln.policy.fulltext.german import join_divided
from mittelangeln.policy.fulltext.matching import Query
from mittelangeln.policy.fulltext.matching import find
from mittelangeln.policy.fulltext.matching import window
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.vocabularies import DOKUMENT_KINDS


SETTINGS_KEY = "collective.documentviewer"
PAGE_PARAMETER = "seite"
QUERY_PARAMETER = "q"
MAX_QUERY_LENGTH = 200
SNIPPET_CONTEXT = 60
DUMP_NAME = "dump"
STATIC_NAME = "mittelangeln.viewer"

NOTICES = {
    "not-pdf": _("This file is not a PDF, so there is no page view. Download the file to open it."),
    "pending": _("The page view is not ready yet: the document is waiting for its conversion."),
    "converting": _("The page view is being prepared. Please reload the page in a moment."),
    "failed": _("The page view could not be created. You can still download the original file."),
    "missing": _("There is no page view of this document yet. You can download the original file."),
}


def converted_settings(context):
    """documentviewer's settings of ``context`` when its pages are ready, else
    None. Reads the annotation first: ``Settings()`` would create it (a write
    on every view of an unconverted file)."""
    if SETTINGS_KEY not in IAnnotations(context):
        return None
    settings = Settings(context)
    if not settings.successfully_converted or not settings.num_pages:
        return None
    if IDokument.providedBy(context):
        # A new file is queued: its pages are not there yet, the old ones are stale.
        job = job_for(context)
        if job is not None and job["state"] != DONE:
            return None
    elif settings.converting:
        return None
    return settings


def not_converted_reason(context):
    """Key into NOTICES for a context without (current) pages."""
    if getattr(context, "file", None) is None or IFileWrapper(context).file_type != PDF:
        if not (SETTINGS_KEY in IAnnotations(context) and Settings(context).converting):
            return "not-pdf"
    job = job_for(context) if IDokument.providedBy(context) else None
    if job is not None:
        if job["state"] == FAILED:
            return "failed"
        return "converting" if job["state"] == CONVERTING else "pending"
    if SETTINGS_KEY in IAnnotations(context):
        settings = Settings(context)
        if settings.converting:
            return "converting"
        if settings.successfully_converted is False:
            return "failed"
    return "missing"


def parse_page(value, pages):
    """The page number asked for, within 1..pages; anything else is page 1."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), max(pages, 1))


def clean_query(value):
    """(query, error message): whitespace collapsed; empty, too long or not
    a single text is an error."""
    if isinstance(value, (list, tuple)):
        return "", _("Please enter one search term only.")
    query = " ".join(str(value or "").split())
    if not query:
        return "", _("Please enter a search term.")
    if len(query) > MAX_QUERY_LENGTH:
        return "", _(
            "The search term is too long (at most ${max} characters).",
            mapping={"max": MAX_QUERY_LENGTH},
        )
    return query, None


def search_pages(texts, query):
    """[{page, hits, snippet, mark}] of the pages on which every word of
    ``query`` matches a word, with the catalog's German rules
    (fulltext.matching: inflections, umlaut spellings, ß/ss, compound
    parts; codes exact). ``hits`` counts the matching words of the page,
    ``mark`` is [offset, length] of the first one within ``snippet``."""
    wanted = Query(query)
    if not wanted:
        return []
    results = []
    for number, text in enumerate(texts, 1):
        # A word divided at a line end is indexed whole ("Bau-" / "anträge").
        flat = " ".join(join_divided(text).split())
        hits, complete = find(flat, wanted)
        if not hits or not complete:
            continue
        start, end = hits[0]
        low, high, prefix, suffix = window(flat, start, end, SNIPPET_CONTEXT)
        results.append(
            {
                "page": number,
                "hits": len(hits),
                "snippet": prefix + flat[low:high] + suffix,
                "mark": [len(prefix) + start - low, end - start],
            }
        )
    return results


class DokumentView(BrowserView):
    """Metadata, download and the page viewer of a Dokument or File."""

    def __call__(self):
        self.settings = converted_settings(self.context)
        self.pages = self.settings.num_pages if self.settings is not None else 0
        self.current = parse_page(self.request.form.get(PAGE_PARAMETER), self.pages)
        self.query, self.search_error, self.results = None, None, None
        if self.settings is not None and QUERY_PARAMETER in self.request.form:
            # Without JavaScript the search form comes back here.
            self.query, self.search_error = clean_query(self.request.form.get(QUERY_PARAMETER))
            if self.search_error is None:
                self.results = search_pages(page_texts(self.context), self.query)
        return self.index()

    # metadata and download

    def metadata(self):
        """(label, value) rows; empty values left out."""
        context = self.context
        rows = []
        if IDokument.providedBy(context):
            kind = context.kind
            if kind in DOKUMENT_KINDS:
                kind = DOKUMENT_KINDS.getTerm(kind).title
            rows += [
                (_("Kind"), kind),
                (_("Date of the document"), german_date(context.document_date)),
                (_("Sender/recipient"), context.correspondent),
            ]
        return [(label, value) for label, value in rows if value]

    def filename(self):
        file = getattr(self.context, "file", None)
        return (getattr(file, "filename", None) or self.context.getId()) if file is not None else None

    def download_url(self):
        return f"{self.context.absolute_url()}/@@download/file"

    # state

    def converted(self):
        return self.settings is not None

    def notice(self):
        return NOTICES[not_converted_reason(self.context)]

    # pages

    def view_url(self):
        return f"{self.context.absolute_url()}/{self.__name__}"

    def page_url(self, number):
        return f"{self.view_url()}?{PAGE_PARAMETER}={number}"

    def image_url(self, size="{size}", page="{page}"):
        """URL of a page image; with the defaults a pattern for the script."""
        if getattr(self, "_image_base", None) is None:
            portal = api.portal.get()
            global_settings = GlobalSettings(portal)
            base = global_settings.override_base_resource_url or portal.absolute_url()
            relative = storage.getResourceRelURL(gsettings=global_settings, settings=self.settings)
            image_format = self.settings.pdf_image_format or global_settings.pdf_image_format or "gif"
            self._image_base = (f"{base.rstrip('/')}/{relative}", image_format)
        base, image_format = self._image_base
        return f"{base}/{size}/{DUMP_NAME}_{page}.{image_format}"

    def page_alt(self, number):
        return translate(_("Page ${page} of ${pages}", mapping={"page": number, "pages": self.pages}), self.request)

    def thumbnails(self):
        return [
            {
                "number": number,
                "src": self.image_url("small", number),
                "href": self.page_url(number),
                "alt": translate(_("Thumbnail of page ${page}", mapping={"page": number}), self.request),
                "current": number == self.current,
            }
            for number in range(1, self.pages + 1)
        ]

    def previous_url(self):
        return self.page_url(self.current - 1) if self.current > 1 else None

    def next_url(self):
        return self.page_url(self.current + 1) if self.current < self.pages else None

    def search_url(self):
        return f"{self.context.absolute_url()}/@@seiten-suche"

    def hit_url(self, result):
        query = urlencode({PAGE_PARAMETER: result["page"], QUERY_PARAMETER: self.query})
        return f"{self.view_url()}?{query}"

    def page_label(self, number):
        return translate(_("Page ${page}", mapping={"page": number}), self.request)

    def static_url(self):
        return f"{api.portal.get().absolute_url()}/++resource++{STATIC_NAME}"

    max_query_length = MAX_QUERY_LENGTH

    def search_status(self):
        """Result line of a search done without JavaScript."""
        if self.search_error is not None:
            return translate(self.search_error, self.request)
        if self.results is None:
            return ""
        if not self.results:
            return translate(_("No hits for “${query}”.", mapping={"query": self.query}), self.request)
        count = len(self.results)
        message = _(
            "Found on ${count} page", msgid_plural="Found on ${count} pages", number=count, mapping={"count": count}
        )
        return translate(message, self.request)

    def data_attributes(self):
        """Everything the script needs: page count, URL patterns, texts."""
        attributes = {
            "data-pages": str(self.pages),
            "data-current": str(self.current),
            "data-image-url": self.image_url(),
            "data-search-url": self.search_url(),
            "data-view-url": self.view_url(),
        }
        attributes.update(self.labels())
        return attributes

    def labels(self):
        """Translated texts for the script, as data attributes; ``{name}``
        is filled in by the script."""
        texts = {
            "page-alt": _("Page ${page} of ${pages}", mapping={"page": "{page}", "pages": "{pages}"}),
            "page": _("Page ${page}", mapping={"page": "{page}"}),
            "hits-one": _("${count} hit", msgid_plural="${count} hits", number=1, mapping={"count": "{count}"}),
            "hits-many": _("${count} hit", msgid_plural="${count} hits", number=2, mapping={"count": "{count}"}),
            "found-one": _(
                "Found on ${count} page", msgid_plural="Found on ${count} pages", number=1, mapping={"count": "{count}"}
            ),
            "found-many": _(
                "Found on ${count} page", msgid_plural="Found on ${count} pages", number=2, mapping={"count": "{count}"}
            ),
            "no-hits": _("No hits for “${query}”.", mapping={"query": "{query}"}),
            "searching": _("Searching …"),
            "search-failed": _("The search failed. Please try again."),
        }
        return {f"data-label-{key}": translate(text, self.request) for key, text in texts.items()}

    def hit_label(self, result):
        return translate(
            _("${count} hit", msgid_plural="${count} hits", number=result["hits"], mapping={"count": result["hits"]}),
            self.request,
        )

    def snippet_parts(self, result):
        offset, length = result["mark"]
        snippet = result["snippet"]
        return snippet[:offset], snippet[offset : offset + length], snippet[offset + length :]


class PageSearch(BrowserView):
    """``@@seiten-suche?q=…``: JSON {query, results: [{page, hits, snippet,
    mark}], error}. A bad query answers 400 with a German error; a document
    without pages answers an empty result with the reason."""

    def __call__(self):
        response = self.request.response
        response.setHeader("Content-Type", "application/json; charset=utf-8")
        response.setHeader("Cache-Control", "private, no-store")
        query, error = clean_query(self.request.form.get(QUERY_PARAMETER))
        if error is not None:
            response.setStatus(400)
            return self._json(query, [], error)
        if converted_settings(self.context) is None:
            return self._json(query, [], NOTICES[not_converted_reason(self.context)])
        return self._json(query, search_pages(page_texts(self.context), query), None)

    def _json(self, query, results, error):
        error = translate(error, self.request) if error is not None else None
        return json.dumps({"query": query, "results": results, "error": error}, ensure_ascii=False)
