"""1002 → 1003: the form submission types Mängelmeldung and
Schülerbeförderungsantrag with their processing workflows, add permissions,
the routing records and the area Eingänge."""

from plone import api

from mittelangeln.policy.security.areas import ensure_areas
from mittelangeln.policy.upgrades import reimport


def upgrade(context):
    reimport(context, "typeinfo", "workflow", "rolemap", "plone.app.registry")
    ensure_areas(api.portal.get())
