"""Catalog indexes of the open Wiedervorlagen: the earliest open date (an
ISO day, so a range query needs no time zone) and who they are for."""

from plone.indexer import indexer

from mittelangeln.policy.wiedervorlage.interfaces import IWiedervorlageTarget
from mittelangeln.policy.wiedervorlage.store import open_entries


@indexer(IWiedervorlageTarget)
def wiedervorlage_due(obj):
    found = open_entries(obj)
    if not found:
        raise AttributeError("no open Wiedervorlage")
    return min(entry["date"] for entry in found).isoformat()


@indexer(IWiedervorlageTarget)
def wiedervorlage_for(obj):
    found = open_entries(obj)
    if not found:
        raise AttributeError("no open Wiedervorlage")
    return sorted({entry["principal"] for entry in found})
