"""The German pipeline as ZCTextIndex lexicon elements (lexicon
``german_lexicon`` of portal_catalog, used by the SearchableText index).

ZCTextIndex calls each element in three ways:

* ``process`` when a text is indexed: the exact forms of all words in order
  (so phrase queries find them side by side), then the marked stems and
  compound parts (german.py);
* ``processGlob`` when a query is parsed: one exact form per word, wildcards
  kept, so each query word stays one term and "Bau*" looks up exact forms
  beginning with "bau";
* ``process_post_glob`` when a parsed term is looked up: a single word
  becomes its exact form and its stem, whose results ZCTextIndex adds up,
  so documents with the word as written rank before those with another
  inflection or a compound; a phrase stays exact.

The element instances are stored (pickled) in the lexicon: the class names
and module path are part of every database and must not move.
"""

from Products.ZCTextIndex.PipelineFactory import element_factory

from mittelangeln.policy.fulltext.forms import expansions
from mittelangeln.policy.fulltext.forms import query_forms
from mittelangeln.policy.fulltext.german import TOKEN_OR_GLOB
from mittelangeln.policy.fulltext.german import fold
from mittelangeln.policy.fulltext.german import hyphenated
from mittelangeln.policy.fulltext.german import join_divided
from mittelangeln.policy.fulltext.german import one_star
from mittelangeln.policy.fulltext.german import tokens


SPLITTER = ("Word Splitter", "German splitter")
NORMALIZER = ("Case Normalizer", "German normalizer")
LEXICON_ID = "german_lexicon"


class GermanSplitter:
    """Words and codes (Aktenzeichen, plan keys, dates) of the texts."""

    def process(self, texts):
        # Hyphenated words also as one word, after all others so that
        # phrases keep their positions: "Kita-Gebühren" is "Kitagebühren".
        texts = [join_divided(text) for text in texts]
        found = [token for text in texts for token in tokens(text)]
        return found + [word for text in texts for word in hyphenated(text)]

    def processGlob(self, texts):
        # Also what reaches the index without fulltext.query (REST @search).
        return [one_star(token) for text in texts for token in TOKEN_OR_GLOB.findall(text)]


class GermanNormalizer:
    """Exact forms, then stems and compound parts (see the module)."""

    def process(self, words):
        exact = [fold(word) for word in words]
        return exact + [form for folded in exact for form in expansions(folded)]

    def processGlob(self, words):
        return [fold(word) for word in words]

    def process_post_glob(self, words):
        exact = [fold(word) for word in words]
        if len(exact) == 1:
            return list(query_forms(exact[0]))
        return exact


def register():
    for (group, name), factory in ((SPLITTER, GermanSplitter), (NORMALIZER, GermanNormalizer)):
        if name not in element_factory.getFactoryNames(group):
            element_factory.registerFactory(group, name, factory)


register()
