"""The conversion queue keeps unfinished jobs apart, so a worker round does
not walk every Dokument ever converted."""

import pytest
import transaction
from plone import api
from plone.app.workflow.events import LocalrolesModifiedEvent
from plone.namedfile.file import NamedBlobFile
from zope.annotation.interfaces import IAnnotations
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

from mittelangeln.policy.dokumente.queue import OPEN_KEY
from mittelangeln.policy.dokumente.queue import job_for
from mittelangeln.policy.dokumente.queue import open_jobs
from mittelangeln.policy.dokumente.queue import process_queue
from mittelangeln.policy.textpdf import text_pdf


# Converts documents with tesseract: left out by `make test-quick`.
pytestmark = pytest.mark.ocr


def add_pdf(container, id, data):
    return api.content.create(
        container=container,
        type="Dokument",
        id=id,
        title=id,
        file=NamedBlobFile(data, contentType="application/pdf", filename=f"{id}.pdf"),
    )


def test_finished_jobs_leave_the_open_set(portal, vorgang):
    good = add_pdf(vorgang, "gut", text_pdf([["Kanalanschluss genehmigt"]]))
    broken = add_pdf(vorgang, "kaputt", b"%PDF-1.4 kein echtes PDF")
    uids = {api.content.get_uuid(good), api.content.get_uuid(broken)}
    assert set(open_jobs(portal)) == uids
    assert process_queue(portal, commit=transaction.savepoint) == 2
    assert list(open_jobs(portal)) == []
    assert (job_for(good)["state"], job_for(broken)["state"]) == ("done", "failed")
    assert process_queue(portal, commit=transaction.savepoint) == 0


def test_open_set_is_built_for_queues_from_before_it(portal, vorgang):
    queued = add_pdf(vorgang, "alt", text_pdf([["Altbestand"]]))
    del IAnnotations(portal)[OPEN_KEY]
    assert list(open_jobs(portal)) == [api.content.get_uuid(queued)]
    assert process_queue(portal, commit=transaction.savepoint) == 1
    assert job_for(queued)["state"] == "done"


def test_sharing_a_dokument_does_not_convert_it_again(portal, vorgang):
    dokument = add_pdf(vorgang, "geteilt", text_pdf([["Freigabe"]]))
    process_queue(portal, commit=transaction.savepoint)
    assert job_for(dokument)["state"] == "done"
    notify(LocalrolesModifiedEvent(dokument, dokument.REQUEST))
    assert job_for(dokument)["state"] == "done"
    notify(ObjectModifiedEvent(dokument))  # an edit that may have changed the file does
    assert job_for(dokument)["state"] == "pending"
