"""1005 → 1006: the homepage feed sorts by keys unique per item
(public_date_key, public_title_key), so pages keep one order when several
documents were published in the same minute or share a title."""

from mittelangeln.policy.homepage.content import PUBLIC_TYPES
from mittelangeln.policy.upgrades import add_catalog_entries
from mittelangeln.policy.upgrades import reindex


SORT_INDEXES = ("public_date_key", "public_title_key")


def upgrade(context):
    add_catalog_entries(indexes=SORT_INDEXES)
    reindex(PUBLIC_TYPES, SORT_INDEXES)  # through the index queue: the feed's ETag changes too
