"""A conversion claimed by a worker that died is taken up by another one;
a live worker's claim is left alone (dokumente/claims.py, queue.py)."""

import datetime
import sqlite3
import time

import pytest
import transaction
from plone import api
from plone.namedfile.file import NamedBlobFile
from ZODB.POSException import ConflictError

from mittelangeln.policy.dokumente import claims
from mittelangeln.policy.dokumente import queue
from mittelangeln.policy.dokumente.queue import STALE_AFTER
from mittelangeln.policy.dokumente.queue import job_for
from mittelangeln.policy.dokumente.queue import process_queue
from mittelangeln.policy.textpdf import text_pdf


# Converts documents: left out by `make test-quick`.
pytestmark = pytest.mark.ocr

OTHER_WORKER = "anderer-server:4711"


def claimed_dokument(vorgang, worker, claimed_at=None):
    dokument = api.content.create(
        container=vorgang,
        type="Dokument",
        id="beansprucht",
        title="Beansprucht",
        file=NamedBlobFile(text_pdf([["Kanalanschluss"]]), contentType="application/pdf", filename="k.pdf"),
    )
    job = job_for(dokument)
    job.update(state="converting", worker=worker, changed=claimed_at or datetime.datetime.now(datetime.UTC))
    return dokument


def events(dokument):
    return [(worker, event) for _, worker, event in job_for(dokument).get("history", ())]


def test_a_live_workers_claim_is_left_alone(portal, vorgang):
    claims.beat(OTHER_WORKER)
    dokument = claimed_dokument(vorgang, OTHER_WORKER)
    assert process_queue(portal, commit=transaction.savepoint) == 0
    assert job_for(dokument)["state"] == "converting"
    assert job_for(dokument)["worker"] == OTHER_WORKER


def test_a_dead_workers_claim_is_taken_over_and_done_once(portal, vorgang):
    claims.beat(OTHER_WORKER, now=time.time() - claims.HEARTBEAT_TIMEOUT - 1)
    dokument = claimed_dokument(vorgang, OTHER_WORKER)
    assert process_queue(portal, commit=transaction.savepoint) == 1
    job = job_for(dokument)
    assert (job["state"], job["worker"]) == ("done", claims.worker_name())
    assert events(dokument) == [(claims.worker_name(), "converting"), (claims.worker_name(), "done")]
    assert process_queue(portal, commit=transaction.savepoint) == 0


def test_a_worker_never_seen_counts_as_dead(portal, vorgang):
    dokument = claimed_dokument(vorgang, "verschwunden:1")
    assert process_queue(portal, commit=transaction.savepoint) == 1
    assert job_for(dokument)["state"] == "done"


@pytest.mark.parametrize("age, taken", [(STALE_AFTER / 2, False), (STALE_AFTER * 2, True)])
def test_a_claim_without_a_worker_name_waits_for_the_fallback(portal, vorgang, age, taken):
    dokument = claimed_dokument(vorgang, None, datetime.datetime.now(datetime.UTC) - age)
    del job_for(dokument)["worker"]
    assert process_queue(portal, commit=transaction.savepoint) == int(taken)
    assert job_for(dokument)["state"] == ("done" if taken else "converting")


def test_the_heartbeat_keeps_a_worker_alive_and_its_silence_ends_it():
    claims.beat("knoten-a:1", now=1000.0)
    assert claims.is_alive("knoten-a:1", now=1000.0 + claims.HEARTBEAT_TIMEOUT)
    assert not claims.is_alive("knoten-a:1", now=1000.0 + claims.HEARTBEAT_TIMEOUT + 1)
    assert not claims.is_alive("nie-gesehen:2")


def test_after_trouble_with_the_shared_state_no_claim_is_taken_over(monkeypatch, tmp_path):
    claims.beat("verstummt:1:dddd", now=time.time() - 2 * claims.HEARTBEAT_TIMEOUT)
    monkeypatch.setenv("MITTELANGELN_CONVERSION_WORKERS", str(tmp_path / "fehlt" / "workers.sqlite"))
    with pytest.raises(sqlite3.OperationalError):
        claims.beat()  # the shared state cannot be reached
    monkeypatch.undo()
    assert not claims.may_take_over("verstummt:1:dddd")  # its heartbeat may only be late
    monkeypatch.setitem(claims._trouble, "at", time.monotonic() - claims.HEARTBEAT_TIMEOUT - 1)
    assert claims.may_take_over("verstummt:1:dddd")


def test_a_conflict_does_not_requeue_a_claim_another_worker_took_over(portal, vorgang, monkeypatch):
    """The conversion's commit conflicts because another worker took the job
    over meanwhile: that worker's claim stays as it is."""
    dokument = claimed_dokument(vorgang, None)
    job = job_for(dokument)
    job.update(state="pending")

    def taken_over_meanwhile(uid, job):
        job.update(worker=OTHER_WORKER, changed=datetime.datetime.now(datetime.UTC))
        raise ConflictError("another worker committed first")

    monkeypatch.setattr(queue, "_convert", taken_over_meanwhile)
    process_queue(portal, commit=transaction.savepoint, abort=lambda: None)
    assert (job["state"], job["worker"]) == ("converting", OTHER_WORKER)
