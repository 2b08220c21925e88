"""1004 → 1005: public document types (Bekanntmachung, Satzung, Formular,
Pressemitteilung) with their workflow and add permission, the area
Öffentlich → Dokumente, the Gemeinden and homepage-origin records, the
catalog index and columns of the homepage feed."""

from plone import api

from mittelangeln.policy.security.areas import ensure_areas
from mittelangeln.policy.upgrades import reimport

NEW_COLUMNS = ("gemeinde", "public_valid_from", "public_version", "public_link", "public_file")


def upgrade(context):
    reimport(context, "typeinfo", "workflow", "rolemap", "plone.app.registry")
    # Not the catalog step: reimporting catalog.xml would empty the indexes.
    catalog = api.portal.get_tool("portal_catalog")
    if "gemeinde" not in catalog.indexes():
        catalog.addIndex("gemeinde", "FieldIndex")
    for column in NEW_COLUMNS:
        if column not in catalog.schema():
            catalog.addColumn(column)
    ensure_areas(api.portal.get())
