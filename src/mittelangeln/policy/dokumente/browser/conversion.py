"""Conversion status of a Dokument, and the retry action for failures."""

from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView

from mittelangeln.policy.dokumente.queue import FAILED
from mittelangeln.policy.dokumente.queue import STATE_LABELS
from mittelangeln.policy.dokumente.queue import enqueue
from mittelangeln.policy.dokumente.queue import job_for
from mittelangeln.policy.i18n import _


class ConversionStatusViewlet(ViewletBase):
    def update(self):
        super().update()
        self.job = job_for(self.context)

    def available(self):
        return self.job is not None

    def label(self):
        return STATE_LABELS[self.job["state"]]

    def failed(self):
        return self.job["state"] == FAILED

    def can_retry(self):
        return self.failed() and api.user.has_permission("Modify portal content", obj=self.context)


class RetryConversion(BrowserView):
    def __call__(self):
        CheckAuthenticator(self.request)
        job = job_for(self.context)
        if job is None or job["state"] != FAILED:
            api.portal.show_message(_("Nothing to retry."), self.request, type="info")
        else:
            enqueue(self.context)
            api.portal.show_message(_("The conversion is queued again."), self.request)
        return self.request.response.redirect(self.context.absolute_url())
