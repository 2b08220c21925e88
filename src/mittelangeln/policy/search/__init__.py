"""The search page, the header's live search and the search feed on the
German full-text query (``fulltext/``): snippets with the matched words
highlighted (``snippets.py``) and the views in ``browser/``."""
