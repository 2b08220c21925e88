"""1017 → 1018: German full-text search (issue 19): SearchableText on the
German lexicon (umlaut and ß folding, stems, compound parts), every object
indexed into it again (progress in the log: fulltext.catalog)."""

from plone import api

from mittelangeln.policy.fulltext.catalog import use_german_lexicon


def upgrade(context):
    use_german_lexicon(api.portal.get_tool("portal_catalog"))
