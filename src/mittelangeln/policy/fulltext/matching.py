"""Where a query's words occur in a text, with the catalog's rules: a query
word matches a word of the text that has its exact form or its stem among
its forms (inflections, umlaut spellings, ß/ss, compounds), a code matches
only itself, a word with a wildcard matches exact forms by pattern.

Used for the search page's snippets and the page viewer's search inside a
document, so that they mark what the catalog found."""

import fnmatch
import re
from html import escape

from markupsafe import Markup

from mittelangeln.policy.fulltext.forms import query_forms
from mittelangeln.policy.fulltext.forms import word_forms
from mittelangeln.policy.fulltext.german import TOKEN
from mittelangeln.policy.fulltext.german import fold
from mittelangeln.policy.fulltext.german import join_divided
from mittelangeln.policy.fulltext.query import query_words


SNIPPET_CONTEXT = 80


class Query:
    """The words of a query, each matched on its own."""

    def __init__(self, text):
        self.words = [fold(word) for word in query_words(text)]
        self._forms = [set(query_forms(word)) if not _is_glob(word) else None for word in self.words]
        self._patterns = [re.compile(fnmatch.translate(word)) if _is_glob(word) else None for word in self.words]

    def __bool__(self):
        return bool(self.words)

    def matching_words(self, token):
        """Indexes of the query words that ``token`` (as written) matches."""
        found = set()
        forms = None
        for index, (wanted, pattern) in enumerate(zip(self._forms, self._patterns)):
            if pattern is not None:
                if pattern.match(fold(token)):
                    found.add(index)
                continue
            if forms is None:
                forms = word_forms(token)
            if wanted & forms:
                found.add(index)
        return found


def _is_glob(word):
    return "*" in word or "?" in word


def find(text, query):
    """(hits, all_found): the (start, end) spans of the words of ``text`` that
    match a query word, and whether every query word matched somewhere."""
    hits, matched = [], set()
    for token in TOKEN.finditer(text or ""):
        indexes = query.matching_words(token.group())
        if indexes:
            hits.append(token.span())
            matched |= indexes
    return hits, len(matched) == len(query.words)


def window(text, start, end, context=SNIPPET_CONTEXT):
    """(snippet_start, snippet_end, prefix, suffix) of the text around
    ``start``..``end``, cut at spaces, with "… " marks where it was cut."""
    low = max(0, start - context)
    high = min(len(text), end + context)
    if low > 0 and " " in text[low:start]:
        low = text.index(" ", low) + 1
    if high < len(text) and " " in text[end:high]:
        high = text.rindex(" ", end, high)
    return low, high, ("… " if low > 0 else ""), (" …" if high < len(text) else "")


def highlighted_snippet(text, query, context=SNIPPET_CONTEXT):
    """HTML of the part of ``text`` around its first match, every matching
    word in <mark>; None when nothing matches."""
    flat = " ".join(join_divided(text).split())
    hits, _ = find(flat, query)
    if not hits:
        return None
    low, high, prefix, suffix = window(flat, hits[0][0], hits[0][1], context)
    parts, position = [prefix], low
    for start, end in hits:
        if start < low or end > high:
            continue
        parts.append(escape(flat[position:start]))
        parts.append(f"<mark>{escape(flat[start:end])}</mark>")
        position = end
    parts.append(escape(flat[position:high]))
    parts.append(suffix)
    return Markup("".join(parts))
