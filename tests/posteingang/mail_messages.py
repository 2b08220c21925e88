"""E-mails as mail programs write them, for the e-mail intake tests."""

from email.message import EmailMessage
from email.utils import formataddr
from email.utils import formatdate


def make_message(
    subject="Bauantrag Mühlenweg 3",
    sender=("Jörg Müller", "joerg.mueller@example.org"),
    to="posteingang@amt-mittelangeln.de",
    body="Sehr geehrte Damen und Herren,\n\nanbei mein Bauantrag.\n\nMit freundlichen Grüßen\nJörg Müller",
    attachments=(),
    message_id="<bauantrag-1@example.org>",
    html=None,
    headers=None,
):
    """The bytes of a message; ``attachments``: (name, data, content type)."""
    message = EmailMessage()
    message["From"] = formataddr(sender)
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(1780000000, localtime=False)  # 28.05.2026
    if message_id:
        message["Message-ID"] = message_id
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    for name, data, content_type in attachments:
        maintype, subtype = content_type.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()
