"""1019 → 1020: Aktenzeichen queries at scale (issue 20): the KeywordIndex
``aktenzeichen_prefixes`` (every beginning of an Aktenzeichen, see
eakte/lookup.py), filled for the Akten and Vorgänge only (nothing else has an
Aktenzeichen)."""

from plone import api

from mittelangeln.policy.eakte.content import AKTE_TYPES


INDEX = "aktenzeichen_prefixes"


def upgrade(context):
    catalog = api.portal.get_tool("portal_catalog")
    if INDEX not in catalog.indexes():
        catalog.addIndex(INDEX, "KeywordIndex")
    for brain in catalog.unrestrictedSearchResults(portal_type=[*AKTE_TYPES, "Vorgang"]):
        obj = brain._unrestrictedGetObject()
        catalog.catalog_object(obj, brain.getPath(), idxs=[INDEX], update_metadata=0)
