"""The receipt for the sender of an e-mail Eingang (if switched on in the
control panel, tab Posteingang): "Ihre Nachricht ist am … als E-2026-00017
eingegangen", sent through Plone's MailHost after the Eingang is committed.

No mail loops: no receipt to the Amt's own addresses (the domains of its
contact and sender addresses and of the mailboxes), to addresses that
take no answers (mailer-daemon, no-reply, …), or for automatic mail
(Auto-Submitted, Precedence bulk/list/junk, mailing lists, bounces, senders
asking for no automatic answers); the receipt itself says Auto-Submitted:
auto-replied (RFC 3834) so the other side's responders stay quiet."""

import logging
import re
from email.mime.text import MIMEText
from email.utils import formataddr
from email.utils import formatdate
from email.utils import make_msgid
from email.utils import parseaddr

import transaction
from plone import api

from mittelangeln.policy import settings
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.onlineforms.mails import mail_body
from mittelangeln.policy.posteingang.mail.accounts import own_addresses


logger = logging.getLogger(__name__)

NO_ANSWER = re.compile(
    r"^(mailer-daemon|postmaster|abuse|bounces?|no-?reply|do-?not-?reply|noreply[-.+].*|.*[-+.]bounces?|.*-noreply)$"
)
AUTOMATIC_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}
SUPPRESSING = {"all", "autoreply", "oof"}
LIST_HEADERS = ("List-Id", "List-Unsubscribe", "X-Autoreply", "X-Autorespond")


def is_automatic(headers):
    """Was the message sent by a machine (``headers``: parse.RECEIPT_HEADERS)?"""
    auto_submitted = headers.get("Auto-Submitted", "").split(";")[0].strip().lower()
    if auto_submitted and auto_submitted != "no":
        return True
    if headers.get("Precedence", "").strip().lower() in AUTOMATIC_PRECEDENCE:
        return True
    if any(headers.get(name) for name in LIST_HEADERS):
        return True
    suppress = {value.strip().lower() for value in headers.get("X-Auto-Response-Suppress", "").split(",")}
    if suppress & SUPPRESSING:
        return True
    return headers.get("Return-Path", "").strip() == "<>"


def own_domains():
    addresses = {
        settings.contact()["email"],
        api.portal.get_registry_record("plone.email_from_address", default="") or "",
        *own_addresses(settings.posteingang_imap_accounts()),
    }
    return {address.rpartition("@")[2].lower() for address in addresses if "@" in address}


def is_own(address):
    domain = address.rpartition("@")[2].lower()
    return any(domain == own or domain.endswith("." + own) for own in own_domains())


def receipt_wanted(eingang, delivery):
    address = (eingang.sender_email or "").lower()
    if not settings.posteingang_receipt() or delivery.channel != "email" or "@" not in address:
        return False
    if NO_ANSWER.match(address.rpartition("@")[0]) or is_own(address):
        return False
    return not is_automatic(delivery.extra.get("headers", {}))


def send_receipt(eingang, delivery):
    """Send the receipt once the transaction with ``eingang`` is committed;
    returns whether one goes out."""
    if not receipt_wanted(eingang, delivery):
        return False
    message = receipt_message(eingang, delivery)
    transaction.get().addAfterCommitHook(_send_if_committed, args=(message, eingang.sender_email))
    return True


def receipt_message(eingang, delivery):
    received = eingang.eingangsdatum
    number = eingang.eingangsnummer
    lines = [
        translate(
            _(
                "your message “${subject}” was received on ${date} at ${time} as ${number}.",
                mapping={
                    "subject": eingang.Title(),
                    "date": received.strftime("%d.%m.%Y"),
                    "time": received.strftime("%H:%M"),
                    "number": number,
                },
            )
        ),
        translate(_("Please give this number whenever you contact us about it.")),
        "",
        translate(_("This receipt was sent automatically.")),
    ]
    message = MIMEText(mail_body(lines), "plain", "utf-8")
    message["Subject"] = translate(_("Received: ${reference}", mapping={"reference": number}))
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=_sender()[1].rpartition("@")[2] or None)
    message["Auto-Submitted"] = "auto-replied"
    if delivery.message_id and not delivery.message_id.endswith("@posteingang.invalid>"):
        message["In-Reply-To"] = delivery.message_id
        message["References"] = delivery.message_id
    return message


def _sender():
    name = api.portal.get_registry_record("plone.email_from_name", default="") or ""
    address = api.portal.get_registry_record("plone.email_from_address", default="") or ""
    return name, address


def _send_if_committed(committed, message, recipient):
    """The Eingang is stored; a mail server that is down costs only the receipt (logged)."""
    if not committed:
        return
    name, address = _sender()
    sender = formataddr((name, address))
    if parseaddr(sender)[1] != address:
        sender = address
    try:
        api.portal.get_tool("MailHost").send(
            message, mto=recipient, mfrom=sender, subject=message["Subject"], charset="utf-8", immediate=True
        )
    except Exception:  # after the commit nothing is left to roll back
        logger.exception("No receipt to %s", recipient)
