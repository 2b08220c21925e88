"""Event handlers of the form submissions: reference numbers, reasons."""

import datetime

from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException

from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.numbering import next_number

# Decisions on a Mängelmeldung that the reporter must be told the reason for.
REASON_REQUIRED = {"mark_unsolvable", "mark_duplicate", "reject"}


def reference_number(prefix, year, number):
    return f"{prefix}-{year}-{number:05d}"


def assign_reference(submission, event):
    """MM-2026-00042: one counter per kind and year, never reused."""
    if getattr(submission, "reference", None):
        return
    year = datetime.date.today().year
    number = next_number(api.portal.get(), f"{submission.reference_prefix}-{year}")
    submission.reference = reference_number(submission.reference_prefix, year, number)
    subject = getattr(submission, "category", None) or getattr(submission, "pupil_name", None) or ""
    submission.title = f"{submission.reference} {subject}".strip()


def require_reason(meldung, event):
    if event.transition is not None and event.transition.getId() in REASON_REQUIRED:
        if not (event.kwargs or {}).get("comment", "").strip():
            raise WorkflowException(translate(_("Please give the reason for this decision.")))
