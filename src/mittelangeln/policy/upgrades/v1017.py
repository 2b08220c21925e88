"""1016 → 1017: the Aussonderung with xdomea 4.0 (issue 18): processes and
Löschprotokolle with their workflows, the Registratur and its role, the
lock state of Akten and Vorgänge in a process, the archive's settings."""

from plone import api

from mittelangeln.policy.eakte.content import AKTE_TYPES
from mittelangeln.policy.security.areas import ensure_areas
from mittelangeln.policy.security.groups import ensure_groups
from mittelangeln.policy.upgrades import add_catalog_entries
from mittelangeln.policy.upgrades import reimport


def upgrade(context):
    reimport(context, "rolemap", "typeinfo", "workflow", "plone.app.registry")
    # Aussonderung (aussonderung/): the xdomea UUID index of the records,
    # the Registratur and its area, the Registratur reading closed Akten.
    add_catalog_entries(indexes=("xdomea_uuid",))
    reindex_xdomea_uuids()
    ensure_groups()
    ensure_areas(api.portal.get())
    update_record_role_mappings()


def reindex_xdomea_uuids():
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=[*AKTE_TYPES, "Vorgang", "Dokument"]):
        brain._unrestrictedGetObject().reindexObject(idxs=["xdomea_uuid"])


def update_record_role_mappings():
    """Closed Akten and done Vorgänge give the Registratur View (the new
    role in their workflow states); every Akte and Vorgang, in any state,
    gets the permissions the workflows newly manage (the lock of
    ``in_aussonderung``: versions, add Dokument/Vorgang, properties, view)."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=[*AKTE_TYPES, "Vorgang"]):
        obj = brain._unrestrictedGetObject()
        changed = False
        for workflow in workflow_tool.getWorkflowsFor(obj):
            changed = workflow.updateRoleMappingsFor(obj) or changed
        if changed:
            obj.reindexObjectSecurity()
