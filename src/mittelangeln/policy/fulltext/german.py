"""Words of German text and their search forms.

Every word is indexed in up to three kinds of form (see ``lexicon.py``):

* the *exact* form: lower case, ä/ö/ü written ae/oe/ue, ß written ss, other
  accents dropped, so "Mühlenweg" and "Muehlenweg", "Sörup" and "Soerup",
  "Straße" and "Strasse" are the same word;
* the *stem* (Snowball German, PyStemmer), marked with ``STEM_MARK`` so that it
  never meets an exact form: "Bauanträge" and "Bauantrag" share ``~bauantrag``;
* the stems of its compound parts (``compounds.py``), also marked:
  "Hundesteuersatzung" carries ``~hundesteu`` and ``~satzung``.

Tokens made of digits with dots, slashes or hyphens (Aktenzeichen such as
``632.1/0042``, plan keys such as ``632.1``, dates) stay whole and exact.
"""

import functools
import re
import threading
import unicodedata

import Stemmer


STEM_MARK = "~"

# An Aktenzeichen, plan key, date or number: digit groups joined by . / -
# (the joiners only between digits or letters, so a sentence's full stop
# after "632.1/0042." is not part of it).
_CODE = r"\d+(?:[./-][^\W_]+)+"
TOKEN = re.compile(rf"{_CODE}|[^\W_]+")
# In queries a word may end in or contain the wildcards * and ?.
TOKEN_OR_GLOB = re.compile(rf"{_CODE}[*?]*|[^\W_](?:[^\W_]|[*?])*")
CODE = re.compile(rf"^{_CODE}$")
_HYPHENATED = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")
# A word divided at the end of a line (scans, OCR): "Bau-\nanträge".
_DIVIDED = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n\s*(?=[^\W\d_A-ZÄÖÜ])")

# ä/ö/ü are written out as they are when the umlaut is not available
# (typing, old files, OCR); ß as ss since the reform and in Switzerland.
_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})
_MIN_STEM_INPUT = 3
# Words whose forms each cache keeps per process (most words of a text are
# frequent ones; 50,000 entries are some megabytes per cache).
CACHED_WORDS = 50_000
_MIN_PLURAL_S = 5

# PyStemmer's stemmers must not be shared between threads (Zope's worker
# threads, the conversion worker): one per thread.
_local = threading.local()


def _stemmer():
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("german")
    return stemmer


def join_divided(text):
    """A word divided at a line end ("Bau-" / "anträge") made one again."""
    return _DIVIDED.sub("", text or "")


def tokens(text):
    """The words and codes of ``text`` in order, as written; ``text`` has
    its divided words joined already (join_divided)."""
    return TOKEN.findall(text or "")


def hyphenated(text):
    """Words written with hyphens, joined: "Kita-Gebühren" → "KitaGebühren",
    so that they are also found as the compound they are. ``text`` has its
    divided words joined already (join_divided)."""
    return [match.replace("-", "") for match in _HYPHENATED.findall(text)]


def one_star(token):
    """A query word cut after its first *: ZCTextIndex matches globs with a
    backtracking regex, and several (".*e.*e.*q") take minutes on long
    words of the lexicon."""
    star = token.find("*")
    return token[: star + 1] if star >= 0 and "*" in token[star + 1 :] else token


def is_code(token):
    return bool(CODE.match(token)) or token.isdigit()


@functools.lru_cache(maxsize=CACHED_WORDS)
def fold(token):
    """The exact form: lower case, umlauts spelled out, ß as ss, no accents."""
    spelled = token.lower().translate(_SPELLED_OUT)
    if spelled.isascii():
        return spelled
    decomposed = unicodedata.normalize("NFKD", spelled)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.lru_cache(maxsize=CACHED_WORDS)
def stem(folded):
    """Snowball German stem of an exact form (the stemmer reads ae/oe/ue as
    umlauts and drops them, so both spellings meet). Codes, numbers and
    short words are their own stem."""
    if len(folded) < _MIN_STEM_INPUT or not folded.isalpha():
        return folded
    if len(folded) >= _MIN_PLURAL_S and folded[-1] == "s" and folded[-2] in "aoiy":
        # Snowball keeps the plural -s of words ending in a vowel (Kitas,
        # Autos, Babys); they are common in administrative texts.
        folded = folded[:-1]
    return _stemmer().stemWord(folded)


def marked_stem(folded):
    return STEM_MARK + stem(folded)
