"""1015 → 1016: the digital Posteingang (issue 17): the Eingang type and its
workflow, the Poststelle group and the Posteingang area, the intake and
routing settings, and the indexes of the Posteingang lists."""

from plone import api

from mittelangeln.policy.security.areas import ensure_areas
from mittelangeln.policy.security.groups import ensure_groups
from mittelangeln.policy.upgrades import add_catalog_entries
from mittelangeln.policy.upgrades import reimport


def upgrade(context):
    reimport(context, "rolemap", "typeinfo", "workflow", "plone.app.registry")
    add_catalog_entries(indexes=(), columns=())
    ensure_groups()
    ensure_areas(api.portal.get())
