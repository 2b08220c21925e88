"""1003 → 1004: the online form types (Mängelmelder and Schülerbeförderung
forms) with their add permission, the limits of the forms, the filing action
of submissions, the statistics permission and catalog columns."""

from plone import api

from mittelangeln.policy.upgrades import reimport

NEW_COLUMNS = ("submission_category", "submission_finished")


def upgrade(context):
    reimport(context, "typeinfo", "rolemap", "plone.app.registry")
    # Not the catalog step: reimporting catalog.xml would empty the indexes.
    catalog = api.portal.get_tool("portal_catalog")
    for column in NEW_COLUMNS:
        if column not in catalog.schema():
            catalog.addColumn(column)
    for brain in catalog.unrestrictedSearchResults(portal_type=["Maengelmeldung", "Schuelerbefoerderungsantrag"]):
        # Named index: the metadata is refreshed, the modification date kept.
        brain._unrestrictedGetObject().reindexObject(idxs=["portal_type"])
