"""The catalog keeps its metadata records in small buckets
(catalog_metadata.MetadataTree): on a new site, after upgrade 1021 and
after "Clear and Rebuild"; brains read the same records as before."""

import pytest
import transaction
from Acquisition import aq_base
from BTrees.IOBTree import IOBTree
from plone import api
from Products.CMFCore.indexing import processQueue
from ZODB.POSException import ConflictError

from mittelangeln.policy.catalog_metadata import MetadataTree
from mittelangeln.policy.catalog_metadata import buckets
from mittelangeln.policy.catalog_metadata import use_small_buckets
from mittelangeln.policy.upgrades import v1021


def add_pages(count):
    folder = api.portal.get()["aktuelles"]
    pages = [
        api.content.create(container=folder, type="Document", id=f"seite-{n}", title=f"Seite {n}") for n in range(count)
    ]
    processQueue()
    return pages


def test_a_new_site_keeps_its_metadata_in_small_buckets(portal, manager):
    add_pages(40)
    data = api.portal.get_tool("portal_catalog")._catalog.data
    assert type(data) is MetadataTree
    sizes = [len(bucket) for bucket in buckets(data)]
    assert sum(sizes) == len(data) > 40
    assert max(sizes) <= MetadataTree.max_leaf_size < 60  # IOBTree's own: 60


def test_brains_read_their_records_from_the_small_buckets(portal, manager):
    pages = add_pages(25)
    catalog = api.portal.get_tool("portal_catalog")
    brains = {brain.getId: brain for brain in catalog(portal_type="Document", path="/plone/aktuelles")}
    for page in pages:
        brain = brains[page.getId()]
        assert brain.Title == page.title
        assert brain.modified == page.modified()
        assert aq_base(brain.getObject()) is aq_base(page)


def test_upgrade_1021_moves_the_records_of_a_plain_tree(portal, manager, setup_tool):
    add_pages(30)
    catalog = api.portal.get_tool("portal_catalog")
    records = dict(catalog._catalog.data.items())
    plain = IOBTree()
    plain.update(records)
    catalog._catalog.data = plain  # the state of profile 1020

    v1021.upgrade(setup_tool)

    data = catalog._catalog.data
    assert type(data) is MetadataTree
    assert dict(data.items()) == records
    assert [brain.Title for brain in catalog(id="seite-7")] == ["Seite 7"]
    v1021.upgrade(setup_tool)
    assert catalog._catalog.data is data  # nothing to move the second time


def test_a_record_written_during_the_move_is_a_conflict_not_a_loss(functional_portal):
    """Another instance reindexes an object while the upgrade moves the
    records: the upgrade's commit fails (and is tried again) instead of
    leaving the new record behind in the old tree."""
    catalog = functional_portal.portal_catalog
    plain = IOBTree()
    plain.update(catalog._catalog.data)
    catalog._catalog.data = plain  # the state of profile 1020
    transaction.commit()

    db = functional_portal._p_jar.db()
    managers = [transaction.TransactionManager() for _ in range(2)]
    connections = [db.open(transaction_manager=manager) for manager in managers]
    path = catalog.getPhysicalPath()
    try:
        upgrading, reindexing = (
            connection.root()["Application"].unrestrictedTraverse(path) for connection in connections
        )
        use_small_buckets(upgrading)
        rid = reindexing._catalog.data.minKey()
        reindexing._catalog.data[rid] = reindexing._catalog.data[rid]  # a record written anew
        managers[1].commit()
        with pytest.raises(ConflictError):
            managers[0].commit()
    finally:
        for manager, connection in zip(managers, connections):
            manager.abort()
            connection.close()
