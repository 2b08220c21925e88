"""The query builder of Collections and of plone.restapi's
``@querystring-search`` on the German query text: Plone's view adds a
wildcard to every word, which would bypass the stems of the German lexicon
(``fulltext/query.py``)."""

from plone.app.querystring.querybuilder import QueryBuilder

from mittelangeln.policy.fulltext.query import searchable_text


NO_WORDS = "no words"


class GermanQueryBuilder(QueryBuilder):
    def filter_query(self, query):
        text = query.get("SearchableText")
        if isinstance(text, dict):
            text = text.get("query", "")
        if isinstance(text, (list, tuple)):
            text = " ".join(str(part) for part in text)
        if not text:
            return query
        munged = searchable_text(text)
        if munged is None:
            # No words ("!!!") match nothing, as the search page says; the
            # index itself would refuse the text with a ParseError (a 500).
            # No UID is this text, so the catalog finds nothing.
            del query["SearchableText"]
            query["UID"] = NO_WORDS
        else:
            query["SearchableText"] = munged
        return query
