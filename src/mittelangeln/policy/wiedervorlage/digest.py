"""The daily digest: one e-mail per person and day listing the
Wiedervorlagen due (today and overdue) for them and their groups.

Exactly once per person and day, also across restarts and with several
portal processes on one database: a ledger in the site's annotations (an
OOBTree keyed (user id, ISO day)) records each digest. A process *claims* a
digest by adding its key and committing that in a transaction of its own
BEFORE it sends; a second process adding the same key gets a ConflictError
(BTrees refuse two inserts of one key) and leaves the digest to the first.

The two ways to die in between, and the side chosen:
- claimed, but the process died before sending: that day's digest is
  missing (the claim says "claimed", never "sent"). The items stay open,
  are listed on Meine Wiedervorlagen and in the next day's digest as
  overdue, so nothing is lost.
- sent, but the process died before recording "sent": the claim is already
  committed, so no one sends it again.
A missing mail rather than a doubled one: the promise is "once a day", a
reminder that comes twice teaches people to ignore it, and the next day's
digest repeats whatever is still open. Only when sending fails with an
error (relay down) is the claim given back, so a later round sends it.

Cheap when done: once a round found nothing left to send for the day, it
records the day, and later rounds (every few seconds) stop at that.
"""

import datetime
import logging

import transaction
from BTrees.OOBTree import OOBTree
from persistent.mapping import PersistentMapping
from plone import api
from ZODB.POSException import ConflictError
from zope.annotation.interfaces import IAnnotations

from mittelangeln.policy import settings
from mittelangeln.policy.wiedervorlage import digest_mail
from mittelangeln.policy.wiedervorlage.principals import members
from mittelangeln.policy.wiedervorlage.queries import due_principals
from mittelangeln.policy.wiedervorlage.queries import open_for
from mittelangeln.policy.wiedervorlage.store import local_now
from mittelangeln.policy.wiedervorlage.store import stamp


logger = logging.getLogger(__name__)

LEDGER_KEY = "mittelangeln.policy.wiedervorlage_digests"
DONE_DAY_KEY = "mittelangeln.policy.wiedervorlage_digests_done"
KEEP_DAYS = 31  # how long the ledger remembers a digest


def ledger(portal):
    """{(user id, ISO day): {claimed_at, sent_at}} of the site."""
    return IAnnotations(portal).get(LEDGER_KEY)


def sent_digest(portal, user_id, day):
    """The ledger's record of ``user_id``'s digest of ``day``, or None."""
    records = ledger(portal)
    return records.get((user_id, day.isoformat())) if records is not None else None


def _ensure_ledger(portal, commit, abort):
    annotations = IAnnotations(portal)
    if LEDGER_KEY in annotations:
        return True
    annotations[LEDGER_KEY] = OOBTree()
    return _commit(commit, abort)


def _commit(commit, abort):
    """Commit; False (and aborted) when another process got there first."""
    try:
        commit()
    except ConflictError:
        abort()
        return False
    return True


def send_due_digests(portal, today=None, commit=transaction.commit, abort=transaction.abort, now=None):
    """Send the digests of ``today`` not sent yet; return how many went out.

    ``today`` defaults to the day in the portal's time zone (Europe/Berlin),
    and then nothing is sent before the hour in the settings
    (``wiedervorlage_digest_hour``); a given ``today`` is sent at once.
    Commits in transactions of its own (claim, then record); the caller
    hands over a transaction with nothing else pending."""
    if today is None:
        now = now or local_now()
        if now.hour < settings.wiedervorlage_digest_hour():
            return 0
        today = now.date()
    annotations = IAnnotations(portal)
    if annotations.get(DONE_DAY_KEY) == today.isoformat():
        return 0
    if not _ensure_ledger(portal, commit, abort):
        return 0
    sent, complete = 0, True
    for user_id in sorted(recipients(today)):
        outcome = _send_one(portal, user_id, today, commit, abort)
        sent += outcome == "sent"
        complete = complete and outcome not in ("failed", "busy")
    if complete:
        annotations[DONE_DAY_KEY] = today.isoformat()
        forget_before(portal, today - datetime.timedelta(days=KEEP_DAYS))
        _commit(commit, abort)
    return sent


def recipients(today):
    """The users some Wiedervorlage due by ``today`` is for, groups resolved
    to their members (a member of two groups once)."""
    found = set()
    for principal in due_principals(today):
        found |= members(principal)
    return found


def _send_one(portal, user_id, today, commit, abort):
    """sent, skipped (nothing visible due, no address, or claimed before),
    busy (another process claimed it just now) or failed."""
    key = (user_id, today.isoformat())
    if key in ledger(portal):
        return "skipped"
    user = api.user.get(userid=user_id)
    email = user.getProperty("email") if user is not None else None
    if not email:
        logger.warning("Wiedervorlage digest: %s has no e-mail address", user_id)
        return "skipped"
    with api.env.adopt_user(user=user):
        pairs = open_for(user, until=today)  # the user's catalog security decides
        if not pairs:
            return "skipped"
        name = user.getProperty("fullname") or user_id
        subject, body = digest_mail.subject(pairs, today), digest_mail.body(name, pairs, today)
    ledger(portal)[key] = PersistentMapping(claimed_at=stamp(), sent_at=None)
    if not _commit(commit, abort):
        return "busy"  # another process claimed it and sends it; the next round looks again
    try:
        api.portal.send_email(recipient=email, subject=subject, body=body, immediate=True)
    except Exception:
        # Not handed to the relay: give the claim back for a later round.
        logger.exception("Wiedervorlage digest for %s not sent", user_id)
        abort()
        del ledger(portal)[key]
        _commit(commit, abort)
        return "failed"
    ledger(portal)[key]["sent_at"] = stamp()
    _commit(commit, abort)
    return "sent"


def forget_before(portal, day):
    """Drop the ledger's records of days before ``day`` (the ledger would
    otherwise grow by one record per person and working day)."""
    records = ledger(portal)
    if records is None:
        return 0
    old = [key for key in records.keys() if key[1] < day.isoformat()]
    for key in old:
        del records[key]
    return len(old)
