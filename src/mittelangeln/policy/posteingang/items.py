"""Everything that came in, as one kind of item: an Eingang and an online
submission (Mängelmeldung, Schülerbeförderungsantrag) give the same facts
for the Posteingang lists and statistics. A submission stays where the
online form stored it; it is listed through these facts (catalog indexes,
indexers.py), never copied into an Eingang."""

import datetime

from DateTime import DateTime
from plone import api

from mittelangeln.policy import settings
from mittelangeln.policy.onlineforms.content.submissions import ISubmission
from mittelangeln.policy.onlineforms.intake import ROUTING_FIELDS
from mittelangeln.policy.onlineforms.submissions import FINAL_STATES
from mittelangeln.policy.onlineforms.submissions import finished_at
from mittelangeln.policy.onlineforms.submissions import subject
from mittelangeln.policy.posteingang.content import IEingang


# The Posteingang's states, in the order of the work (the Eingang's workflow).
EINGEGANGEN = "eingegangen"
ZUGEWIESEN = "zugewiesen"
IN_BEARBEITUNG = "in_bearbeitung"
ERLEDIGT = "erledigt"
STATES = (EINGEGANGEN, ZUGEWIESEN, IN_BEARBEITUNG, ERLEDIGT)
OPEN_STATES = STATES[:-1]
EINGANG_WORKFLOW = "mittelangeln_eingang_workflow"


def incoming(obj):
    """The facts of an Eingang or a submission; None for anything else."""
    if IEingang.providedBy(obj):
        return EingangItem(obj)
    if ISubmission.providedBy(obj):
        return SubmissionItem(obj)
    return None


class EingangItem:
    """Each fact computed on demand: an indexer asks for one."""

    def __init__(self, context):
        self.context = context

    @property
    def number(self):
        return self.context.eingangsnummer

    @property
    def received(self):
        """Naive, the portal's local time."""
        return self.context.eingangsdatum

    @property
    def channel(self):
        return self.context.channel

    @property
    def sender(self):
        eingang = self.context
        return sender_of(eingang.sender_name, eingang.sender_organisation, eingang.sender_email)

    @property
    def subject(self):
        return self.context.Title()

    @property
    def fachdienst(self):
        return self.context.fachdienst

    @property
    def responsible(self):
        return self.context.responsible

    @property
    def deadline(self):
        return self.context.deadline

    @property
    def state(self):
        return api.content.get_state(self.context, default=EINGEGANGEN)

    @property
    def done_at(self):
        """When it was done (naive local time); None while open."""
        if self.state != ERLEDIGT:
            return None
        return _entered(self.context, EINGANG_WORKFLOW, ERLEDIGT)


class SubmissionItem(EingangItem):
    @property
    def number(self):
        return self.context.reference

    @property
    def received(self):
        return local_naive(self.context.created())

    @property
    def channel(self):
        return "online"

    @property
    def sender(self):
        submission = self.context
        return sender_of(
            getattr(submission, "contact_name", None) or getattr(submission, "applicant_name", None),
            None,
            getattr(submission, "contact_email", None) or getattr(submission, "applicant_email", None),
        )

    @property
    def subject(self):
        return subject(self.context)

    @property
    def fachdienst(self):
        return submission_fachdienst(self.context)

    @property
    def responsible(self):
        return None

    @property
    def deadline(self):
        return None

    @property
    def state(self):
        return submission_state(self.context.portal_type, api.content.get_state(self.context, default=None))

    @property
    def done_at(self):
        done = finished_at(self.context)
        return local_naive(done) if done is not None else None


def submission_fachdienst(submission):
    """The Fachdienst the form routed it to (Mängelmelder categories), else
    the one the settings name for its kind."""
    own = getattr(submission, "fachdienst", None)
    return own or settings.routed_fachdienst(ROUTING_FIELDS[submission.portal_type]) or None


def submission_state(portal_type, state):
    """A submission's state in the Posteingang's terms: its workflow's
    initial state is eingegangen, a final state erledigt, anything between
    in Bearbeitung."""
    if state in FINAL_STATES[portal_type]:
        return ERLEDIGT
    for workflow in api.portal.get_tool("portal_workflow").getWorkflowsFor(portal_type):
        if state == workflow.initial_state:
            return EINGEGANGEN
    return IN_BEARBEITUNG


def sender_of(name, organisation, email):
    """ "Anke Hansen (Planungsbüro Nord)", else the e-mail address."""
    if name and organisation:
        return f"{name} ({organisation})"
    return name or organisation or email or ""


def _entered(obj, workflow_id, state):
    """When ``obj`` last entered ``state`` (naive local time)."""
    for entry in reversed(obj.workflow_history.get(workflow_id, ())):
        if entry.get("review_state") == state:
            return local_naive(entry["time"])
    return None


def local_naive(moment):
    """A Zope DateTime as a naive datetime in the server's local time (the
    catalog's DateIndexes read naive times as local)."""
    if isinstance(moment, DateTime):
        return datetime.datetime.fromtimestamp(moment.timeTime())
    return moment


def day_of(value):
    """The calendar day of a date, a datetime or a catalog DateTime."""
    if isinstance(value, DateTime):
        value = local_naive(value)
    return value.date() if isinstance(value, datetime.datetime) else value


def age_in_days(received, today=None):
    """Whole days since ``received``."""
    if received is None:
        return None
    return max(0, ((today or datetime.date.today()) - day_of(received)).days)


def is_overdue(deadline, state, today=None):
    """A deadline passed and the item not done."""
    if deadline is None or state == ERLEDIGT:
        return False
    return day_of(deadline) < (today or datetime.date.today())
