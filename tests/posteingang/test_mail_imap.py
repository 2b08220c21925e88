"""IMAP intake against a real IMAP server started by the test (dovecot,
tests/posteingang/dovecot.py): messages with attachments become Eingänge,
each exactly once; refused ones are reported and flagged, not retried."""

import pytest
import transaction
from plone import api

from mittelangeln.policy.posteingang import protocol
from mittelangeln.policy.posteingang.mail.accounts import AccountError
from mittelangeln.policy.posteingang.mail.accounts import parse_account
from mittelangeln.policy.posteingang.mail.imap import MailboxError
from mittelangeln.policy.posteingang.mail.imap import fetch_all
from mittelangeln.policy.posteingang.mail.imap import fetch_mailbox
from mittelangeln.policy.posteingang.mail.imap import records
from mittelangeln.policy.testing.helpers import as_conversion_worker
from mittelangeln.policy.testing.helpers import image_bytes
from tests.posteingang.dovecot import dovecot  # noqa: F401 (fixture)
from tests.posteingang.mail_messages import make_message


def fetch(url, **options):
    with as_conversion_worker():
        return fetch_mailbox(url, transaction.commit, transaction.abort, **options)


def eingaenge(portal):
    return sorted(portal["posteingang"].objectValues(), key=lambda eingang: eingang.eingangsnummer)


def numbered(count, **changes):
    return [
        make_message(
            subject=f"Nachricht {number}", message_id=f"<n{number}@example.org>", body=f"Text {number}", **changes
        )
        for number in range(1, count + 1)
    ]


def test_messages_with_attachments_become_eingaenge(functional_portal, dovecot, letter_pdf):  # noqa: F811
    dovecot.deliver(
        "posteingang",
        make_message(
            attachments=[
                ("antrag.pdf", letter_pdf, "application/pdf"),
                ("lageplan.png", image_bytes("PNG"), "image/png"),
            ]
        ),
        make_message(subject="Frage zur Hundesteuer", message_id="<hund@example.org>", sender=("", "k@example.net")),
    )
    assert fetch(dovecot.url("posteingang")) == {"taken": 2, "known": 0, "refused": 0, "failed": 0}
    bau, hund = eingaenge(functional_portal)
    assert (bau.channel, bau.Title(), bau.sender_name, bau.sender_email) == (
        "email",
        "Bauantrag Mühlenweg 3",
        "Jörg Müller",
        "joerg.mueller@example.org",
    )
    assert [(item.title, item.kind, item.file.contentType) for item in bau.objectValues()] == [
        ("E-Mail Bauantrag Mühlenweg 3.pdf", "eingang", "application/pdf"),
        ("antrag.pdf", "anlage", "application/pdf"),
        ("lageplan.png", "anlage", "image/png"),
    ]
    assert bau.objectValues()[1].file.data == letter_pdf
    assert (hund.Title(), hund.sender_email, hund.message_id) == (
        "Frage zur Hundesteuer",
        "k@example.net",
        "<hund@example.org>",
    )
    assert bau.eingangsdatum.date() == hund.eingangsdatum.date()  # the server's arrival, not the Date header
    assert all(flags == {"\\Seen"} for flags in dovecot.flags("posteingang").values())


def test_fetching_again_takes_nothing_twice(functional_portal, dovecot):  # noqa: F811
    dovecot.deliver("posteingang", *numbered(3))
    assert fetch(dovecot.url("posteingang"))["taken"] == 3
    assert fetch(dovecot.url("posteingang")) == {"taken": 0, "known": 0, "refused": 0, "failed": 0}
    dovecot.deliver("posteingang", *numbered(4))  # 1 to 3 once more, 4 new
    assert fetch(dovecot.url("posteingang")) == {"taken": 1, "known": 3, "refused": 0, "failed": 0}
    assert [eingang.Title() for eingang in eingaenge(functional_portal)] == [f"Nachricht {n}" for n in range(1, 5)]


def test_a_message_committed_but_not_flagged_is_only_flagged(functional_portal, dovecot):  # noqa: F811
    """The fetch died between the commit and flagging \\Seen."""
    dovecot.deliver("posteingang", *numbered(2))
    fetch(dovecot.url("posteingang"))
    with dovecot.client("posteingang") as client:
        client.uid("STORE", "1:*", "-FLAGS.SILENT", "(\\Seen)")
    assert fetch(dovecot.url("posteingang")) == {"taken": 0, "known": 2, "refused": 0, "failed": 0}
    assert len(eingaenge(functional_portal)) == 2
    assert all(flags == {"\\Seen"} for flags in dovecot.flags("posteingang").values())


def test_two_mailboxes_and_the_same_message_in_both(functional_portal, dovecot):  # noqa: F811
    api.portal.set_registry_record(
        "mittelangeln.posteingang_imap_accounts", [dovecot.url("posteingang"), dovecot.url("bauamt")]
    )
    transaction.commit()
    dovecot.deliver("posteingang", *numbered(2))
    dovecot.deliver("bauamt", make_message(subject="Bauamt direkt", message_id="<bau@example.org>"), numbered(1)[0])
    with as_conversion_worker():
        counts = fetch_all(transaction.commit, transaction.abort)
    assert counts == {"taken": 3, "known": 1, "refused": 0, "failed": 0}
    titles = [eingang.Title() for eingang in eingaenge(functional_portal)]
    assert sorted(titles) == ["Bauamt direkt", "Nachricht 1", "Nachricht 2"]
    assert len(records(parse_account(dovecot.url("bauamt")))) == 2


def test_refused_messages_are_reported_flagged_and_not_retried(functional_portal, dovecot):  # noqa: F811
    api.portal.set_registry_record("mittelangeln.posteingang_max_file_mb", 1)
    transaction.commit()
    big = make_message(attachments=[("gross.pdf", b"%PDF-1.4\n" + b"0" * 1024 * 1024, "application/pdf")])
    dovecot.deliver("posteingang", b"\x00\x01\x02 kein Kopf", big, numbered(1)[0])
    assert fetch(dovecot.url("posteingang")) == {"taken": 1, "known": 0, "refused": 2, "failed": 0}
    assert [eingang.Title() for eingang in eingaenge(functional_portal)] == ["Nachricht 1"]
    reasons = [entry["reason"] for entry in protocol.entries()]
    assert any(reason.startswith("Das ist keine E-Mail") for reason in reasons)
    assert "Die Datei „gross.pdf“ ist größer als 1 MB." in reasons
    assert all(entry["source"].startswith("Postfach imap://posteingang@127.0.0.1:") for entry in protocol.entries())
    assert dovecot.flags("posteingang") == {1: {"\\Seen", "\\Flagged"}, 2: {"\\Seen", "\\Flagged"}, 3: {"\\Seen"}}
    assert fetch(dovecot.url("posteingang")) == {"taken": 0, "known": 0, "refused": 0, "failed": 0}
    assert len(protocol.entries()) == 2


def test_a_wrong_password_gives_a_german_message_without_the_password(functional_portal, dovecot):  # noqa: F811
    url = dovecot.url("posteingang").replace("Post-Geheim-1", "falsch")
    with pytest.raises(MailboxError) as refused:
        fetch(url)
    assert (
        str(refused.value)
        == f"Das Postfach imap://posteingang@127.0.0.1:{dovecot.port}/INBOX hat die Anmeldung abgelehnt."
    )


def test_fetch_all_skips_a_broken_line_and_reads_the_others(functional_portal, dovecot):  # noqa: F811
    api.portal.set_registry_record(
        "mittelangeln.posteingang_imap_accounts", ["pop3://x:geheim@host/INBOX", dovecot.url("bauamt")]
    )
    transaction.commit()
    dovecot.deliver("bauamt", numbered(1)[0])
    with as_conversion_worker():
        assert fetch_all(transaction.commit, transaction.abort) == {
            "taken": 1,
            "known": 0,
            "refused": 0,
            "failed": 0,
            "errors": 1,
        }


def test_mailbox_lines_are_read_with_percent_encoding():
    account = parse_account("imaps://posteingang%40amt-mittelangeln.de:p%2Fw%40rt%25@mail.example.org/Eingang%20Bau")
    assert (account.user, account.password, account.host, account.port, account.folder, account.tls) == (
        "posteingang@amt-mittelangeln.de",
        "p/w@rt%",
        "mail.example.org",
        993,
        "Eingang Bau",
        True,
    )
    assert parse_account("imap://u:p@h").port == 143 and parse_account("imap://u:p@h").folder == "INBOX"


def test_bad_mailbox_lines_are_refused_in_german_without_the_password():
    for line, start in [
        ("pop3://u:geheim@host/INBOX", "Die Postfach-Zeile „pop3://u:***@host/INBOX“ muss mit imaps://"),
        ("imaps://host/INBOX", "Die Postfach-Zeile „imaps://host/INBOX“ braucht Benutzer, Passwort und Server"),
        ("imaps://u:geheim@host:99999/INBOX", "Die Postfach-Zeile „imaps://u:***@host:99999/INBOX“ ist keine"),
    ]:
        with pytest.raises(AccountError) as refused:
            parse_account(line)
        assert str(refused.value).startswith(start) and "geheim" not in str(refused.value)
