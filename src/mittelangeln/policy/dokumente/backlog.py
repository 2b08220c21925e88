"""The conversion backlog in figures (Site Setup → Konvertierungs-Warteschlange,
``@conversion-backlog``), read from the queue (queue.py) without changing it.

Pending and running jobs come from the open set, failed ones from the failed
set: the figures cost the unfinished and failed jobs, not every job ever
queued. Dokumente are only looked up (in the catalog) for the jobs shown by
name.
"""

import datetime

from plone import api

from mittelangeln.policy.dokumente.queue import CONVERTING
from mittelangeln.policy.dokumente.queue import FAILED
from mittelangeln.policy.dokumente.queue import PENDING
from mittelangeln.policy.dokumente.queue import failed_jobs as failed_uids
from mittelangeln.policy.dokumente.queue import jobs
from mittelangeln.policy.dokumente.queue import open_jobs


def _now():
    return datetime.datetime.now(datetime.timezone.utc)


def _brains(uids):
    """{uid: catalog brain} of the Dokumente still there (any permission)."""
    if not uids:
        return {}
    catalog = api.portal.get_tool("portal_catalog")
    return {brain.UID: brain for brain in catalog.unrestrictedSearchResults(UID=list(uids))}


def _failed(portal):
    """[(uid, job)] of the failed jobs (a job queued again has left the set)."""
    all_jobs = jobs(portal)
    return [(uid, all_jobs[uid]) for uid in failed_uids(portal) if all_jobs.get(uid, {}).get("state") == FAILED]


def backlog(portal, now=None):
    """Figures of the queue of ``portal``: pending, running (state
    "converting"), failed, and the oldest pending job (age in seconds, UID,
    title, URL; None when nothing is pending)."""
    now = now or _now()
    all_jobs = jobs(portal)
    pending = running = 0
    oldest = None  # (queued, uid)
    for uid in open_jobs(portal):
        job = all_jobs.get(uid)
        if job is None:
            continue
        if job["state"] == PENDING:
            pending += 1
            if oldest is None or job["queued"] < oldest[0]:
                oldest = (job["queued"], uid)
        elif job["state"] == CONVERTING:
            running += 1
    failed = len(_failed(portal))
    figures = {
        "pending": pending,
        "running": running,
        "failed": failed,
        "oldest_pending_age_seconds": None,
        "oldest_pending_uid": None,
        "oldest_pending_title": None,
        "oldest_pending_url": None,
    }
    if oldest is not None:
        queued, uid = oldest
        brain = _brains([uid]).get(uid)
        figures.update(
            oldest_pending_age_seconds=max(0, int((now - queued).total_seconds())),
            oldest_pending_uid=uid,
            oldest_pending_title=brain.Title if brain is not None else None,
            oldest_pending_url=brain.getURL() if brain is not None else None,
        )
    return figures


def failed_jobs(portal):
    """The failed jobs, most recent failure first: dicts with uid, title and
    url (None when the Dokument is gone), reason, changed (aware datetime)."""
    found = _failed(portal)
    brains = _brains([uid for uid, _job in found])
    rows = []
    for uid, job in sorted(found, key=lambda item: item[1]["changed"], reverse=True):
        brain = brains.get(uid)
        rows.append(
            {
                "uid": uid,
                "title": brain.Title if brain is not None else None,
                "url": brain.getURL() if brain is not None else None,
                "reason": job["reason"],
                "changed": job["changed"],
            }
        )
    return rows
