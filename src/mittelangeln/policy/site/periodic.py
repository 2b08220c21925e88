"""The portal's periodic tasks: a background thread of each portal process
that, every few seconds, takes in what the intake channels delivered (scan
hot folder, e-mail drop directory, IMAP mailboxes), retrains the routing
suggestion when enough new decisions came in, and sends the day's
Wiedervorlage digests, for every Plone site in the database.

Each task runs as the system user in transactions of its own (it commits
per item) and is isolated from the others: one failing task is logged and
the next one runs. Several processes on one database may run the tasks at
the same time; every task claims its work in the ZODB (or by renaming a
file) so nothing is taken twice.
"""

import logging
import os
import threading

import transaction
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from AccessControl.SpecialUsers import system
from Products.CMFPlone.interfaces import IPloneSiteRoot
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.globalrequest import clearRequest
from zope.globalrequest import setRequest

from mittelangeln.policy import settings
from mittelangeln.policy.posteingang.mail.imap import fetch_all
from mittelangeln.policy.posteingang.mail.maildrop import poll_maildrop
from mittelangeln.policy.posteingang.scans.hotfolder import poll_hotfolder
from mittelangeln.policy.posteingang.suggestion.training import maybe_train
from mittelangeln.policy.wiedervorlage.digest import send_due_digests


logger = logging.getLogger(__name__)

ENABLED_VARIABLE = "MITTELANGELN_PERIODIC_TASKS"
INTERVAL_VARIABLE = "MITTELANGELN_PERIODIC_INTERVAL"


def _hot_folder(site, commit, abort):
    # A directory that does not exist (relative to the working directory)
    # is not watched: the channel is off.
    return poll_hotfolder(settings.posteingang_hotfolder(), commit, abort)


def _mail_drop(site, commit, abort):
    return poll_maildrop(settings.posteingang_maildrop(), commit, abort)


def _mailboxes(site, commit, abort):
    return fetch_all(commit, abort) if settings.posteingang_imap_accounts() else None


def _routing_model(site, commit, abort):
    return maybe_train(site)


def _digests(site, commit, abort):
    return send_due_digests(site, commit=commit, abort=abort)


TASKS = (
    ("scan hot folder", _hot_folder),
    ("e-mail drop directory", _mail_drop),
    ("IMAP mailboxes", _mailboxes),
    ("routing suggestion", _routing_model),
    ("Wiedervorlage digests", _digests),
)


def run_tasks(db, tasks=TASKS):
    """One round of ``tasks`` over every site of ``db``."""
    manager = transaction.manager
    connection = db.open()
    try:
        manager.begin()
        app = makerequest(connection.root()["Application"])
        setRequest(app.REQUEST)
        newSecurityManager(None, system)
        for site in app.objectValues():
            if not IPloneSiteRoot.providedBy(site):
                continue
            setSite(site)
            for name, task in tasks:
                try:
                    task(site, manager.commit, manager.abort)
                    manager.commit()
                except Exception:  # one broken task must not stop the others
                    manager.abort()
                    logger.exception("periodic task %r failed in %s", name, site.getId())
        manager.abort()
    finally:
        noSecurityManager()
        setSite(None)
        clearRequest()
        connection.close()


class PeriodicTasks(threading.Thread):
    def __init__(self, db, interval):
        super().__init__(name="mittelangeln-periodic", daemon=True)
        self.db = db
        self.interval = interval
        self.stopping = threading.Event()

    def run(self):
        logger.info("periodic tasks started (every %s s)", self.interval)
        while not self.stopping.wait(self.interval):
            try:
                run_tasks(self.db)
            except Exception:
                logger.exception("periodic tasks round failed")


def start_periodic_tasks(event):
    """IProcessStarting: the portal server (not `bin/instance run`) runs the
    periodic tasks unless $MITTELANGELN_PERIODIC_TASKS is 0; every
    $MITTELANGELN_PERIODIC_INTERVAL seconds (default 10)."""
    if os.environ.get(ENABLED_VARIABLE, "1") == "0":
        logger.info("periodic tasks disabled by %s=0", ENABLED_VARIABLE)
        return
    import Zope2

    PeriodicTasks(Zope2.DB, float(os.environ.get(INTERVAL_VARIABLE, "10"))).start()
