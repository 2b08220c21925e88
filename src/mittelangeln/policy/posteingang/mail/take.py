"""Taking one e-mail, the same for every mail channel (IMAP, drop
directory): too large → refused, already known (its Message-ID) → the
earlier Eingang, else registered and the receipt prepared."""

from mittelangeln.policy import settings
from mittelangeln.policy.i18n import _
from mittelangeln.policy.posteingang import known
from mittelangeln.policy.posteingang.files import IntakeRefused
from mittelangeln.policy.posteingang.intake import register
from mittelangeln.policy.posteingang.mail.parse import delivery_from_message
from mittelangeln.policy.posteingang.mail.receipt import send_receipt


# A whole message may be this many times the largest file: attachments in
# base64 grow by a third, and a message may carry several.
MESSAGE_FACTOR = 4


def max_message_bytes():
    return MESSAGE_FACTOR * settings.posteingang_max_file_bytes()


def check_size(size):
    limit = max_message_bytes()
    if size > limit:
        raise IntakeRefused(
            _("The message is larger than ${limit} MB.", mapping={"limit": f"{limit / 1024 / 1024:.0f}"})
        )


def take_message(raw, source, received=None):
    """(eingang, new): the Eingang of the message ``raw`` and whether it was
    registered now; raises IntakeRefused (nothing stored)."""
    check_size(len(raw))
    delivery = delivery_from_message(raw, source, received)
    earlier = known.lookup("message_id", delivery.message_id)
    if earlier is not None:
        return earlier, False
    eingang = register(delivery)
    send_receipt(eingang, delivery)
    return eingang, True
