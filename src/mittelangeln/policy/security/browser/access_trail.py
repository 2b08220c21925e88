"""The access trail for Leitung and data protection (``@@zugriffsprotokoll``)."""

from Products.Five.browser import BrowserView

from mittelangeln.policy import settings
from mittelangeln.policy.formatting import german_datetime
from mittelangeln.policy.i18n import _
from mittelangeln.policy.security.trail_store import AccessTrail


CHANNELS = {
    "ansicht": _("view"),
    "download": _("download"),
    "rest": _("REST API"),
    "seitentext": _("page text"),
}
LIMIT = 500


class AccessTrailView(BrowserView):
    def filters(self):
        form = self.request.form
        return {
            "user": (form.get("benutzer") or "").strip(),
            "path": (form.get("pfad") or "").strip(),
            "denied_only": bool(form.get("nur_verweigert")),
        }

    def entries(self):
        filters = self.filters()
        entries = AccessTrail().entries(
            user=filters["user"] or None,
            path=filters["path"] or None,
            allowed=False if filters["denied_only"] else None,
            limit=LIMIT,
        )
        return [
            {
                "time": german_datetime(entry.time, seconds=True),
                "user": entry.user,
                "title": entry.title,
                "path": entry.path,
                "channel": CHANNELS.get(entry.channel, _("page image")),
                "allowed": entry.allowed,
            }
            for entry in entries
        ]

    def retention_days(self):
        return settings.access_trail_retention_days()

    limit = LIMIT
