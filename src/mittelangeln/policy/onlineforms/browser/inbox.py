"""@@eingangsliste: the submissions of an Eingänge area as the Fachdienst
works through them — open ones first, oldest first, with their age; all of
them on request. The default view of the submission areas."""

import math

from DateTime import DateTime
from plone import api
from Products.Five.browser import BrowserView

from mittelangeln.policy.formatting import german_date
from mittelangeln.policy.formatting import state_title
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.onlineforms.statistics import SUBMISSION_TYPES


class SubmissionInboxView(BrowserView):
    def __call__(self):
        self.show_all = self.request.form.get("alle") == "1"
        return self.index()

    def brains(self):
        """The submissions directly in this folder that the user may see."""
        return api.content.find(
            context=self.context,
            depth=1,
            portal_type=list(SUBMISSION_TYPES),
            sort_on="created",
        )

    def rows(self):
        now = DateTime()
        rows = []
        for brain in self.brains():
            is_open = not brain.submission_finished
            if not (is_open or self.show_all):
                continue
            received = brain.created.asdatetime()
            age = max(0, math.floor(now - brain.created))
            rows.append(
                {
                    "title": brain.Title,
                    "url": brain.getURL(),
                    "received": german_date(received),
                    "received_iso": received.date().isoformat(),
                    "age": age_text(age) if is_open else "–",
                    "state": state_title(brain.portal_type, brain.review_state),
                    "open": is_open,
                }
            )
        # Open ones first (oldest at the top), then the finished ones.
        return sorted(rows, key=lambda row: not row["open"])

    def open_count(self):
        return sum(1 for brain in self.brains() if not brain.submission_finished)


def age_text(days):
    if days == 0:
        return translate(_("today"))
    if days == 1:
        return translate(_("1 day"))
    return translate(_("${days} days", mapping={"days": days}))
