"""``GET <site>/@conversion-backlog``: the figures of Site Setup →
Konvertierungs-Warteschlange as JSON (dokumente/backlog.py), for
administrators and monitoring scripts::

    {"pending": 3, "running": 1, "failed": 2,
     "oldest_pending_age_seconds": 5400, "oldest_pending_uid": "…",
     "oldest_pending_title": "…", "oldest_pending_url": "…"}
"""

from plone.restapi.services import Service

from mittelangeln.policy.dokumente.backlog import backlog


class ConversionBacklog(Service):
    def reply(self):
        self.request.response.setHeader("Cache-Control", "no-store")
        return backlog(self.context)
