"""Conversion queue: PDFs are converted after the upload, not during it.

Jobs live in the ZODB (a BTree annotated on the site, keyed by the Dokument's
UID), so they survive restarts and are shared by every process on the same
database (FileStorage now, RelStorage when scaled out). A second BTree holds
the UIDs of unfinished jobs, so a worker round costs the number of open jobs,
not the number of Dokumente ever converted.

A job is claimed in a transaction of its own; two workers claiming the same
job conflict and the loser moves on. States: pending → converting → done |
failed (with reason). A claim names its worker (claims.py); a job left in
"converting" by a worker whose heartbeat stopped (its process died) is taken
up again by another, a claim without a name (jobs claimed before names
existed) after STALE_AFTER. ``history`` lists who claimed and finished a job.
"""

import datetime
import logging

import transaction
from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from collective.documentviewer.convert import Converter
from collective.documentviewer.settings import Settings
from persistent.mapping import PersistentMapping
from plone import api
from Products.CMFCore.indexing import getQueue
from Products.CMFCore.indexing import processQueue
from ZODB.POSException import ConflictError
from zope.annotation.interfaces import IAnnotations

from mittelangeln.policy.dokumente import claims
from mittelangeln.policy.dokumente import pdfa
from mittelangeln.policy.i18n import _


logger = logging.getLogger(__name__)

QUEUE_KEY = "mittelangeln.policy.conversion_queue"
OPEN_KEY = "mittelangeln.policy.conversion_queue.open"
FAILED_KEY = "mittelangeln.policy.conversion_queue.failed"
PENDING = "pending"
CONVERTING = "converting"
DONE = "done"
FAILED = "failed"
# How a job's state reads on screens (status viewlet, Eingang).
STATE_LABELS = {
    PENDING: _("Conversion pending"),
    CONVERTING: _("Converting"),
    DONE: _("Converted"),
    FAILED: _("Conversion failed"),
}
STALE_AFTER = datetime.timedelta(minutes=30)
ATTEMPTS = 5


def _now():
    return datetime.datetime.now(datetime.timezone.utc)


def jobs(portal):
    annotations = IAnnotations(portal)
    if QUEUE_KEY not in annotations:
        annotations[QUEUE_KEY] = OOBTree()
    return annotations[QUEUE_KEY]


def open_jobs(portal):
    """UIDs of pending and converting jobs; built from the jobs on first use
    (databases queued before this index existed)."""
    annotations = IAnnotations(portal)
    if OPEN_KEY not in annotations:
        annotations[OPEN_KEY] = OOTreeSet(
            uid for uid, job in jobs(portal).items() if job["state"] in (PENDING, CONVERTING)
        )
    return annotations[OPEN_KEY]


def failed_jobs(portal):
    """UIDs of failed jobs (the backlog counts and lists them without walking
    every job ever queued); built from the jobs on first use."""
    annotations = IAnnotations(portal)
    if FAILED_KEY not in annotations:
        annotations[FAILED_KEY] = OOTreeSet(uid for uid, job in jobs(portal).items() if job["state"] == FAILED)
    return annotations[FAILED_KEY]


def enqueue(dokument):
    """Queue (again) the conversion of ``dokument``; returns the job."""
    portal = api.portal.get()
    uid = api.content.get_uuid(dokument)
    job = PersistentMapping(state=PENDING, reason="", queued=_now(), changed=_now())
    jobs(portal)[uid] = job
    open_jobs(portal).add(uid)
    failed = failed_jobs(portal)
    if uid in failed:
        failed.remove(uid)
    return job


def job_for(dokument):
    store = IAnnotations(api.portal.get()).get(QUEUE_KEY)
    return store.get(api.content.get_uuid(dokument)) if store is not None else None


def _runnable(job, now):
    if job["state"] == PENDING:
        return True
    if job["state"] != CONVERTING:
        return False
    if job.get("worker"):
        return claims.may_take_over(job["worker"])
    return now - job["changed"] > STALE_AFTER


def _note(job, event):
    """Add (time, worker, event) to the job's history."""
    job["history"] = (*job.get("history", ()), (_now(), claims.worker_name(), event))


def _finish(job, state, reason=""):
    job.update(state=state, reason=reason, changed=_now())
    _note(job, state)


def process_queue(portal, commit, abort=transaction.abort, limit=None):
    """Convert queued Dokumente one by one; ``commit`` ends each step
    (transaction.commit in the worker, a savepoint in tests). Returns the
    number of jobs handled."""
    handled = 0
    claims.beat()  # claims of this worker count as alive from the first one
    for uid in list(open_jobs(portal)):
        if limit is not None and handled >= limit:
            break
        job = jobs(portal).get(uid)
        if job is None or job["state"] in (DONE, FAILED):
            # Finished, but the process died before it left the open set.
            _in_own_transaction(lambda: _close(portal, uid), commit, abort, f"closing job {uid}")
            continue
        if not _runnable(job, _now()):
            continue
        if job["state"] == CONVERTING:
            logger.warning("conversion job %s: worker %s stopped, taken over", uid, job.get("worker"))
        job.update(state=CONVERTING, changed=_now(), worker=claims.worker_name())
        _note(job, CONVERTING)
        try:
            commit()
        except ConflictError:
            logger.info("conversion job %s taken by another worker", uid)
            abort()
            continue
        try:
            _convert(uid, job)
            commit()
        except ConflictError as error:
            # Someone changed the Dokument meanwhile: convert it again soon.
            logger.warning("conversion of %s conflicted, queued again: %s", uid, error)
            abort()
            # Only this worker's own claim goes back to the queue: another
            # worker may have taken the job over meanwhile and still run.
            if job["state"] == CONVERTING and job.get("worker") == claims.worker_name():
                job.update(state=PENDING, changed=_now())
                commit()
            continue
        _in_own_transaction(lambda: _close(portal, uid), commit, abort, f"closing job {uid}")
        _in_own_transaction(lambda: _index_text(uid), commit, abort, f"indexing the text of {uid}")
        _make_pdfa(uid, job, commit, abort)
        handled += 1
    return handled


def _convert(uid, job):
    dokument = api.content.get(UID=uid)
    if dokument is None:
        _finish(job, FAILED, "Dokument nicht mehr vorhanden")
        return
    processQueue()  # index what is pending, so that only the conversion's part is dropped below
    try:
        Converter(dokument)()
        # documentviewer reindexes the whole object; parallel workers would
        # conflict on the catalog and redo the OCR. _index_text indexes the
        # new page text in a transaction of its own instead.
        getQueue().clear()
    except ConflictError:
        raise
    except Exception as error:  # any failure is reported on the job, not lost
        logger.exception("conversion of %s failed", uid)
        _finish(job, FAILED, str(error) or error.__class__.__name__)
        return
    settings = Settings(dokument)
    if settings.successfully_converted:
        _finish(job, DONE)
    else:
        _finish(job, FAILED, settings.exception_msg or "Konvertierung fehlgeschlagen")


def _close(portal, uid):
    """A finished job leaves the open set; a failed one joins the failed set."""
    open_set = open_jobs(portal)
    if uid in open_set:
        open_set.remove(uid)
    job = jobs(portal).get(uid)
    if job is not None and job["state"] == FAILED:
        failed_jobs(portal).add(uid)


def _index_text(uid):
    dokument = api.content.get(UID=uid)
    if dokument is not None:
        dokument.reindexObject(idxs=["SearchableText"])


def _make_pdfa(uid, job, commit, abort):
    """The PDF/A copy of the new file version (pdfa.py), once per version.
    Its outcome goes to job["pdfa"] ("done" or "failed: …"); a failure leaves
    the viewer's conversion as it is."""
    dokument = api.content.get(UID=uid)
    if dokument is None or not pdfa.is_pdf_file(dokument.file):
        return
    try:
        with pdfa.conversion(dokument) as converted:

            def store():
                converted.store()
                job["pdfa"] = DONE

            _in_own_transaction(store, commit, abort, f"storing the PDF/A copy of {uid}")
    except ConflictError as error:
        # Made on demand when the Aussonderung needs it (pdfa.pdfa_copy).
        logger.info("PDF/A copy of %s conflicted, left for later: %s", uid, error)
        abort()
    except Exception as error:  # noted on the job like the viewer's failures
        if not isinstance(error, pdfa.PdfaError):
            logger.exception("PDF/A copy of %s failed", uid)
        reason = f"{FAILED}: {str(error) or error.__class__.__name__}"
        _in_own_transaction(lambda: job.update(pdfa=reason), commit, abort, f"noting the PDF/A failure of {uid}")


def _in_own_transaction(step, commit, abort, what):
    """Follow-up steps of a conversion, each committed on its own: parallel
    workers conflict now and then on the open set's buckets and on the
    catalog's text index, and a retry must not repeat the OCR."""
    for attempt in range(1, ATTEMPTS + 1):
        step()
        try:
            commit()
            return
        except ConflictError:
            abort()
            logger.info("%s conflicted (attempt %d)", what, attempt)
    logger.error("%s failed after %d attempts", what, ATTEMPTS)
