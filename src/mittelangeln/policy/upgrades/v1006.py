"""1005 → 1006: the homepage feed sorts by keys unique per item
(public_date_key, public_title_key), so pages keep one order when several
documents were published in the same minute or share a title."""

from plone import api

from mittelangeln.policy.content.public import PUBLIC_TYPES

SORT_INDEXES = ("public_date_key", "public_title_key")


def upgrade(context):
    # Not the catalog step: reimporting catalog.xml would empty the indexes.
    catalog = api.portal.get_tool("portal_catalog")
    for name in SORT_INDEXES:
        if name not in catalog.indexes():
            catalog.addIndex(name, "FieldIndex")
    for brain in catalog.unrestrictedSearchResults(portal_type=list(PUBLIC_TYPES)):
        # Through the index queue, so the feed's ETag changes as well.
        brain._unrestrictedGetObject().reindexObject(idxs=list(SORT_INDEXES))
