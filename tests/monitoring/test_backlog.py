"""The backlog's figures (dokumente/backlog.py) over jobs the queue made."""

import datetime

import transaction
from plone import api

from mittelangeln.policy.dokumente.backlog import backlog
from mittelangeln.policy.dokumente.backlog import failed_jobs
from mittelangeln.policy.dokumente.queue import enqueue
from mittelangeln.policy.dokumente.queue import job_for
from mittelangeln.policy.dokumente.queue import process_queue


def test_an_empty_queue(portal):
    assert backlog(portal) == {
        "pending": 0,
        "running": 0,
        "failed": 0,
        "oldest_pending_age_seconds": None,
        "oldest_pending_uid": None,
        "oldest_pending_title": None,
        "oldest_pending_url": None,
    }
    assert failed_jobs(portal) == []


def test_figures_of_pending_running_and_failed_jobs(portal, queued):
    older = queued["pending"][0]
    an_hour_later = job_for(older)["queued"] + datetime.timedelta(hours=1, seconds=30)
    assert backlog(portal, now=an_hour_later) == {
        "pending": 2,
        "running": 1,
        "failed": 1,
        "oldest_pending_age_seconds": 3630,
        "oldest_pending_uid": api.content.get_uuid(older),
        "oldest_pending_title": "Bauantrag",
        "oldest_pending_url": older.absolute_url(),
    }


def test_failed_jobs_with_their_reason(portal, queued):
    broken = queued["failed"]
    [row] = failed_jobs(portal)
    assert row["uid"] == api.content.get_uuid(broken)
    assert (row["title"], row["url"]) == ("Kaputt", broken.absolute_url())
    assert row["reason"] == job_for(broken)["reason"] != ""
    assert row["changed"] == job_for(broken)["changed"]


def test_a_deleted_dokument_keeps_its_failed_job_without_a_link(portal, queued):
    broken = queued["failed"]
    uid = api.content.get_uuid(broken)
    api.content.delete(broken)
    [row] = failed_jobs(portal)
    assert (row["uid"], row["title"], row["url"]) == (uid, None, None)


def test_queued_again_a_failed_job_counts_as_pending(portal, queued):
    enqueue(queued["failed"])
    figures = backlog(portal)
    assert (figures["pending"], figures["failed"]) == (3, 0)


def test_converted_jobs_leave_the_figures(portal, queued):
    """The two waiting text PDFs are converted (no OCR: they have text);
    the claimed job is not stale yet, so it stays running."""
    assert process_queue(portal, commit=transaction.savepoint) == 2
    assert [job_for(dokument)["state"] for dokument in queued["pending"]] == ["done", "done"]
    figures = backlog(portal)
    assert (figures["pending"], figures["running"], figures["failed"]) == (0, 1, 1)
    assert figures["oldest_pending_uid"] is None
