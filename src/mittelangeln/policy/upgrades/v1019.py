"""1018 → 1019: operations in a cluster (issue 20): Site Setup →
Konvertierungs-Warteschlange (monitoring/browser/backlog.py) and its
permission for Managers and Site Administrators; the conversion queue's set
of failed jobs, built once here so that the backlog (often read, never
written on a GET) does not walk every job."""

from plone import api

from mittelangeln.policy.dokumente.queue import failed_jobs
from mittelangeln.policy.upgrades import reimport


def upgrade(context):
    reimport(context, "rolemap", "controlpanel")
    failed_jobs(api.portal.get())
