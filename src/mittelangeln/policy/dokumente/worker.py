"""Background thread of each portal process that works off the conversion
queue (scans/queue.py) of every Plone site in the database."""

import logging
import os
import threading

import transaction
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from AccessControl.SpecialUsers import system
from Products.CMFPlone.interfaces import IPloneSiteRoot
from Testing.makerequest import makerequest
from zope.annotation.interfaces import IAnnotations
from zope.component.hooks import setSite
from zope.globalrequest import clearRequest
from zope.globalrequest import setRequest

from mittelangeln.policy.dokumente.claims import Heartbeat
from mittelangeln.policy.dokumente.queue import QUEUE_KEY
from mittelangeln.policy.dokumente.queue import process_queue


logger = logging.getLogger(__name__)

ENABLED_VARIABLE = "MITTELANGELN_CONVERSION_WORKER"
INTERVAL_VARIABLE = "MITTELANGELN_CONVERSION_INTERVAL"
THREADS_VARIABLE = "MITTELANGELN_CONVERSION_THREADS"
# The workers this process started (worker_state reads them).
STARTED = []
OFF = "off"
ALIVE = "alive"
DEAD = "dead"


class ConversionWorker(threading.Thread):
    def __init__(self, db, interval, number=1):
        super().__init__(name=f"mittelangeln-conversion-{number}", daemon=True)
        self.db = db
        self.interval = interval
        self.stopping = threading.Event()

    def run(self):
        logger.info("conversion worker started (every %s s)", self.interval)
        while not self.stopping.wait(self.interval):
            try:
                self.work_once()
            except Exception:  # keep the worker alive; the job records the failure
                logger.exception("conversion worker round failed")

    def work_once(self):
        """One round over every site's queue; returns the jobs handled."""
        # The thread's default transaction manager: Plone's indexing queue
        # and other data managers join that one, so commits flush them.
        manager = transaction.manager
        connection = self.db.open()
        handled = 0
        try:
            manager.begin()
            app = makerequest(connection.root()["Application"])
            setRequest(app.REQUEST)
            newSecurityManager(None, system)
            for site in app.objectValues():
                if IPloneSiteRoot.providedBy(site) and QUEUE_KEY in IAnnotations(site):
                    setSite(site)
                    handled += process_queue(site, commit=manager.commit, abort=manager.abort)
            manager.abort()
            return handled
        finally:
            noSecurityManager()
            setSite(None)
            clearRequest()
            connection.close()


def start_worker(event):
    """IProcessStarting: the portal server (not `bin/instance run`) starts
    $MITTELANGELN_CONVERSION_THREADS workers (default 1) unless
    $MITTELANGELN_CONVERSION_WORKER is 0."""
    if os.environ.get(ENABLED_VARIABLE, "1") == "0":
        logger.info("conversion worker disabled by %s=0", ENABLED_VARIABLE)
        return
    import Zope2

    interval = float(os.environ.get(INTERVAL_VARIABLE, "5"))
    Heartbeat().start()
    for number in range(1, int(os.environ.get(THREADS_VARIABLE, "1")) + 1):
        worker = ConversionWorker(Zope2.DB, interval, number)
        worker.start()
        STARTED.append(worker)


def worker_state():
    """OFF when this process runs no worker, ALIVE when all its worker
    threads run, DEAD when one of them has ended."""
    if not STARTED:
        return OFF
    return ALIVE if all(worker.is_alive() for worker in STARTED) else DEAD
