"""Who worked on which Akte or Vorgang, and when: per user the records they
last created or changed, newest first.

Kept per user in a BTree annotated on the site (at most KEEP records each),
written by the add, change and workflow events of everything inside a record:
a new Dokument counts as work on its Vorgang. Catalog metadata (Creator,
modified) cannot tell this, as many people work on one record. What a user
may see is decided when listing, by the catalog, so a record that was moved
out of their reach drops out of their list.
"""

import datetime

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SpecialUsers import system
from Acquisition import aq_base
from Acquisition import aq_chain
from BTrees.OOBTree import OOBTree
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.container.interfaces import IContainerModifiedEvent

from mittelangeln.policy.eakte.content import AKTE_TYPES
from mittelangeln.policy.eakte.content.akte import IAkte
from mittelangeln.policy.eakte.content.vorgang import IVorgang


ANNOTATION_KEY = "mittelangeln.policy.recent_work"
KEEP = 100
RECORD_TYPES = (*AKTE_TYPES, "Vorgang")


def enclosing_record(obj):
    """The nearest Akte or Vorgang of ``obj`` (itself included), or None."""
    for item in aq_chain(obj):
        if IVorgang.providedBy(item) or IAkte.providedBy(item):
            return item
    return None


def _store(portal, create=False):
    annotations = IAnnotations(portal)
    if ANNOTATION_KEY not in annotations:
        if not create:
            return None
        annotations[ANNOTATION_KEY] = OOBTree()
    return annotations[ANNOTATION_KEY]


def remember(user_id, uid, when=None):
    """Note that ``user_id`` worked on the record ``uid`` (now)."""
    when = when or datetime.datetime.now(datetime.timezone.utc)
    store = _store(api.portal.get(), create=True)
    work = store.get(user_id)
    if work is None:
        work = store[user_id] = OOBTree()
    if work.get(uid) != when:
        work[uid] = when
    if len(work) > KEEP:
        for old_uid, _when in sorted(work.items(), key=lambda item: item[1])[: len(work) - KEEP]:
            del work[old_uid]


def worked_on(user_id):
    """[(uid, when)] of ``user_id``'s records, newest first."""
    store = _store(api.portal.get())
    work = store.get(user_id) if store is not None else None
    return sorted(work.items(), key=lambda item: item[1], reverse=True) if work else []


def acting_user_id():
    """The signed-in person, or None (anonymous, the conversion worker)."""
    user = getSecurityManager().getUser()
    if user is None or aq_base(user) is system:
        return None
    return user.getId()


def record_work(obj, event):
    """Subscriber: an object was added, changed or moved through its workflow.
    A container's "modified" on adding or removing an item is left out: the
    new item names its record itself (a new Vorgang is the work, not its Akte)."""
    if IContainerModifiedEvent.providedBy(event):
        return
    record = enclosing_record(obj)
    if record is None:
        return
    user_id = acting_user_id()
    uid = api.content.get_uuid(record)
    if user_id and uid:
        remember(user_id, uid)


def recent_records(user_id, limit=10):
    """[(brain, when)] of the Akten and Vorgänge ``user_id`` last worked on
    that the current user may see, newest first."""
    work = worked_on(user_id)
    if not work:
        return []
    brains = {
        brain.UID: brain for brain in api.content.find(UID=[uid for uid, _when in work], portal_type=list(RECORD_TYPES))
    }
    return [(brains[uid], when) for uid, when in work if uid in brains][:limit]
