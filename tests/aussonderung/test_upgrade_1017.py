"""Upgrade 1017 brings the Aussonderung into a site of profile 1016: its
types and workflows, the lock state, the xdomea UUID index, the Registratur
and its area."""

from plone import api

from mittelangeln.policy.aussonderung.identifiers import find
from mittelangeln.policy.aussonderung.identifiers import xdomea_uuid
from mittelangeln.policy.upgrades import v1017


def test_upgrade_1017_adds_what_the_aussonderung_needs(portal, manager, setup_tool, akte):
    workflows = api.portal.get_tool("portal_workflow")
    types = api.portal.get_tool("portal_types")
    catalog = api.portal.get_tool("portal_catalog")
    # the state of 1016
    for type_name in ("Aussonderung", "Loeschprotokoll"):
        types.manage_delObjects([type_name])
    workflows.manage_delObjects(["mittelangeln_aussonderung_workflow", "mittelangeln_loeschprotokoll_workflow"])
    workflows["mittelangeln_akte_workflow"].states.deleteStates(["in_aussonderung"])
    catalog.delIndex("xdomea_uuid")
    portal.manage_delObjects(["aussonderungen"])
    api.group.delete(groupname="registratur")

    v1017.upgrade(setup_tool)

    assert {"Aussonderung", "Loeschprotokoll"} <= set(types.objectIds())
    assert workflows.getChainForPortalType("Loeschprotokoll") == ("mittelangeln_loeschprotokoll_workflow",)
    assert "in_aussonderung" in workflows["mittelangeln_akte_workflow"].states
    assert find(xdomea_uuid(akte)) == akte
    assert portal["aussonderungen"].get_local_roles_for_userid("registratur")
    assert "Schriftgutverwaltung" in api.group.get_roles(groupname="registratur")
    assert "registratur" in api.group.get(groupname="mitarbeitende").getGroupMemberIds()
    assert len(catalog(portal_type="Folder")) > 0  # indexes not emptied
