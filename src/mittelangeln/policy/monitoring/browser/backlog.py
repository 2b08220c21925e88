"""Site Setup → "Konvertierungs-Warteschlange": the backlog's figures
(dokumente/backlog.py), the oldest pending Dokument and the failed jobs,
each with a button that queues it again (a POST with plone.protect's token)."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import Forbidden

from mittelangeln.policy.dokumente.backlog import backlog
from mittelangeln.policy.dokumente.backlog import failed_jobs
from mittelangeln.policy.dokumente.content import IDokument
from mittelangeln.policy.dokumente.queue import FAILED
from mittelangeln.policy.dokumente.queue import STATE_LABELS
from mittelangeln.policy.dokumente.queue import enqueue
from mittelangeln.policy.dokumente.queue import jobs
from mittelangeln.policy.formatting import german_datetime
from mittelangeln.policy.i18n import _


PANEL = "@@conversion-backlog"
MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR


def age_text(seconds):
    """How long a job has waited, in the largest whole unit."""
    if seconds < MINUTE:
        return _("less than a minute")
    if seconds < HOUR:
        count = seconds // MINUTE
        return _("${count} minute", msgid_plural="${count} minutes", number=count, mapping={"count": count})
    if seconds < DAY:
        count = seconds // HOUR
        return _("${count} hour", msgid_plural="${count} hours", number=count, mapping={"count": count})
    count = seconds // DAY
    return _("${count} day", msgid_plural="${count} days", number=count, mapping={"count": count})


class BacklogPanel(BrowserView):
    template = ViewPageTemplateFile("templates/backlog.pt")

    def __call__(self):
        if self.request.method == "POST":
            self.requeue()
            return self.request.response.redirect(self.panel_url())
        return self.template()

    def panel_url(self):
        return f"{api.portal.get().absolute_url()}/{PANEL}"

    def requeue(self):
        """Queue the failed job named by the form's ``uid`` again."""
        try:
            CheckAuthenticator(self.request)
        except Forbidden:
            api.portal.show_message(_("The form was out of date; please try again."), self.request, type="error")
            return
        uid = self.request.form.get("uid")
        job = jobs(api.portal.get()).get(uid) if isinstance(uid, str) and uid else None
        if job is None:
            api.portal.show_message(_("This conversion job does not exist (any more)."), self.request, type="error")
            return
        dokument = api.content.get(UID=uid)
        if dokument is None or not IDokument.providedBy(dokument):
            message = _("The Dokument of this conversion job no longer exists.")
            api.portal.show_message(message, self.request, type="error")
            return
        title = dokument.Title()
        if job["state"] != FAILED:
            message = _(
                "The conversion of “${title}” has not failed (state: ${state}).",
                mapping={"title": title, "state": STATE_LABELS[job["state"]]},
            )
            api.portal.show_message(message, self.request, type="info")
            return
        enqueue(dokument)
        api.portal.show_message(
            _("“${title}” was queued for conversion again.", mapping={"title": title}), self.request
        )

    def figures(self):
        figures = backlog(api.portal.get())
        age = figures["oldest_pending_age_seconds"]
        return {**figures, "oldest_pending_age": age_text(age) if age is not None else None}

    def failed(self):
        return [{**row, "changed": german_datetime(row["changed"])} for row in failed_jobs(api.portal.get())]
