"""Compound parts of German words, found with a word list.

"Hundesteuersatzung" is split where both sides are words of the list: the
head (the last part, which carries the meaning in German compounds) and the
modifier before it, allowing for linking elements ("Bauantrag-s-formular",
"Hund-e-steuer") and a dropped final e ("Grundschul-verband"). A modifier
that is no word itself is split again. The word's parts are all contiguous
spans of the pieces found, so "Hundesteuersatzung" has the parts "hunde",
"steuer", "satzung", "hundesteuer" and "steuersatzung".

Why our own splitter on a word list rather than a statistical splitter from
PyPI: the one that runs on Python 3.11 (compound-split 1.0.2, the CharSplit
n-gram model) takes 2 s and 360 MB per process to load and splits every word,
compound or not ("Grundschulver|band"); a list lookup splits only where the
parts are real words, costs 3 MB and is easy to reason about. The list is
Debian's wngerman (new German orthography, 356,000 words with inflected
forms), installed with the system packages, plus the few words of
``extra_words.txt``. Without the list the search still works, without parts.
"""

import bisect
import functools
import logging
import os
import threading
from array import array

from mittelangeln.policy.fulltext.german import CACHED_WORDS
from mittelangeln.policy.fulltext.german import fold


logger = logging.getLogger(__name__)

WORD_LIST = "/usr/share/dict/ngerman"
EXTRA_WORDS = os.path.join(os.path.dirname(__file__), "extra_words.txt")

MIN_PART = 3
MIN_WORD = 2 * MIN_PART
MIN_RESPLIT = 10
# Longer "words" are no compounds but text run together (OCR or a PDF
# without spaces): their parts would grow with the square of their pieces.
MAX_WORD = 80
SHORT_HEADS = frozenset(("amt", "rat", "weg", "bau", "hof", "tag", "see"))
# Linking elements between modifier and head, longest first.
LINKS = ("ens", "es", "en", "er", "ns", "s", "n", "e")
# Endings that are words of the list but, as the last piece of a word, are
# almost always a suffix: "Erbschaft" is no kind of "Schaft".
NOT_HEADS = frozenset(
    fold(word)
    for word in (
        "schaft", "schafts", "schaften", "heit", "heiten", "keit", "keiten", "ung", "ungen", "lich", "chen", "lein",
        "ling", "linge", "nis", "nisse", "tum", "ion", "ionen", "tät", "ist", "isten", "ismus", "ier",
        "ieren", "end", "ende", "ern", "ent", "ant", "anten", "enten", "erei", "ium", "ieren", "iert",
        "ste", "sten", "ster", "tel", "tern", "ler", "ner", "gen",
    )
)  # fmt: skip


class WordList:
    """Membership of folded words, kept as a sorted array of their hashes
    (8 bytes a word instead of a set of strings)."""

    def __init__(self, words):
        self._hashes = array("q", sorted({hash(word) for word in words}))

    def __len__(self):
        return len(self._hashes)

    def __contains__(self, word):
        key = hash(word)
        index = bisect.bisect_left(self._hashes, key)
        return index < len(self._hashes) and self._hashes[index] == key


def read_words(path):
    try:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                word = line.strip()
                # Acronyms ("GEW", "DPA") are no compound pieces: "Gewerbe" is no "gew|erbe".
                if len(word) >= MIN_PART and word.isalpha() and not word.isupper():
                    yield fold(word)
    except FileNotFoundError:
        logger.warning("word list %s not found: German compounds are not split", path)


_lock = threading.Lock()
_words = None


def words():
    """The word list, read once per process on first use."""
    global _words
    if _words is None:
        with _lock:
            if _words is None:
                _words = WordList([*read_words(WORD_LIST), *read_words(EXTRA_WORDS)])
    return _words


def _modifier_known(left, known):
    if left in known:
        return True
    for link in LINKS:
        if left.endswith(link) and len(left) - len(link) >= MIN_PART and left[: -len(link)] in known:
            return True
    return left + "e" in known


def _cost(piece):
    # Three-letter words ("aus", "bei", "vor", "der") make most false
    # splits, so a split into longer pieces wins; the short heads of
    # administrative compounds are preferred (Standes-amt, not Stande-samt).
    if piece in SHORT_HEADS:
        return 0.9
    return 1.0 if len(piece) > MIN_PART else 1.5


def _segment(folded, known):
    """The cheapest split of ``folded`` into at least two known pieces, or None."""
    size = len(folded)
    # best[i]: (cost, pieces) of folded[:i] as a row of modifiers
    best = [None] * (size + 1)
    best[0] = (0.0, ())
    for end in range(MIN_PART, size - MIN_PART + 1):
        for start in range(0, end - MIN_PART + 1):
            if best[start] is None:
                continue
            piece = folded[start:end]
            if not _modifier_known(piece, known):
                continue
            candidate = (best[start][0] + _cost(piece), (*best[start][1], piece))
            if best[end] is None or candidate[0] < best[end][0]:
                best[end] = candidate
    chosen = None
    for cut in range(MIN_PART, size - MIN_PART + 1):
        head = folded[cut:]
        if best[cut] is None or head not in known or head in NOT_HEADS:
            continue
        # Equal cost: the longer head (Hunde-steuer, not Hundes-teuer).
        candidate = (best[cut][0] + _cost(head), -len(head), (*best[cut][1], head))
        if chosen is None or candidate[:2] < chosen[:2]:
            chosen = candidate
    return chosen[2] if chosen else None


@functools.lru_cache(maxsize=CACHED_WORDS)
def pieces(folded):
    """The pieces of a folded word as written (links stay with the piece
    before them), e.g. ("hunde", "steuer", "satzung"); (folded,) when it is
    no compound. Long pieces are split again ("hundesteuer|satzung")."""
    if not MIN_WORD <= len(folded) <= MAX_WORD or not folded.isalpha():
        return (folded,)
    found = _segment(folded, words())
    if found is None:
        return (folded,)
    result = []
    for piece in found:
        result.extend(pieces(piece) if len(piece) >= MIN_RESPLIT else (piece,))
    return tuple(result)


@functools.lru_cache(maxsize=CACHED_WORDS)
def compound_parts(folded):
    """Every contiguous span of the word's pieces except the whole word."""
    found = pieces(folded)
    if len(found) == 1:
        return ()
    spans = []
    for start in range(len(found)):
        for end in range(start + 1, len(found) + 1):
            if end - start < len(found):
                spans.append("".join(found[start:end]))
    return tuple(dict.fromkeys(spans))
