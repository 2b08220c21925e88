"""The search forms of a word: what is indexed for it and what a query word
looks up (see german.py for the three kinds)."""

import functools

from mittelangeln.policy.fulltext.compounds import compound_parts
from mittelangeln.policy.fulltext.german import CACHED_WORDS
from mittelangeln.policy.fulltext.german import STEM_MARK
from mittelangeln.policy.fulltext.german import fold
from mittelangeln.policy.fulltext.german import is_code
from mittelangeln.policy.fulltext.german import marked_stem
from mittelangeln.policy.fulltext.german import stem


@functools.lru_cache(maxsize=CACHED_WORDS)
def expansions(folded):
    """The marked forms indexed besides the exact form: the stem and the
    stems of the compound parts ("hundesteuersatzung" → ~hundesteuersatz,
    ~hund, ~steu, ~satzung, ~hundesteu, ~steuersatz). Codes have none."""
    if is_code(folded):
        return ()
    forms = [marked_stem(folded)]
    forms.extend(STEM_MARK + stem(part) for part in compound_parts(folded))
    return tuple(dict.fromkeys(forms))


def query_forms(folded):
    """What a query word matches: its exact form (ranked first: it also
    matches the stem) and its stem; a code only exactly."""
    if is_code(folded):
        return (folded,)
    return (folded, marked_stem(folded))


def word_forms(token):
    """Every form indexed for a word as written (for matching in a text)."""
    folded = fold(token)
    return {folded, *expansions(folded)}
