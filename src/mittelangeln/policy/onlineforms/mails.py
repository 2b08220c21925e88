"""E-mails to citizens: the confirmation with the reference number, and for
defect reports each change of the status.

Sent after the transaction commits, so a submission that fails to be
stored mails nothing, and a mail that fails loses no submission.
"""

import logging

import transaction
from plone import api

from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.onlineforms.submissions import comment_of
from mittelangeln.policy.onlineforms.submissions import transition_id


logger = logging.getLogger(__name__)

# Mängelmeldung transitions the reporter hears about, and what they say.
STATUS_MESSAGES = {
    "check": _("Your report was checked and forwarded to the responsible Fachdienst."),
    "start": _("Work on the defect you reported has started."),
    "complete": _("The defect you reported has been dealt with."),
    "mark_unsolvable": _("The defect you reported cannot be dealt with by the Amt."),
    "mark_duplicate": _("The defect you reported had already been reported and is dealt with there."),
    "reject": _("Your report was rejected."),
    "reopen": _("Your report has been taken up again."),
}


def recipient(submission):
    return getattr(submission, "contact_email", None) or getattr(submission, "applicant_email", None)


def send(to, subject, body):
    """Send once the transaction is committed. A mail server that is down or
    not configured must not cost the citizen their submission (MailHost's
    own transactional sending would abort the commit): the submission is
    stored, staff see it, and the log says which mail did not go out."""
    transaction.get().addAfterCommitHook(send_if_committed, args=(to, translate(subject), body))


def send_if_committed(committed, to, subject, body):
    if not committed:
        return
    try:
        api.portal.send_email(recipient=to, subject=subject, body=body, immediate=True)
    except Exception:  # after the commit nothing is left to roll back; log it
        logger.exception("No mail to %s about %s", to, subject)


def mail_body(lines):
    """The lines between the greeting and the Amt's name."""
    return "\n".join([translate(_("Good day,")), "", *lines, "", translate(_("Amt Mittelangeln"))])


def send_confirmation(submission, form):
    to = recipient(submission)
    if not to:
        return
    lines = [
        translate(
            _(
                "we have received your submission “${form}”. Its reference number is ${reference}.",
                mapping={"form": form.Title(), "reference": submission.reference},
            )
        ),
        translate(_("Please give this number whenever you contact us about it.")),
    ]
    if getattr(form, "confirmation_text", None):
        lines += ["", form.confirmation_text]
    send(to, _("Received: ${reference}", mapping={"reference": submission.reference}), mail_body(lines))


def status_changed(meldung, event):
    """Tell the reporter of a defect what happened to their report."""
    transition = transition_id(event)
    to = recipient(meldung)
    if transition not in STATUS_MESSAGES or not to:
        return
    lines = [
        translate(_("Your report ${reference}:", mapping={"reference": meldung.reference})),
        translate(STATUS_MESSAGES[transition]),
    ]
    if comment_of(event):
        lines += ["", translate(_("Note from the Amt:")), comment_of(event)]
    send(to, _("Status of your report ${reference}", mapping={"reference": meldung.reference}), mail_body(lines))
