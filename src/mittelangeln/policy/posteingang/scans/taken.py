"""Which hot-folder files were stored: the file's SHA-256 with its name,
modification time and the Eingangsnummern it became, written in the same
transaction as the Eingänge. If the process dies after the commit but
before the file is moved out of the hot folder, the next poll finds the
very same file (same hash, name and time) here and only moves it; an
identical copy delivered later is a duplicate and refused."""

from BTrees.OOBTree import OOBTree
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations


KEY = "mittelangeln.policy.posteingang.scans.taken"


def _store(create=False):
    annotations = IAnnotations(api.portal.get())
    if KEY not in annotations and create:
        annotations[KEY] = OOBTree()
    return annotations.get(KEY)


def remember(sha256, name, mtime, numbers):
    _store(create=True)[sha256] = PersistentMapping(name=name, mtime=mtime, numbers=list(numbers))


def lookup(sha256):
    """What became of the file with ``sha256``: {name, mtime, numbers} or None."""
    store = _store()
    entry = store.get(sha256) if store is not None else None
    return dict(entry) if entry is not None else None
