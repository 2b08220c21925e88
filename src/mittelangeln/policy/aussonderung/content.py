"""The Aussonderung process and its Löschprotokoll (made by process.py only)."""

from types import MappingProxyType

from plone.base.interfaces.siteroot import IPloneSiteRoot
from plone.dexterity.content import Item
from plone.supermodel import model
from zope.interface import implementer

from mittelangeln.policy.i18n import TranslatedError
from mittelangeln.policy.i18n import _


class IAussonderung(model.Schema):
    """One process with the archive (0501 … 0506); its data are attributes
    set by process.py, not fields of a form."""


@implementer(IAussonderung)
class Aussonderung(Item):
    process_id = ""
    two_stage = False
    objects = None  # PersistentMapping xdomea uuid -> PersistentMapping row
    messages = None  # PersistentList of PersistentMapping
    error = ""


class ILoeschprotokoll(model.Schema):
    """What one removal run deleted; written once, never changed."""


class ProtocolFixed(TranslatedError, AttributeError):
    """A Löschprotokoll's entries are written once."""


@implementer(ILoeschprotokoll)
class Loeschprotokoll(Item):
    process_id = ""
    _entries = ()

    @property
    def entries(self):
        """The entries, each a read-only mapping (what, aktenzeichen, title,
        retention, retention_until, decision, process_id, by, at)."""
        return tuple(MappingProxyType(dict(pairs)) for pairs in self._entries)

    @entries.setter
    def entries(self, entries):
        if self._entries:
            raise ProtocolFixed(_("A Löschprotokoll cannot be changed."))
        # Stored as tuples of pairs: nothing in them can be changed in place.
        self._entries = tuple(tuple(sorted(entry.items())) for entry in entries)


class ProtocolKept(TranslatedError, ValueError):
    """A Löschprotokoll is kept: not deleted, moved or renamed."""


def keep_protocol(protocol, event):
    """Nobody deletes, moves or renames a Löschprotokoll, also not with its
    folder; only removing the whole site takes it along."""
    if event.oldParent is None:
        return  # added
    if IPloneSiteRoot.providedBy(event.object):
        return
    raise ProtocolKept(_("A Löschprotokoll cannot be deleted, moved or renamed."))
