"""The query text every search channel gives the SearchableText index.

The German pipeline itself runs inside the index (lexicon.py), so all
channels that query SearchableText treat words alike; this module only turns
what a user typed into safe ZCTextIndex syntax: every word must occur
(AND), quoted phrases stay phrases, Aktenzeichen and other codes are looked
up exactly, words like "und"/"oder"/"nicht" or stray brackets are words, not
operators. Plone's own ``munge_search_term`` adds a wildcard to every word,
which would bypass the stems ("Grundschulen*" misses "Grundschule"); here only
the live search asks for the last word's beginning while it is being typed.
"""

import re

from mittelangeln.policy.fulltext.german import TOKEN_OR_GLOB
from mittelangeln.policy.fulltext.german import is_code


_PHRASE = re.compile(r'"([^"]*)"')
_OPERATORS = {"and", "or", "not"}
# A wildcard needs this many letters before it (ZCTextIndex refuses a
# leading one; a short prefix would expand to a large part of the lexicon).
MIN_GLOB_PREFIX = 2


def _term(token):
    if is_code(token.rstrip("*?")):
        return f'"{token.rstrip("*?")}"'
    if "*" in token or "?" in token:
        prefix = re.split(r"[*?]", token, maxsplit=1)[0]
        if len(prefix) < MIN_GLOB_PREFIX:
            token = token.replace("*", "").replace("?", "")
            return _term(token) if token else None
        return token
    if token.lower() in _OPERATORS:
        return f'"{token}"'
    return token


def words_of(text):
    """The words and codes of a query, wildcards kept."""
    return TOKEN_OR_GLOB.findall(text or "")


def searchable_text(text, prefix=False):
    """ZCTextIndex query for ``text``, or None when it has no words.
    ``prefix``: the last word also matches as the beginning of a longer one
    (live search while typing)."""
    text = text or ""
    terms = []
    for phrase in _PHRASE.findall(text):
        phrase_words = words_of(phrase.replace("*", " ").replace("?", " "))
        if len(phrase_words) > 1:
            terms.append('"' + " ".join(phrase_words) + '"')
        elif phrase_words:
            terms.append(_term(phrase_words[0]))
    rest = [term for term in map(_term, words_of(_PHRASE.sub(" ", text))) if term]
    if prefix and rest:
        last = rest[-1]
        if not last.startswith('"') and "*" not in last and "?" not in last and len(last) >= MIN_GLOB_PREFIX:
            rest[-1] = f"({last} OR {last}*)"
    terms.extend(rest)
    terms = [term for term in terms if term]
    return " AND ".join(terms) if terms else None
