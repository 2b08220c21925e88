"""1004 → 1005: public document types (Bekanntmachung, Satzung, Formular,
Pressemitteilung) with their workflow and add permission, the area
Öffentlich → Dokumente, the Gemeinden and homepage-origin records, the
catalog index and columns of the homepage feed."""

from plone import api

from mittelangeln.policy.security.areas import ensure_areas
from mittelangeln.policy.upgrades import add_catalog_entries
from mittelangeln.policy.upgrades import reimport


def upgrade(context):
    reimport(context, "typeinfo", "workflow", "rolemap", "plone.app.registry")
    add_catalog_entries(
        indexes=("gemeinde",),
        columns=("gemeinde", "public_valid_from", "public_version", "public_link", "public_file"),
    )
    ensure_areas(api.portal.get())
