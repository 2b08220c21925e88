"""Upgrade steps of the default profile.

Every change to profiles/default once a site holds data raises the profile
version in metadata.xml and adds an upgrade step to configure.zcml here,
usually reapplying just the changed import step with
``reimport(context, "plone.app.registry")``.
"""

from plone import api

from mittelangeln.policy import PROFILE_ID


def reimport(context, *step_ids):
    """Re-run the named import steps of the policy's default profile."""
    for step_id in step_ids:
        context.runImportStepFromProfile("profile-" + PROFILE_ID, step_id)


def add_catalog_entries(indexes=(), columns=()):
    """Add the FieldIndexes and metadata columns catalog.xml gained. Not the
    catalog step: reimporting catalog.xml would empty every index."""
    catalog = api.portal.get_tool("portal_catalog")
    for name in indexes:
        if name not in catalog.indexes():
            catalog.addIndex(name, "FieldIndex")
    for name in columns:
        if name not in catalog.schema():
            catalog.addColumn(name)


def reindex(portal_types, indexes):
    """Fill ``indexes`` (and the metadata) of existing items, through the
    index queue; a named index keeps the modification date."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=list(portal_types)):
        brain._unrestrictedGetObject().reindexObject(idxs=list(indexes))
