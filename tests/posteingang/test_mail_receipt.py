"""The receipt for the sender of an e-mail, received by a real SMTP server
(aiosmtpd); none for automatic mail or the Amt's own addresses."""

import os
import time

import pytest
import transaction
from plone import api

from mittelangeln.policy.posteingang.mail.maildrop import SETTLE_SECONDS
from mittelangeln.policy.posteingang.mail.maildrop import poll_maildrop
from mittelangeln.policy.site.mail import apply_mail_settings
from mittelangeln.policy.testing.helpers import as_conversion_worker
from mittelangeln.policy.testing.helpers import body_text
from mittelangeln.policy.testing.helpers import decoded
from mittelangeln.policy.testing.helpers import mail_environment
from tests.posteingang.mail_messages import make_message


@pytest.fixture
def mail(functional_portal, smtp_server, tmp_path):
    """Receipts on, the portal's mail to the test's SMTP server; returns
    (inbox, deliver) where deliver(raw) drops and takes one message."""
    inbox, port = smtp_server
    apply_mail_settings(mail_environment(port, sender="posteingang@amt-mittelangeln.de"))
    api.portal.set_registry_record("mittelangeln.posteingang_receipt", True)
    transaction.commit()
    folder = tmp_path / "mails"
    folder.mkdir()

    def deliver(raw, name="nachricht.eml"):
        path = folder / name
        path.write_bytes(raw)
        then = time.time() - SETTLE_SECONDS - 5
        os.utime(path, (then, then))
        with as_conversion_worker():
            return poll_maildrop(str(folder), transaction.commit, transaction.abort)

    return inbox, deliver


def test_the_sender_gets_a_receipt_with_the_eingangsnummer(functional_portal, mail):
    inbox, deliver = mail
    assert deliver(make_message())["taken"] == 1
    [eingang] = functional_portal["posteingang"].objectValues()
    number, eingangsdatum = eingang.eingangsnummer, eingang.eingangsdatum
    [receipt] = inbox.wait_for(1)
    assert receipt["To"] == "joerg.mueller@example.org"
    assert decoded(receipt["Subject"]) == f"Eingangsbestätigung: {number}"
    assert receipt["Auto-Submitted"] == "auto-replied"
    assert receipt["In-Reply-To"] == "<bauantrag-1@example.org>"
    assert "posteingang@amt-mittelangeln.de" in receipt["From"]
    text = " ".join(body_text(receipt).split())
    day, time_of_day = eingangsdatum.strftime("%d.%m.%Y"), eingangsdatum.strftime("%H:%M")
    assert (
        f"Ihre Nachricht „Bauantrag Mühlenweg 3“ ist am {day} um {time_of_day} Uhr als {number} bei uns eingegangen."
        in text
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"headers": {"Auto-Submitted": "auto-replied"}},
        {"headers": {"Precedence": "bulk"}},
        {"headers": {"List-Id": "<rundbrief.example.org>"}},
        {"headers": {"X-Auto-Response-Suppress": "All"}},
        {"sender": ("Amt", "info@amt-mittelangeln.de")},
        {"sender": ("Bauamt", "bauamt@verwaltung.amt-mittelangeln.de")},
        {"sender": ("", "MAILER-DAEMON@example.org")},
        {"sender": ("Shop", "no-reply@example.org")},
    ],
)
def test_no_receipt_for_automatic_mail_or_own_addresses(mail, changes):
    inbox, deliver = mail
    assert deliver(make_message(**changes))["taken"] == 1
    assert inbox.wait_for(1, seconds=2) == []


def test_no_receipt_when_switched_off(mail):
    inbox, deliver = mail
    api.portal.set_registry_record("mittelangeln.posteingang_receipt", False)
    transaction.commit()
    assert deliver(make_message())["taken"] == 1
    assert inbox.wait_for(1, seconds=2) == []


def test_no_second_receipt_for_the_same_message(mail):
    inbox, deliver = mail
    deliver(make_message(), "a.eml")
    assert deliver(make_message(), "b.eml")["known"] == 1
    assert len(inbox.wait_for(2, seconds=2)) == 1
