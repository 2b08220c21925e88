"""IMAP mailboxes of the Posteingang (accounts.py: one line each in the
control panel): every unread message becomes an Eingang, each exactly once
even if fetching is killed at any moment.

Per message, in one transaction: the Eingang (register remembers its
Message-ID) and the message's (UIDVALIDITY, UID) in the site's records of
that mailbox. Only after the commit is the message flagged \\Seen on the
server. A crash before the commit leaves nothing (the message is fetched
again); a crash after it leaves an unread message the records know, which
the next round only flags. A message also known by its Message-ID (the
same mail in two mailboxes, a mailbox recreated with a new UIDVALIDITY) is
not taken again either. Refused messages are recorded in the intake
protocol and flagged \\Seen and \\Flagged: not tried again, not deleted.

The mailboxes are the portal's: a person reading them in a mail program
marks messages read, which the Posteingang then leaves alone."""

import datetime
import imaplib
import logging
import time
from collections import Counter

from BTrees.OOBTree import OOBTree
from plone import api
from ZODB.POSException import ConflictError
from zope.annotation.interfaces import IAnnotations

from mittelangeln.policy import settings
from mittelangeln.policy.i18n import TranslatedError
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.posteingang import protocol
from mittelangeln.policy.posteingang.files import IntakeRefused
from mittelangeln.policy.posteingang.mail.accounts import AccountError
from mittelangeln.policy.posteingang.mail.accounts import parse_account
from mittelangeln.policy.posteingang.mail.parse import CHANNEL
from mittelangeln.policy.posteingang.mail.parse import ZONE
from mittelangeln.policy.posteingang.mail.take import check_size
from mittelangeln.policy.posteingang.mail.take import take_message


logger = logging.getLogger(__name__)

KEY = "mittelangeln.policy.posteingang.imap"
TIMEOUT = 60  # seconds for connecting and each answer of the server
TAKEN = "(\\Seen)"
REFUSED = "(\\Seen \\Flagged)"


class MailboxError(TranslatedError, RuntimeError):
    """A mailbox that cannot be read now (server away, login refused, …)."""


def fetch_all(commit, abort):
    """One round over every configured mailbox; returns the summed counts.
    A mailbox that fails is logged and skipped; the others are read."""
    totals = Counter()
    for line in settings.posteingang_imap_accounts():
        try:
            totals.update(fetch_mailbox(line, commit, abort))
        except (AccountError, MailboxError) as error:
            abort()
            logger.warning("IMAP: %s", error)
            totals["errors"] += 1
    return dict(totals)


def fetch_mailbox(url, commit, abort, limit=None):
    """Take the unread messages (at most ``limit``) of the mailbox ``url``
    (a mailbox line); returns counts: taken, known, refused, failed."""
    account = parse_account(url)
    counts = {"taken": 0, "known": 0, "refused": 0, "failed": 0}
    connection = connect(account)
    try:
        uidvalidity = select(connection, account)
        for uid in unread(connection, account)[:limit]:
            outcome = take_uid(connection, account, uidvalidity, uid, commit, abort)
            counts[outcome] += 1
    except (imaplib.IMAP4.error, OSError) as error:
        abort()
        raise MailboxError(
            _("The mailbox ${account} failed: ${error}", mapping={"account": str(account), "error": str(error)})
        ) from None
    finally:
        logout(connection)
    return counts


def connect(account):
    try:
        if account.tls:
            connection = imaplib.IMAP4_SSL(account.host, account.port, timeout=TIMEOUT)
        else:
            connection = imaplib.IMAP4(account.host, account.port, timeout=TIMEOUT)
    except OSError as error:
        raise MailboxError(
            _(
                "The mail server of ${account} cannot be reached: ${error}",
                mapping={"account": str(account), "error": str(error)},
            )
        ) from None
    try:
        connection.login(account.user, account.password)
    except (imaplib.IMAP4.error, OSError):
        logout(connection)
        raise MailboxError(_("The mailbox ${account} refused the login.", mapping={"account": str(account)})) from None
    return connection


def logout(connection):
    try:
        connection.logout()
    except Exception:  # the connection is gone already
        pass


def quoted(folder):
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def select(connection, account):
    status, _data = connection.select(quoted(account.folder))
    if status != "OK":
        raise MailboxError(_("The mailbox ${account} has no such folder.", mapping={"account": str(account)}))
    return int(connection.response("UIDVALIDITY")[1][0])


def unread(connection, account):
    status, data = connection.uid("SEARCH", None, "UNSEEN")
    if status != "OK":
        raise MailboxError(_("The mailbox ${account} cannot be searched.", mapping={"account": str(account)}))
    return sorted(int(uid) for uid in b" ".join(item for item in data if item).split())


def records(account, create=False):
    """(UIDVALIDITY, UID) → Eingangsnummer (or "") of the mailbox's messages taken or refused."""
    annotations = IAnnotations(api.portal.get())
    if KEY not in annotations:
        if not create:
            return {}
        annotations[KEY] = OOBTree()
    mailboxes = annotations[KEY]
    if account.key not in mailboxes:
        if not create:
            return {}
        mailboxes[account.key] = OOBTree()
    return mailboxes[account.key]


def take_uid(connection, account, uidvalidity, uid, commit, abort):
    """Take one message; returns the count it belongs to."""
    if (uidvalidity, uid) in records(account):
        flag(connection, uid, TAKEN)  # committed before, the flag was lost
        return "known"
    source = translate(_("Mailbox ${account}, message ${uid}", mapping={"account": str(account), "uid": uid}))
    try:
        size, received = message_facts(connection, uid)
        check_size(size)
        raw = message_bytes(connection, uid)
        if raw is None:  # removed from the mailbox meanwhile
            return "failed"
        eingang, new = take_message(raw, source, received)
        records(account, create=True)[(uidvalidity, uid)] = eingang.eingangsnummer
        commit()
    except IntakeRefused as refusal:
        abort()
        return refuse(connection, account, uidvalidity, uid, source, refusal, commit, abort)
    except ConflictError:  # another process took it at the same time
        abort()
        return "failed"
    except (imaplib.IMAP4.error, OSError):
        abort()
        raise
    except Exception:
        abort()
        logger.exception("IMAP %s: message %s not taken, tried again next round", account, uid)
        return "failed"
    flag(connection, uid, TAKEN)
    return "taken" if new else "known"


def refuse(connection, account, uidvalidity, uid, source, refusal, commit, abort):
    """Record the refusal (protocol and the mailbox's records), then flag it."""
    try:
        protocol.refused(CHANNEL, source, refusal.args[0])
        records(account, create=True)[(uidvalidity, uid)] = ""
        commit()
    except ConflictError:
        abort()
        return "failed"
    flag(connection, uid, REFUSED)
    return "refused"


def message_facts(connection, uid):
    """(size in bytes, INTERNALDATE as naive German time or None)."""
    status, data = connection.uid("FETCH", str(uid), "(RFC822.SIZE INTERNALDATE)")
    answer = b" ".join(part if isinstance(part, bytes) else b" ".join(part) for part in data or [] if part)
    size = 0
    if b"RFC822.SIZE " in answer:
        size = int(answer.split(b"RFC822.SIZE ")[1].split()[0].strip(b")"))
    moment = imaplib.Internaldate2tuple(answer) if b"INTERNALDATE" in answer else None
    received = None
    if moment is not None:
        received = datetime.datetime.fromtimestamp(time.mktime(moment), ZONE).replace(tzinfo=None)
    return size, received


def message_bytes(connection, uid):
    """The whole message, read without setting \\Seen (BODY.PEEK)."""
    status, data = connection.uid("FETCH", str(uid), "(BODY.PEEK[])")
    if status != "OK":
        return None
    for part in data or []:
        if isinstance(part, tuple) and len(part) == 2:
            return part[1]
    return None


def flag(connection, uid, flags):
    connection.uid("STORE", str(uid), "+FLAGS.SILENT", flags)
