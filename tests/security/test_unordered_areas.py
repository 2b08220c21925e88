"""The submission areas and the Posteingang keep no explicit order of their
items (security/areas.py, Area.unordered): additions made at the same time
(two instances, the mail import and a form) both commit, where the default
ordering's order list made the second one a ConflictError."""

import pytest
import transaction
from OFS.SimpleItem import SimpleItem
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.folder.default import DefaultOrdering
from ZODB.POSException import ConflictError
from zope.annotation.interfaces import IAnnotations

from mittelangeln.policy.security.areas import areas
from mittelangeln.policy.upgrades import v1022


INTAKE_AREAS = ("eingaenge/maengelmeldungen", "eingaenge/schuelerbefoerderung", "posteingang")


def test_the_intake_areas_are_unordered_and_no_other(portal):
    unordered = {area.path for area in areas() if area.unordered}
    assert unordered == set(INTAKE_AREAS)
    for area in areas():
        folder = portal.unrestrictedTraverse(area.path)
        assert folder._ordering == ("unordered" if area.path in unordered else ""), area.path


def test_upgrade_1022_drops_the_order_list_and_keeps_the_items(portal, manager, setup_tool):
    folder = portal["eingaenge"]["maengelmeldungen"]
    before = set(folder.objectIds())
    folder.setOrdering("")  # the state of profile 1021
    for number in range(3):
        folder._setOb(f"meldung-{number}", SimpleItem())
    assert DefaultOrdering.ORDER_KEY in IAnnotations(folder)

    v1022.upgrade(setup_tool)

    assert folder._ordering == "unordered"
    assert DefaultOrdering.ORDER_KEY not in IAnnotations(folder)
    assert DefaultOrdering.POS_KEY not in IAnnotations(folder)
    assert set(folder.objectIds()) == before | {"meldung-0", "meldung-1", "meldung-2"}


@pytest.mark.parametrize("ordering", ["", "unordered"])
def test_two_additions_at_the_same_time(functional_portal, ordering):
    """Two connections add to one folder and commit one after the other."""
    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        folder = createContentInContainer(
            portal, "Folder", checkConstraints=False, id=f"ablage-{ordering or 'default'}"
        )
    folder.setOrdering(ordering)
    folder._setOb("erste", SimpleItem())  # the meta type's index exists before
    transaction.commit()
    path = folder.getPhysicalPath()

    db = portal._p_jar.db()
    managers = [transaction.TransactionManager() for _ in range(2)]
    connections = [db.open(transaction_manager=manager) for manager in managers]
    try:
        folders = [connection.root()["Application"].unrestrictedTraverse(path) for connection in connections]
        for name, other in zip(("a", "b"), folders):
            other._setOb(name, SimpleItem())
        managers[0].commit()
        if ordering:
            managers[1].commit()
        else:
            with pytest.raises(ConflictError):
                managers[1].commit()
            managers[1].abort()
    finally:
        for connection in connections:
            connection.close()

    transaction.begin()
    stored = sorted(portal.unrestrictedTraverse(path).objectIds())
    assert stored == (["a", "b", "erste"] if ordering else ["a", "erste"])
