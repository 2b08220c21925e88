"""Mail goes out through the SMTP server configured from the environment."""

from plone import api

from mittelangeln.policy.site.mail import apply_mail_settings
from mittelangeln.policy.testing.helpers import body_text
from mittelangeln.policy.testing.helpers import decoded
from mittelangeln.policy.testing.helpers import mail_environment


def test_mail_reaches_configured_smtp_server(portal, smtp_server):
    inbox, port = smtp_server
    apply_mail_settings(mail_environment(port, sender="intranet@amt-mittelangeln.de"))
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
    assert "Bitte prüfen." in body_text(message)
