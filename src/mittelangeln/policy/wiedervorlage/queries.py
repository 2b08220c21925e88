"""Finding Wiedervorlagen through the catalog.

``open_for`` asks the catalog as the current user, so its security decides:
a Wiedervorlage on a Personalakte never shows to someone who may not open
the Personalakte, whatever group it was set for."""

from plone import api

from mittelangeln.policy.wiedervorlage.principals import principals_of
from mittelangeln.policy.wiedervorlage.store import open_entries


def _by_date(pairs):
    return sorted(pairs, key=lambda pair: (pair[1]["date"], pair[1]["created_at"]))


def open_for(user, until=None):
    """[(object, entry)] of the open Wiedervorlagen for ``user`` and their
    groups that the current user may see, by date; with ``until`` only those
    due by that day."""
    mine = principals_of(user)
    query = {"wiedervorlage_for": sorted(mine), "sort_on": "wiedervorlage_due"}
    if until is not None:
        query["wiedervorlage_due"] = {"query": until.isoformat(), "range": "max"}
    found = []
    for brain in api.content.find(**query):
        obj = brain.getObject()
        for entry in open_entries(obj):
            if entry["principal"] in mine and (until is None or entry["date"] <= until):
                found.append((obj, entry))
    return _by_date(found)


def due_principals(today):
    """The people and groups with a Wiedervorlage due by ``today`` anywhere
    (unrestricted: the digest then asks as each person)."""
    catalog = api.portal.get_tool("portal_catalog")
    found = set()
    for brain in catalog.unrestrictedSearchResults(wiedervorlage_due={"query": today.isoformat(), "range": "max"}):
        obj = brain._unrestrictedGetObject()
        found.update(entry["principal"] for entry in open_entries(obj) if entry["date"] <= today)
    return found
