"""The intake protocol: every delivery a channel refused, with the German
reason, where it came from and when, for the Poststelle to follow up
(refused files and messages themselves stay where the channel keeps them:
the hot folder's error directory, the mailbox). Kept in the ZODB, newest
first, at most MAX_ENTRIES."""

import datetime

from BTrees.LOBTree import LOBTree
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations

from mittelangeln.policy.i18n import translate


KEY = "mittelangeln.policy.posteingang.protocol"
MAX_ENTRIES = 5000


def _entries(create=False):
    annotations = IAnnotations(api.portal.get())
    if KEY not in annotations and create:
        annotations[KEY] = LOBTree()
    return annotations.get(KEY)


def refused(channel, source, reason):
    """Record that ``channel`` refused ``source`` because of ``reason`` (a
    message or text); returns the German reason."""
    entries = _entries(create=True)
    now = datetime.datetime.now().replace(microsecond=0)
    key = int(now.timestamp() * 1_000_000)
    while key in entries:
        key += 1
    text = translate(reason)  # a Message, or plain text (returned as it is)
    entries[key] = PersistentMapping(time=now, channel=channel, source=str(source)[:500], reason=text)
    while len(entries) > MAX_ENTRIES:
        del entries[entries.minKey()]
    return text


def entries(limit=200):
    """The newest ``limit`` refusals, newest first."""
    store = _entries()
    if not store:
        return []
    return [dict(store[key]) for key in reversed(list(store.keys())[-limit:])]
