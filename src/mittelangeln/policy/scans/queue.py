"""Conversion queue: PDFs are converted after the upload, not during it.

Jobs live in the ZODB (a BTree annotated on the site, keyed by the Dokument's
UID), so they survive restarts and are shared by every process on the same
database (FileStorage now, RelStorage when scaled out). A job is claimed in
a transaction of its own; two workers claiming the same job conflict and the
loser moves on. States: pending → converting → done | failed (with reason).
A job left in "converting" by a process that died is taken up again after
STALE_AFTER.
"""

import datetime
import logging

from BTrees.OOBTree import OOBTree
from collective.documentviewer.convert import Converter
from collective.documentviewer.settings import Settings
from persistent.mapping import PersistentMapping
from plone import api
from ZODB.POSException import ConflictError
from zope.annotation.interfaces import IAnnotations

logger = logging.getLogger(__name__)

QUEUE_KEY = "mittelangeln.policy.conversion_queue"
PENDING = "pending"
CONVERTING = "converting"
DONE = "done"
FAILED = "failed"
STALE_AFTER = datetime.timedelta(minutes=30)


def _now():
    return datetime.datetime.now(datetime.timezone.utc)


def jobs(portal):
    annotations = IAnnotations(portal)
    if QUEUE_KEY not in annotations:
        annotations[QUEUE_KEY] = OOBTree()
    return annotations[QUEUE_KEY]


def enqueue(dokument):
    """Queue (again) the conversion of ``dokument``; returns the job."""
    job = PersistentMapping(state=PENDING, reason="", queued=_now(), changed=_now())
    jobs(api.portal.get())[api.content.get_uuid(dokument)] = job
    return job


def job_for(dokument):
    store = IAnnotations(api.portal.get()).get(QUEUE_KEY)
    return store.get(api.content.get_uuid(dokument)) if store is not None else None


def _runnable(job, now):
    return job["state"] == PENDING or (job["state"] == CONVERTING and now - job["changed"] > STALE_AFTER)


def process_queue(portal, commit, limit=None):
    """Convert queued Dokumente one by one; ``commit`` ends each step
    (transaction.commit in the worker, a savepoint in tests). Returns the
    number of jobs handled."""
    store = jobs(portal)
    handled = 0
    for uid in list(store.keys()):
        if limit is not None and handled >= limit:
            break
        job = store.get(uid)
        if job is None or not _runnable(job, _now()):
            continue
        job.update(state=CONVERTING, changed=_now())
        try:
            commit()
        except ConflictError:
            logger.info("conversion job %s taken by another worker", uid)
            continue
        _convert(portal, uid, job)
        commit()
        handled += 1
    return handled


def _convert(portal, uid, job):
    dokument = api.content.get(UID=uid)
    if dokument is None:
        job.update(state=FAILED, reason="Dokument nicht mehr vorhanden", changed=_now())
        return
    try:
        Converter(dokument)()
    except ConflictError:
        raise
    except Exception as error:  # any failure is reported on the job, not lost
        logger.exception("conversion of %s failed", uid)
        job.update(state=FAILED, reason=str(error) or error.__class__.__name__, changed=_now())
        return
    settings = Settings(dokument)
    if settings.successfully_converted:
        job.update(state=DONE, reason="", changed=_now())
    else:
        job.update(state=FAILED, reason=settings.exception_msg or "Konvertierung fehlgeschlagen", changed=_now())
