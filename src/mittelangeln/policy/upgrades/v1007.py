"""1006 → 1007: one package per feature, one settings schema.

The content classes and schemas moved (moved.py keeps the old module paths
loadable); the type information gets the new dotted names and the catalog's
``object_provides`` the new interface names. The twelve ``mittelangeln.*``
records become the fields of settings.IMittelangelnSettings, keeping every
value an administrator set, and Site Setup gains the "Mittelangeln" panel.
"""

from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

from mittelangeln.policy.moved import moved_dotted_name
from mittelangeln.policy.settings import PREFIX
from mittelangeln.policy.settings import IMittelangelnSettings
from mittelangeln.policy.upgrades import reimport
from mittelangeln.policy.upgrades import reindex


def upgrade(context):
    # Not the registry import step: it would set the plone.* values of
    # registry.xml again. registerInterface keeps the stored values.
    getUtility(IRegistry).registerInterface(IMittelangelnSettings, prefix=PREFIX)
    reimport(context, "controlpanel")
    moved_types = []
    for fti in api.portal.get_tool("portal_types").objectValues():
        klass, schema = getattr(fti, "klass", ""), getattr(fti, "schema", "")
        if moved_dotted_name(klass) != klass or moved_dotted_name(schema) != schema:
            fti.klass = moved_dotted_name(klass)
            fti.schema = moved_dotted_name(schema)
            moved_types.append(fti.getId())
    reindex(moved_types, ["object_provides"])
