"""Event handlers of the form submissions: reference numbers, reasons, the
Bescheid on a decided Schülerbeförderungsantrag."""

import datetime

from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.dottedname.resolve import resolve as resolveDottedName

from mittelangeln.policy.eakte.numbering import next_number
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.onlineforms.letters import bescheid_pdf


# Where processing ends (a reopened item is open again).
FINAL_STATES = {
    "Maengelmeldung": {"done", "unsolvable", "duplicate", "rejected"},
    "Schuelerbefoerderungsantrag": {"approved", "rejected"},
}

# Decisions on a Mängelmeldung that the reporter must be told the reason for.
REASON_REQUIRED = {"mark_unsolvable", "mark_duplicate", "reject"}


def reference_number(prefix, year, number):
    return f"{prefix}-{year}-{number:05d}"


def take_reference(portal_type):
    """The next reference number of a kind of submission, e.g. MM-2026-00042:
    one counter per kind and year, never reused."""
    klass = resolveDottedName(api.portal.get_tool("portal_types").getTypeInfo(portal_type).klass)
    year = datetime.date.today().year
    number = next_number(api.portal.get(), f"{klass.reference_prefix}-{year}")
    return reference_number(klass.reference_prefix, year, number)


def subject(submission):
    """What a submission is about: the defect's category, the pupil."""
    return getattr(submission, "category", None) or getattr(submission, "pupil_name", None) or ""


def reference_title(submission):
    """ "MM-2026-00042 Spielplatz": the number and what it is about."""
    return f"{submission.reference} {subject(submission)}".strip()


def assign_reference(submission, event):
    """A submission without a number (not added by the online form) gets one."""
    if not getattr(submission, "reference", None):
        submission.reference = take_reference(submission.portal_type)
    submission.title = reference_title(submission)


def transition_id(event):
    """The id of the transition of a workflow event (None on creation)."""
    return event.transition.getId() if event.transition is not None else None


def comment_of(event):
    """The comment given with a workflow transition, stripped."""
    return (event.kwargs or {}).get("comment", "").strip()


def require_reason(meldung, event):
    if transition_id(event) in REASON_REQUIRED and not comment_of(event):
        raise WorkflowException(translate(_("Please give the reason for this decision.")))


# Decisions on a Schülerbeförderungsantrag: approved or not.
DECISIONS = {"approve": True, "reject": False}


def write_bescheid(antrag, event):
    """The decision letter as PDF, kept on the application (and filed with
    it into the Akte, forms/filing.py)."""
    transition = transition_id(event)
    if transition not in DECISIONS:
        return
    antrag.bescheid = bescheid_pdf(antrag, DECISIONS[transition], comment_of(event), api.user.get_current().getId())


def finished_at(submission):
    """When the submission reached the final state it is in; None while open."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    for workflow_id in workflow_tool.getChainFor(submission):
        history = submission.workflow_history.get(workflow_id, ())
        if history and history[-1].get("review_state") in FINAL_STATES[submission.portal_type]:
            return history[-1]["time"]
    return None
