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
from mittelangeln.policy.fulltext.german import one_star


_PHRASE = re.compile(r'"([^"]*)"')
_OPERATORS = {"and", "or", "not"}
# A wildcard needs this many letters before it (ZCTextIndex refuses a
# leading one; a short prefix would expand to a large part of the lexicon).
MIN_GLOB_PREFIX = 2


def clean_word(token):
    """A word of the query as the index looks it up: a code without
    wildcards, a wildcard only after MIN_GLOB_PREFIX letters and only one
    star; None when nothing is left."""
    stripped = token.rstrip("*?")
    if is_code(stripped):
        return stripped
    if "*" in token or "?" in token:
        prefix = re.split(r"[*?]", token, maxsplit=1)[0]
        if len(prefix) < MIN_GLOB_PREFIX:
            token = token.replace("*", "").replace("?", "")
            return clean_word(token) if token else None
        return one_star(token)
    return token


def _term(token):
    word = clean_word(token)
    if word is not None and (is_code(word) or word.lower() in _OPERATORS):
        return f'"{word}"'
    return word


def query_words(text):
    """Every word of a query as the index looks it up (phrases' words too):
    what the snippets and the page viewer mark."""
    return [word for word in map(clean_word, words_of((text or "").replace('"', " "))) if word]


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
