"""1020 → 1021: the catalog's metadata records in small buckets
(catalog_metadata.MetadataTree), so that a cold result page unpickles the
records it shows and few others."""

from plone import api

from mittelangeln.policy.catalog_metadata import use_small_buckets


def upgrade(context):
    use_small_buckets(api.portal.get_tool("portal_catalog"))
