"""Conversion jobs in every state, made by the queue itself: PDFs waiting,
one claimed by a worker that died before converting it, one that failed
(no real PDF: the conversion stops before any OCR)."""

import pytest
import transaction
from plone import api
from plone.namedfile.file import NamedBlobFile

from mittelangeln.policy.dokumente.queue import job_for
from mittelangeln.policy.dokumente.queue import process_queue
from mittelangeln.policy.textpdf import text_pdf


class WorkerDied(Exception):
    """The worker's process ends right after it claimed a job."""


def add_pdf(container, id, data):
    return api.content.create(
        container=container,
        type="Dokument",
        id=id,
        title=id.capitalize(),
        file=NamedBlobFile(data, contentType="application/pdf", filename=f"{id}.pdf"),
    )


def die_after_claim():
    transaction.savepoint()
    raise WorkerDied


def queue_jobs(vorgang):
    """{"failed": …, "running": …, "pending": [oldest, newer]}: Dokumente
    whose jobs are in these states."""
    broken = add_pdf(vorgang, "kaputt", b"%PDF-1.4 kein echtes PDF")
    assert process_queue(api.portal.get(), commit=transaction.savepoint) == 1
    assert job_for(broken)["state"] == "failed"
    page = text_pdf([["Lageplan Dorfstrasse 12"]])
    claimed = add_pdf(vorgang, "angefangen", page)
    with pytest.raises(WorkerDied):
        process_queue(api.portal.get(), commit=die_after_claim, limit=1)
    assert job_for(claimed)["state"] == "converting"
    older = add_pdf(vorgang, "bauantrag", page)
    newer = add_pdf(vorgang, "nachtrag", page)
    return {"failed": broken, "running": claimed, "pending": [older, newer]}


@pytest.fixture
def queued(vorgang):
    return queue_jobs(vorgang)
