"""What the Posteingang has already taken: Message-IDs, scan ids and file
hashes, each pointing to its Eingang (by UID). Kept in BTrees annotated on
the site and written in the transaction that creates the Eingang, so a
delivery is either registered and known, or neither; two processes taking
the same delivery conflict and one of them retries and finds it known."""

from BTrees.OOBTree import OOBTree
from plone import api
from zope.annotation.interfaces import IAnnotations


KEY = "mittelangeln.policy.posteingang.known"
KINDS = ("message_id", "scan_id", "sha256")


def _store(kind, create=False):
    annotations = IAnnotations(api.portal.get())
    stores = annotations.get(KEY)
    if stores is None:
        if not create:
            return None
        stores = annotations[KEY] = OOBTree()
    if kind not in stores:
        if not create:
            return None
        stores[kind] = OOBTree()
    return stores[kind]


def lookup(kind, value):
    """The Eingang that took ``value`` (a Message-ID, scan id or hash), or None.
    Found whether or not the current user may see it: a duplicate is refused
    for everyone (and a user who may not see it learns only its number)."""
    store = _store(kind)
    uid = store.get(value) if store is not None and value else None
    if not uid:
        return None
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(UID=uid)
    return brains[0]._unrestrictedGetObject() if brains else None


def remember(kind, value, eingang):
    if value:
        _store(kind, create=True)[value] = api.content.get_uuid(eingang)


def forget(eingang):
    """An Eingang removed by an administrator no longer blocks its delivery."""
    uid = api.content.get_uuid(eingang)
    for kind in KINDS:
        store = _store(kind)
        if store is not None:
            for value in [value for value, known_uid in store.items() if known_uid == uid]:
                del store[value]
