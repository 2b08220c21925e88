"""Mail goes out through the SMTP server configured from the environment."""

from mittelangeln.policy.mail import apply_mail_settings
from plone import api

from email.header import decode_header
from email.header import make_header


def test_mail_reaches_configured_smtp_server(portal, smtp_server):
    inbox, port = smtp_server
    apply_mail_settings(
        {
            "MITTELANGELN_SMTP_HOST": "127.0.0.1",
            "MITTELANGELN_SMTP_PORT": str(port),
            "MITTELANGELN_MAIL_FROM": "intranet@amt-mittelangeln.de",
        }
    )
    api.portal.send_email(
        recipient="bauamt@amt-mittelangeln.de",
        subject="Wiedervorlage Bauantrag",
        body="Bitte prüfen.",
        immediate=True,
    )
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["To"] == "bauamt@amt-mittelangeln.de"
    assert decoded(message["From"]) == "Amt Mittelangeln <intranet@amt-mittelangeln.de>"
    assert decoded(message["Subject"]) == "Wiedervorlage Bauantrag"
    assert "Bitte prüfen." in message.get_payload(decode=True).decode(message.get_content_charset())


def decoded(header):
    return str(make_header(decode_header(header)))
