"""The Wiedervorlagen of an object, kept in its annotations.

Each is a small mapping: id, date (a day), note, principal (a person's or a
group's id), created_by, created_at and, once done, done_by and done_at.
Done ones stay on the object as a record of the work. Every change
reindexes the object's two Wiedervorlage indexes (indexers.py)."""

import datetime
import uuid

from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations

from mittelangeln.policy.formatting import portal_zone
from mittelangeln.policy.i18n import TranslatedError
from mittelangeln.policy.i18n import _
from mittelangeln.policy.principals import principal_title
from mittelangeln.policy.wiedervorlage import principals


KEY = "mittelangeln.policy.wiedervorlagen"
INDEXES = ["wiedervorlage_due", "wiedervorlage_for"]
MAX_NOTE = 2000


class WiedervorlageInvalid(TranslatedError, ValueError):
    """Input a Wiedervorlage cannot take; str() is the German message,
    ``field`` the form field it concerns."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def local_now():
    return datetime.datetime.now(portal_zone())


def stamp():
    """The moment, for storing: UTC (a ZoneInfo zone cannot be pickled)."""
    return datetime.datetime.now(datetime.UTC)


def local_today():
    return local_now().date()


def entries(obj):
    """All Wiedervorlagen of ``obj``, open and done, by date."""
    stored = IAnnotations(obj).get(KEY, ())
    return sorted(stored, key=lambda entry: (entry["date"], entry["created_at"]))


def open_entries(obj):
    return [entry for entry in entries(obj) if not entry.get("done_at")]


def check(obj, date, principal, note, today):
    """Raise WiedervorlageInvalid for the first problem of the input."""
    if date is None:
        raise WiedervorlageInvalid(_("Please give the date of the Wiedervorlage."), "datum")
    if date < today:
        raise WiedervorlageInvalid(_("The date of the Wiedervorlage lies in the past."), "datum")
    if not principal:
        raise WiedervorlageInvalid(_("Please choose a person or a group."), "fuer")
    offered = {term.value for term in principals.people(obj)} | {term.value for term in principals.groups(obj)}
    if principal not in offered:
        raise WiedervorlageInvalid(_("Unknown person or group: please choose from the list."), "fuer")
    user = api.user.get(userid=principal)
    if user is not None and not api.user.has_permission("View", user=user, obj=obj):
        raise WiedervorlageInvalid(
            _(
                "${name} may not open this item: the Wiedervorlage would not reach them.",
                mapping={"name": principal_title(principal)},
            ),
            "fuer",
        )
    if len(note) > MAX_NOTE:
        raise WiedervorlageInvalid(_("The note is too long (at most 2,000 characters)."), "notiz")


def add(obj, date, principal, note="", creator=None, today=None):
    """A new open Wiedervorlage on ``obj``; nothing is stored when the input
    is refused (WiedervorlageInvalid)."""
    note = (note or "").strip()
    check(obj, date, principal, note, today or local_today())
    entry = PersistentMapping(
        id=uuid.uuid4().hex,
        date=date,
        note=note,
        principal=principal,
        created_by=creator or api.user.get_current().getId(),
        created_at=stamp(),
        done_by=None,
        done_at=None,
    )
    annotations = IAnnotations(obj)
    if KEY not in annotations:
        annotations[KEY] = PersistentList()
    annotations[KEY].append(entry)
    obj.reindexObject(idxs=INDEXES)
    return entry


def mark_done(obj, entry_id, user_id=None):
    """Mark an open Wiedervorlage done; False if there is no open one with
    that id (already done by someone else, or never there)."""
    for entry in open_entries(obj):
        if entry["id"] == entry_id:
            entry["done_by"] = user_id or api.user.get_current().getId()
            entry["done_at"] = stamp()
            obj.reindexObject(idxs=INDEXES)
            return True
    return False
