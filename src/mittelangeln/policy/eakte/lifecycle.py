"""Event handlers of the E-Akte types: numbers, dates, Personalakte access."""

import datetime

from Acquisition import aq_chain
from Acquisition import aq_parent

from mittelangeln.policy.eakte.content.akte import IAkte
from mittelangeln.policy.eakte.content.aktenplan import IAktenplanPosition
from mittelangeln.policy.eakte.numbering import assign_akte_number
from mittelangeln.policy.eakte.numbering import assign_vorgang_number


def enclosing(obj, interface):
    """The nearest object in obj's acquisition chain (obj included) providing interface."""
    for item in aq_chain(obj):
        if interface.providedBy(item):
            return item
    return None


def forget_number_of_copy(obj, event):
    """A pasted copy is a new file: it gets a new number when added."""
    obj.aktenzeichen = None


def number_new_akte(akte, event):
    if getattr(akte, "aktenzeichen", None):
        return  # moved or renamed, not new
    position = aq_parent(akte)
    if not IAktenplanPosition.providedBy(position):
        return  # containment rules forbid this; nothing to number against
    assign_akte_number(akte, position.key)
    if not akte.opened:
        akte.opened = datetime.date.today()


def number_new_vorgang(vorgang, event):
    if getattr(vorgang, "aktenzeichen", None):
        return
    akte = aq_parent(vorgang)
    if IAkte.providedBy(akte) and akte.aktenzeichen:
        assign_vorgang_number(vorgang, akte)


def restrict_personalakte(personalakte, event):
    """Only the personnel office and Leitung see a Personalakte (their roles
    come from ``security.localroles.PersonalakteRoles``): roles given anywhere
    above (e.g. Reader for all staff on the Aktenplan) stop here."""
    personalakte.__ac_local_roles_block__ = True
    personalakte.reindexObjectSecurity()


def reindex_security_of_akte(akte, event):
    """The Fachdienst field decides who works on the Akte (a computed local
    role): when it may have changed, the catalog's security of the Akte and
    everything in it follows."""
    changed = {name for description in event.descriptions for name in getattr(description, "attributes", ())}
    if not event.descriptions or any(name.split(".")[-1] == "fachdienst" for name in changed):
        akte.reindexObjectSecurity()


def record_closing_date(akte, event):
    """zdA sets the closing date (the retention period runs from it);
    reopening clears it."""
    if event.transition is None:
        return
    if event.transition.getId() == "close":
        akte.closed = datetime.date.today()
    elif event.transition.getId() == "reopen":
        akte.closed = None
    else:
        return
    akte.reindexObject(idxs=["retention_until"])
