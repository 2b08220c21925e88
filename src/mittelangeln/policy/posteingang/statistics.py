"""Processing times of the items the user may see (catalog security: a
Fachdienst its own, Poststelle and Leitung all), per Fachdienst and per
channel."""

from plone import api

from mittelangeln.policy.posteingang.items import ERLEDIGT
from mittelangeln.policy.posteingang.processing_times import days_between
from mittelangeln.policy.posteingang.processing_times import summarize


def durations():
    """({Fachdienst: [days]}, {channel: [days]}, [all days]) of the done items."""
    by_fachdienst, by_channel, every = {}, {}, []
    for brain in api.portal.get_tool("portal_catalog").searchResults(posteingang_state=ERLEDIGT):
        if brain.eingang_received is None or brain.eingang_done_at is None:
            continue
        days = days_between(brain.eingang_received, brain.eingang_done_at)
        by_fachdienst.setdefault(brain.eingang_fachdienst or "", []).append(days)
        by_channel.setdefault(brain.eingang_channel or "", []).append(days)
        every.append(days)
    return by_fachdienst, by_channel, every


def collect():
    """(summaries per Fachdienst, per channel, of all)."""
    by_fachdienst, by_channel, every = durations()
    return summarize(by_fachdienst), summarize(by_channel), summarize({"": every})
