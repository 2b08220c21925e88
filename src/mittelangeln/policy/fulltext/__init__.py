"""German full text: the text pipeline of the catalog's SearchableText
(``german.py``: words, umlaut and ß folding, Snowball stems; ``compounds.py``:
compound parts from a word list), its ZCTextIndex lexicon elements
(``lexicon.py``), the query text of the search channels (``query.py``) and
matching inside a text for snippets and the page viewer (``matching.py``).

Everything here is plain Python except ``lexicon.py``, which registers the
pipeline elements with Products.ZCTextIndex."""
