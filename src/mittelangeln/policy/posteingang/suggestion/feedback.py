"""Accepting or correcting the routing suggestion: one click forwards the
Eingang to the Fachdienst or files it into the Vorgang, and the decision is
kept on the Eingang (what was proposed, what was chosen, by whom, when).
Every routing decision on an Eingang, by these buttons or by hand
(weiterleiten, zu den Akten, erledigen), counts towards the next training."""

import datetime

from persistent.list import PersistentList
from plone import api
from zope.annotation.interfaces import IAnnotations

from mittelangeln.policy import settings
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.posteingang import filing
from mittelangeln.policy.posteingang.files import IntakeRefused
from mittelangeln.policy.posteingang.forwarding import forward
from mittelangeln.policy.posteingang.routing import assign
from mittelangeln.policy.posteingang.suggestion.training import count_decision


RECORD_KEY = "mittelangeln.policy.routing_suggestion"
DECIDING_TRANSITIONS = ("weiterleiten", "zu_den_akten", "erledigen")


def record(eingang, target, suggested, chosen):
    """Keep the decision on ``eingang`` (``target``: fachdienst or vorgang)."""
    annotations = IAnnotations(eingang)
    if RECORD_KEY not in annotations:
        annotations[RECORD_KEY] = PersistentList()
    entry = {
        "target": target,
        "suggested": suggested,
        "chosen": chosen,
        "accepted": suggested == chosen,
        "by": api.user.get_current().getId(),
        "at": datetime.datetime.now().replace(microsecond=0),
    }
    annotations[RECORD_KEY].append(entry)
    return entry


def decisions_of(eingang):
    return list(IAnnotations(eingang).get(RECORD_KEY, ()))


def route_to(eingang, fachdienst, suggested):
    """Accept (``fachdienst`` == ``suggested``) or correct the proposed
    Fachdienst: the Eingang goes there (assigned, or forwarded with a note
    in its history)."""
    if fachdienst not in settings.fachdienste():
        raise IntakeRefused(_("There is no Fachdienst “${name}”.", mapping={"name": fachdienst}))
    if not api.user.has_permission("Modify portal content", obj=eingang):
        raise IntakeRefused(_("You may not process this Eingang."))
    note = _("Routing suggestion accepted") if fachdienst == suggested else _("Routing suggestion corrected")
    if eingang.fachdienst == fachdienst:
        assign(eingang, translate(note))
    else:
        forward(eingang, fachdienst=fachdienst, note=translate(note))
    return record(eingang, "fachdienst", suggested, fachdienst)


def file_into(eingang, vorgang_uid):
    """Accept the proposed Vorgang: the Eingang is filed there."""
    brains = api.content.find(UID=vorgang_uid, portal_type="Vorgang") if vorgang_uid else []
    if not brains:
        raise filing.FilingRefused(_("The proposed Vorgang no longer exists or you may not see it."))
    vorgang = filing.file_eingang(eingang, brains[0].getObject())
    record(eingang, "vorgang", vorgang_uid, vorgang_uid)
    return vorgang


def transition_done(eingang, event):
    """IActionSucceededEvent: a routing decision made by hand counts too."""
    if event.action in DECIDING_TRANSITIONS:
        count_decision()
