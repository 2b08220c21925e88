"""compat.clear_keeps_the_metadata_tree: "Clear and Rebuild" keeps the
catalog's metadata tree class (catalog_metadata.MetadataTree) and fills it
again; ZCatalog's own clear would give back a plain IOBTree."""

from BTrees.IOBTree import IOBTree
from plone import api
from Products.CMFCore.indexing import processQueue

from mittelangeln.policy.catalog_metadata import MetadataTree
from mittelangeln.policy.compat import REPLACED


def test_clear_and_rebuild_keeps_the_small_buckets(portal, manager):
    catalog = api.portal.get_tool("portal_catalog")
    count = len(catalog)
    catalog.clearFindAndRebuild()
    processQueue()
    assert type(catalog._catalog.data) is MetadataTree
    assert len(catalog._catalog.data) == len(catalog) >= count > 0


def test_zcatalogs_own_clear_gives_a_plain_tree(portal):
    records = api.portal.get_tool("portal_catalog")._catalog
    REPLACED["Catalog.clear"](records)
    assert type(records.data) is IOBTree


def test_a_plain_tree_stays_plain(portal):
    records = api.portal.get_tool("portal_catalog")._catalog
    records.data = IOBTree()
    records.clear()
    assert type(records.data) is IOBTree
