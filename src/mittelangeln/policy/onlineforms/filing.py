"""Filing a finished submission into the E-Akte.

What the citizen sent becomes Dokumente in a Vorgang: the record of the
entries as PDF, each uploaded file, and for applications the Bescheid. Filed
into an Akte, the submission gets a Vorgang of its own there; filed into a
Vorgang, it joins it (e.g. a duplicate report). The submission stays in
Eingänge and names where it was filed.
"""

import datetime

from plone import api
from plone.namedfile.file import NamedBlobFile

from mittelangeln.policy.eakte.content.akte import IAkte
from mittelangeln.policy.eakte.content.vorgang import IVorgang
from mittelangeln.policy.i18n import TranslatedError
from mittelangeln.policy.i18n import _
from mittelangeln.policy.onlineforms.letters import record_pdf
from mittelangeln.policy.onlineforms.submissions import FINAL_STATES
from mittelangeln.policy.onlineforms.submissions import reference_title


ATTACHMENTS = ("photo_1", "photo_2", "photo_3", "certificate")


class FilingError(TranslatedError, ValueError):
    """The submission cannot be filed there (or not yet)."""


def filed_in(submission):
    uid = getattr(submission, "filed_in", None)
    return api.content.get(UID=uid) if uid else None


def refusal(submission):
    """Why ``submission`` cannot be filed now, or None."""
    if getattr(submission, "filed_in", None):
        return _("This submission has already been filed.")
    if api.content.get_state(submission) not in FINAL_STATES[submission.portal_type]:
        return _("Only finished submissions are filed; decide on it first.")
    return None


def may_be_filed(submission):
    return refusal(submission) is None


def find_target(aktenzeichen):
    """The Akte or Vorgang with this Aktenzeichen that the user may see."""
    brains = api.content.find(aktenzeichen=aktenzeichen.strip(), object_provides=[IAkte, IVorgang])
    if not brains:
        raise FilingError(
            _(
                "There is no Akte or Vorgang with the Aktenzeichen “${aktenzeichen}” that you may see.",
                mapping={"aktenzeichen": aktenzeichen.strip()},
            )
        )
    return brains[0].getObject()


def file_submission(submission, target):
    """Create the Dokumente in ``target`` (Akte or Vorgang); returns the Vorgang."""
    problem = refusal(submission)
    if problem is not None:
        raise FilingError(problem)
    record = record_pdf(submission)  # before anything is created: LibreOffice may fail
    if IAkte.providedBy(target):
        if not api.user.has_permission("mittelangeln.policy: Add Vorgang", obj=target):
            raise FilingError(_("You may not add a Vorgang to “${title}”.", mapping={"title": target.Title()}))
        target = api.content.create(container=target, type="Vorgang", title=reference_title(submission))
    if not api.user.has_permission("mittelangeln.policy: Add Dokument", obj=target):
        raise FilingError(_("You may not add Dokumente to “${title}”.", mapping={"title": target.Title()}))
    received = submission.created().asdatetime().date()
    sender = getattr(submission, "contact_name", None) or getattr(submission, "applicant_name", None)
    add_dokument(target, f"Online-Eingang {submission.reference}", record, "eingang", received, sender)
    for name in ATTACHMENTS:
        attachment = getattr(submission, name, None)
        if attachment is not None:
            add_dokument(
                target,
                f"Anlage zu {submission.reference}: {attachment.filename}",
                copy_of(attachment),
                "eingang",
                received,
                sender,
            )
    bescheid = getattr(submission, "bescheid", None)
    if bescheid is not None:
        add_dokument(
            target, f"Bescheid {submission.reference}", copy_of(bescheid), "bescheid", datetime.date.today(), sender
        )
    submission.filed_in = api.content.get_uuid(target)
    submission.reindexObject()
    return target


def copy_of(named_file):
    """A file of its own for the Dokument (the submission keeps its copy)."""
    return NamedBlobFile(named_file.data, contentType=named_file.contentType, filename=named_file.filename)


def add_dokument(container, title, file, kind, date, correspondent):
    return api.content.create(
        container=container,
        type="Dokument",
        title=title,
        file=file,
        kind=kind,
        document_date=date,
        correspondent=correspondent,
    )
