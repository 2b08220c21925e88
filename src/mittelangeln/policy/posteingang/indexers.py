"""Catalog indexers of the Posteingang lists, for Eingänge and online
submissions alike (items.py gives both the same facts; registered for both
in configure.zcml). Sort keys are indexes of their own; the list shows the
metadata columns of the same facts."""

from plone.indexer import indexer
from zope.interface import Interface

from mittelangeln.policy.posteingang.items import STATES
from mittelangeln.policy.posteingang.items import incoming


NO_DEADLINE = "9999-12-31"


def _fact(name):
    @indexer(Interface)
    def index(obj):
        item = incoming(obj)
        if item is None:
            raise AttributeError(name)  # not indexed
        return getattr(item, name)

    return index


eingangsnummer = _fact("number")
eingang_received = _fact("received")
eingang_channel = _fact("channel")
eingang_sender = _fact("sender")
eingang_fachdienst = _fact("fachdienst")
eingang_responsible = _fact("responsible")
eingang_deadline = _fact("deadline")
posteingang_state = _fact("state")
eingang_done_at = _fact("done_at")


@indexer(Interface)
def eingang_sender_key(obj):
    """Sorting by sender ignores case."""
    item = incoming(obj)
    if item is None:
        raise AttributeError("eingang_sender_key")
    return item.sender.casefold()


@indexer(Interface)
def eingang_deadline_key(obj):
    """Sorting by deadline: a DateIndex leaves out items without one; here
    they sort last."""
    item = incoming(obj)
    if item is None:
        raise AttributeError("eingang_deadline_key")
    return item.deadline.isoformat() if item.deadline else NO_DEADLINE


@indexer(Interface)
def posteingang_state_rank(obj):
    """Sorting by state follows the work: eingegangen first, erledigt last."""
    item = incoming(obj)
    if item is None:
        raise AttributeError("posteingang_state_rank")
    return STATES.index(item.state)


# Plone's workflow tool reindexes only the workflow's variables after a
# transition; the Posteingang's state indexes follow here.
STATE_INDEXES = ["posteingang_state", "posteingang_state_rank"]


def reindex_state(obj, event):
    obj.reindexObject(idxs=STATE_INDEXES)
