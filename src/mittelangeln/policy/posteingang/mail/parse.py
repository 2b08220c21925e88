"""One e-mail (its raw bytes) as a Delivery for intake.register: the body as
the main document (a PDF with a header block, see pdf.py), every attachment
(inline images too, an attached message as .eml) as a further file, the
sender from From, the Message-ID to know the message again.

Mail from the wild is malformed in every way; nothing here raises but
IntakeRefused for bytes that are no e-mail at all. Missing, unknown and
wrongly declared charsets are decoded with fallbacks (text.py)."""

import base64
import datetime
import email
import hashlib
import mimetypes
import quopri
from email.policy import Compat32
from email.utils import parseaddr
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.posteingang.files import IncomingFile
from mittelangeln.policy.posteingang.files import IntakeRefused
from mittelangeln.policy.posteingang.intake import Delivery
from mittelangeln.policy.posteingang.mail.pdf import message_pdf
from mittelangeln.policy.posteingang.mail.text import decode_bytes
from mittelangeln.policy.posteingang.mail.text import header_text
from mittelangeln.policy.posteingang.mail.text import html_text
from mittelangeln.policy.posteingang.mail.text import plain_text


CHANNEL = "email"
ZONE = ZoneInfo("Europe/Berlin")
EARLIEST = datetime.datetime(1990, 1, 1)
MAX_ID = 300
MAX_HEADER = 300
# Headers the receipt looks at (receipt.py: no answers to automatic mail).
RECEIPT_HEADERS = (
    "Auto-Submitted",
    "Precedence",
    "List-Id",
    "List-Unsubscribe",
    "X-Autoreply",
    "X-Autorespond",
    "X-Auto-Response-Suppress",
    "Return-Path",
)
IDENTIFYING_HEADERS = ("From", "To", "Subject", "Date", "Message-ID", "Received", "Sender")


class RawHeaders(Compat32):
    """Header values as they stand in the message (8-bit bytes kept as
    surrogates, RFC 2047 words still encoded): text.header_text decodes
    them with fallbacks where the library would raise or guess."""

    def header_fetch_parse(self, name, value):
        return value


RAW = RawHeaders()


def parse_message(raw):
    """The email.message.Message of ``raw``; IntakeRefused for bytes that
    are empty or have no header of an e-mail."""
    if not raw or not raw.strip():
        raise IntakeRefused(_("The message is empty."))
    try:
        message = email.message_from_bytes(raw, policy=RAW)
    except Exception:
        message = None
    if message is None or not any(message.get(name) for name in IDENTIFYING_HEADERS):
        raise IntakeRefused(_("This is not an e-mail: the message has no sender, recipient, subject or date."))
    return message


def delivery_from_message(raw, source, received=None):
    """The Delivery (channel "email") of the message ``raw``; ``received``
    (naive local time) is when the Amt's server took it, if known (IMAP
    INTERNALDATE), else the Received/Date headers tell."""
    message = parse_message(raw)
    sender_name, sender_email = sender(message)
    subject = header_text(message.get("Subject"))
    body, attachments, skipped = contents(message)
    body = body or translate(_("(The message has no text.)"))
    names = [incoming.filename for incoming in attachments]
    names += [translate(_("${name} (empty, not taken)", mapping={"name": name})) for name in skipped]
    header = [
        (translate(_("Mail from")), header_text(message.get("From"))[:MAX_HEADER]),
        (translate(_("Mail to")), header_text(message.get("To"))[:MAX_HEADER]),
        (translate(_("Mail date")), display_date(message.get("Date"))),
        (translate(_("Mail subject")), subject),
    ]
    if message.get("Cc"):
        header.insert(2, ("Cc", header_text(message.get("Cc"))[:MAX_HEADER]))
    if names:
        header.append((translate(_("Mail attachments")), ", ".join(names)))
    document = message_pdf(header, body, translate(_("(Text shortened; the full text is in the mailbox.)")))
    main_name = translate(_("E-mail")) + (f" {subject[:80]}" if subject else "") + ".pdf"
    return Delivery(
        channel=CHANNEL,
        subject=subject,
        files=[IncomingFile(main_name, document, "application/pdf"), *attachments],
        source=source,
        received=received or arrival(message),
        sender_name=sender_name,
        sender_email=sender_email,
        text=f"{subject}\n{body}",
        message_id=message_id(message, raw),
        extra={"headers": {name: header_text(message.get(name)) for name in RECEIPT_HEADERS if message.get(name)}},
    )


def sender(message):
    """(name, address) from From (or Sender); the address only if it looks like one."""
    raw = message.get("From") or message.get("Sender") or ""
    name, address = parseaddr(header_text(raw) if not str(raw).isascii() else str(raw))
    name = header_text(name)[:MAX_HEADER]
    address = address.strip()
    local, at, domain = address.rpartition("@")
    if not (at and local and "." in domain and address.isascii() and " " not in address and len(address) <= 254):
        if not name:
            name = header_text(raw)[:MAX_HEADER]
        address = ""
    return name, address.lower() if address else ""


def message_id(message, raw):
    """The Message-ID; without one, a stable substitute from the bytes (line
    ends unified: the same message read from IMAP or from a file)."""
    value = header_text(message.get("Message-ID"))
    if value:
        return value[:MAX_ID]
    digest = hashlib.sha256(raw.replace(b"\r\n", b"\n")).hexdigest()
    return f"<sha256-{digest}@posteingang.invalid>"


def leaves(part):
    """The parts that hold content; an attached message is one part."""
    if part.get_content_maintype() == "message" or not part.is_multipart():
        yield part
        return
    for sub in part.get_payload() or []:
        if isinstance(sub, email.message.Message):
            yield from leaves(sub)


def contents(message):
    """(body text, [IncomingFile], [names of empty attachments left out])."""
    plain, html, files, skipped = [], [], [], []
    for number, part in enumerate(leaves(message), 1):
        content_type = safe(part.get_content_type, "application/octet-stream")
        name = filename(part)
        disposition = str(part.get("Content-Disposition") or "").split(";")[0].strip().lower()
        if content_type.startswith("multipart/"):  # no boundary: the parser left the text as it is
            content_type = "text/plain"
        if content_type in ("text/plain", "text/html") and not name and disposition != "attachment":
            text = decode_bytes(payload(part), safe(part.get_content_charset))
            (plain if content_type == "text/plain" else html).append(text)
            continue
        name = name or default_name(part, content_type, len(files) + len(skipped) + 1)
        data = payload(part)
        if not data:
            skipped.append(name)
            continue
        files.append(IncomingFile(name, data, content_type))
    if plain:
        body = "\n\n".join(filter(None, (plain_text(text) for text in plain)))
    else:
        body = "\n\n".join(filter(None, (html_text(text) for text in html)))
    return body, files, skipped


def payload(part):
    """The decoded bytes of ``part`` (an attached message: its whole text)."""
    if part.get_content_maintype() == "message" and part.is_multipart():
        inner = part.get_payload()
        try:
            data = inner[0].as_bytes() if inner else b""
        except Exception:
            data = str(inner[0]).encode("utf-8", errors="surrogateescape")
        # Not allowed for message/rfc822 (RFC 2046), written all the same
        # (Python's own email package does): decoded here.
        encoding = str(part.get("Content-Transfer-Encoding") or "").strip().lower()
        if encoding == "base64":
            data = safe(lambda: base64.b64decode(data), data)
        elif encoding == "quoted-printable":
            data = safe(lambda: quopri.decodestring(data), data)
        return data
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if data is None:
        raw = part.get_payload()
        data = raw.encode("utf-8", errors="surrogateescape") if isinstance(raw, str) else b""
    return data


def filename(part):
    try:
        name = part.get_filename() or part.get_param("name")
    except Exception:
        return ""
    if isinstance(name, tuple):  # RFC 2231 value the library left undecoded
        name = name[2] if len(name) == 3 else ""
    return header_text(name) if name else ""


def default_name(part, content_type, number):
    if part.get_content_maintype() == "message":
        head = payload(part)[:65536]  # the headers are at the top
        subject = header_text(safe(lambda: email.message_from_bytes(head, policy=RAW).get("Subject")))
        return f"{subject[:80] or translate(_('Attached message'))}.eml"
    extension = mimetypes.guess_extension(content_type) or ""
    return f"{translate(_('Mail attachment'))} {number}{extension}"


def safe(method, default=None):
    try:
        return method() or default
    except Exception:
        return default


def parse_date(value):
    """A header date as naive German time, or None (no later than now)."""
    try:
        when = parsedate_to_datetime(header_text(value))
    except Exception:
        return None
    if when is None:
        return None
    if when.tzinfo is None:  # "-0000": UTC, the sender's zone unknown (RFC 5322)
        when = when.replace(tzinfo=datetime.timezone.utc)
    when = when.astimezone(ZONE).replace(tzinfo=None)
    now = datetime.datetime.now(ZONE).replace(tzinfo=None, microsecond=0)
    if when < EARLIEST:
        return None
    return min(when.replace(microsecond=0), now)


def arrival(message):
    """When the Amt's mail server took the message: the newest (topmost)
    Received header, else the sender's Date, else None (register: now)."""
    for received in (message.get_all("Received") or [])[:1]:
        when = parse_date(str(received).rpartition(";")[2])
        if when is not None:
            return when
    return parse_date(message.get("Date"))


def display_date(value):
    when = parse_date(value)
    return when.strftime("%d.%m.%Y %H:%M") if when else header_text(value)[:MAX_HEADER]
