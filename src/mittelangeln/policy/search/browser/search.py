"""The search page ``@@search`` and the header's live search
``@@ajax-search`` on the German query.

Plone's views stay in charge of everything but the text: which types are
searched, dates, the navigation root, sorting and permissions. Only the
SearchableText they give the catalog is ours (``fulltext.query``) instead
of Plone's ``munge_search_term``, which appends a wildcard to every word and
so bypasses the stems; the live search asks for the last word's beginning
as well, since it is still being typed."""

import json
from functools import cached_property

from plone import api
from plone.base.batch import Batch
from Products.CMFPlone.browser.search import AjaxSearch
from Products.CMFPlone.browser.search import Search
from zope.i18n import translate
from ZTUtils import make_query

from mittelangeln.policy.formatting import german_date
from mittelangeln.policy.fulltext.matching import Query
from mittelangeln.policy.fulltext.query import searchable_text
from mittelangeln.policy.fulltext.query import words_of
from mittelangeln.policy.i18n import _
from mittelangeln.policy.search.snippets import snippet


TEXT = "SearchableText"
PAGE_SIZE = 10
# More words than anyone types; a pasted page of text would make a slow query.
MAX_WORDS = 30
SORTS = (
    ("relevance", _("relevance")),
    ("Date", _("date (newest first)")),
    ("sortable_title", _("title (A–Z)")),
)


def typed_text(value):
    """The search text as a string (a repeated parameter comes as a list)."""
    if isinstance(value, (list, tuple)):
        value = " ".join(part for part in value if isinstance(part, str))
    return value if isinstance(value, str) else ""


def type_title(portal_type):
    """The type's title (a message in the type's domain), else its id."""
    info = api.portal.get_tool("portal_types").getTypeInfo(portal_type)
    return info.Title() if info is not None else portal_type


class SearchView(Search):
    prefix = False  # the live search: the last word also as a beginning

    def _query_text(self, text):
        if len(words_of(text)) > MAX_WORDS:
            return None
        return searchable_text(text, prefix=self.prefix)

    def _filter_query(self, query):
        given = query.get(TEXT, self.request.form.get(TEXT))
        text = typed_text(given)
        if text:
            query[TEXT] = text  # Plone's code then sees a string, never a list
        query = super()._filter_query(query)
        if query is None:
            return None
        if given is not None:
            # A blank text finds nothing (Plone would list everything).
            query[TEXT] = self._query_text(text) if text.strip() else None
        sort_on = query.get("sort_on")
        if sort_on and (not isinstance(sort_on, str) or sort_on not in self._sortable()):
            del query["sort_on"]  # an unknown index would be a catalog error
        return query

    def _sortable(self):
        return {"relevance", *api.portal.get_tool("portal_catalog").indexes()}

    def filter_query(self, query):
        query = super().filter_query(query)
        if query is not None and TEXT in query and query[TEXT] is None:
            return None  # a text without words finds nothing (not everything)
        return query

    # The page

    def text(self):
        return typed_text(self.request.form.get(TEXT))

    def asked(self):
        return bool(self.text().strip())

    def problem(self):
        """Why the text cannot be searched (German), or None."""
        text = self.text()
        if not text.strip():
            return None
        if len(words_of(text)) > MAX_WORDS:
            return _("Please search with at most ${count} words.", mapping={"count": MAX_WORDS})
        if searchable_text(text) is None:
            return _("Please enter at least one word or Aktenzeichen to search for.")
        return None

    def start(self):
        start = self.request.form.get("b_start")  # the pager sends b_start:int
        if isinstance(start, int):
            return max(start, 0)
        start = typed_text(start)
        return int(start) if start.isdigit() else 0

    @cached_property
    def batch(self):
        if not self.asked() or self.problem():
            return Batch([], PAGE_SIZE)
        found = self.results(b_size=PAGE_SIZE, b_start=self.start(), use_content_listing=False)
        return found if isinstance(found, Batch) else Batch(list(found), PAGE_SIZE)

    def heading(self):
        count = self.batch.sequence_length
        text = " ".join(self.text().split())
        if not count:
            return _("No results for “${text}”", mapping={"text": text})
        return _(
            "${count} result for “${text}”",
            msgid_plural="${count} results for “${text}”",
            number=count,
            mapping={"count": count, "text": text},
        )

    def entries(self):
        """What the page shows of each result on the current page."""
        query = Query(self.text())
        view_action = api.portal.get_registry_record("plone.types_use_view_action_in_listings", default=[]) or []
        shown = []
        for brain in self.batch:
            obj = brain.getObject()
            url = brain.getURL()
            shown.append(
                {
                    "url": f"{url}/view" if brain.portal_type in view_action else url,
                    "title": brain.Title or brain.getId,
                    "type": type_title(brain.portal_type),
                    "aktenzeichen": getattr(brain, "aktenzeichen", None) or None,
                    "modified": german_date(brain.modified),
                    "snippet": snippet(obj, query),
                    "description": brain.Description,
                }
            )
        return shown

    def current_sort(self):
        sort_on = typed_text(self.request.form.get("sort_on"))
        keys = [key for key, _title in SORTS]
        if sort_on in keys:
            return sort_on
        return self.default_sort_on if self.default_sort_on in keys else "relevance"

    def sorts(self):
        """[{title, url, current}] of the sort orders, as links (page 1)."""
        current = self.current_sort()
        base = {TEXT: self.text()}
        links = []
        for key, title in SORTS:
            parameters = {**base, "sort_on": key}
            links.append(
                {"title": title, "url": f"{self.action()}?{make_query(parameters)}", "current": key == current}
            )
        return links

    def action(self):
        return f"{self.context.absolute_url()}/@@search"


class AjaxSearchView(SearchView, AjaxSearch):
    """The live search under the header's search field (pat-livesearch):
    Plone's JSON, the last word also matched as the beginning of a word.
    The description names the type and Aktenzeichen first, so that a
    Vorgang and its Dokument of the same title can be told apart."""

    prefix = True
    _found = ()

    def results(self, *args, **kwargs):
        self._found = super().results(*args, **kwargs)
        return self._found

    def __call__(self):
        answer = json.loads(super().__call__())
        wanted = {item["id"] for item in answer["items"]}
        labels = {}
        for brain in self._found:
            if not wanted:
                break
            if brain.UID in wanted:
                wanted.discard(brain.UID)
                labels[brain.UID] = self._label(brain)
        for item in answer["items"]:
            parts = [labels.get(item["id"]), item["description"]]
            item["description"] = " – ".join(part for part in parts if part)
        return json.dumps(answer)

    def _label(self, brain):
        kind = translate(type_title(brain.portal_type), context=self.request)
        aktenzeichen = getattr(brain, "aktenzeichen", None)
        return f"{kind} {aktenzeichen}" if aktenzeichen else kind
