"""Meine Wiedervorlagen: the open Wiedervorlagen for the signed-in user and
their groups, due ones first (overdue said in words), then upcoming ones,
each with its object and an "Erledigt" button."""

from plone import api
from Products.Five.browser import BrowserView
from zExceptions import Unauthorized

from mittelangeln.policy.i18n import _
from mittelangeln.policy.wiedervorlage.browser.table import WiedervorlagenTable
from mittelangeln.policy.wiedervorlage.listing import row
from mittelangeln.policy.wiedervorlage.queries import open_for
from mittelangeln.policy.wiedervorlage.store import local_today


PERMISSION = "mittelangeln.policy: Set Wiedervorlage"


def rows_for(user, until=None):
    today = local_today()
    found = []
    for obj, entry in open_for(user, until=until):
        shown = row(obj, entry, today)
        shown["can_finish"] = api.user.has_permission(PERMISSION, obj=obj)
        found.append(shown)
    return found


class MeineWiedervorlagenView(WiedervorlagenTable, BrowserView):
    due_caption = _("Due Wiedervorlagen, the oldest first")
    upcoming_caption = _("Upcoming Wiedervorlagen, the next first")

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("Meine Wiedervorlagen: nur für angemeldete Benutzer")
        self.rows = rows_for(api.user.get_current())
        return self.index()

    def due(self):
        return [shown for shown in self.rows if shown["status"] != "upcoming"]

    def upcoming(self):
        return [shown for shown in self.rows if shown["status"] == "upcoming"]
