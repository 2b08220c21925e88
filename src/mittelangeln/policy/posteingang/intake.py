"""Registering what came in: one function for every channel (upload, scan
hot folder, e-mail, drop directory), so each delivery is checked, numbered,
routed and stored the same way, completely or not at all.

A channel turns what it received into a ``Delivery`` and calls
``register``. Refusals raise ``IntakeRefused`` with a German message before
anything is created; the caller reports them (form message, error file,
protocol) and aborts its transaction.
"""

import datetime
import unicodedata
from dataclasses import dataclass
from dataclasses import field

from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.container.interfaces import INameChooser
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent

from mittelangeln.policy import settings
from mittelangeln.policy.dokumente.content import IDokument
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.posteingang import known
from mittelangeln.policy.posteingang.files import IncomingFile
from mittelangeln.policy.posteingang.files import IntakeRefused
from mittelangeln.policy.posteingang.files import check_file
from mittelangeln.policy.posteingang.numbering import take_number
from mittelangeln.policy.posteingang.routing import route


AREA = "posteingang"
MAX_SUBJECT = 200


@dataclass
class Delivery:
    """What one channel received as one incoming item."""

    channel: str  # post, email, online, upload (vocabulary eingang_channels)
    subject: str
    files: list  # [IncomingFile]; the first is the main document
    source: str = ""  # where it came from, for the protocol ("Hotfolder: scan-17.pdf")
    received: datetime.datetime = None
    sender_name: str = ""
    sender_organisation: str = ""
    sender_address: str = ""
    sender_email: str = ""
    text: str = ""  # e-mail body or other text the routing rules read
    scan_id: str = ""
    message_id: str = ""
    fachdienst: str = ""
    responsible: str = ""
    deadline: datetime.date = None
    extra: dict = field(default_factory=dict)


def posteingang_area():
    return api.portal.get().unrestrictedTraverse(AREA)


def check(delivery):
    """Raise IntakeRefused if ``delivery`` cannot be taken as it is."""
    if not delivery.files:
        raise IntakeRefused(_("The delivery contains no document."))
    limit = settings.posteingang_max_file_bytes()
    for incoming in delivery.files:
        check_file(incoming, limit)
    if delivery.fachdienst and delivery.fachdienst not in settings.fachdienste():
        raise IntakeRefused(_("There is no Fachdienst “${name}”.", mapping={"name": delivery.fachdienst}))
    duplicate = known.lookup("message_id", delivery.message_id)
    if duplicate is None and not delivery.scan_id:
        duplicate = known.lookup("sha256", delivery.files[0].sha256)
    if duplicate is not None:
        raise IntakeRefused(
            _(
                "This was already received as ${number}.",
                mapping={"number": duplicate.eingangsnummer},
            )
        )


def register(delivery, container=None):
    """Store ``delivery`` as a new Eingang (or, for a known scan id, as a new
    version of that Eingang's main document); returns the Eingang."""
    check(delivery)
    earlier = known.lookup("scan_id", delivery.scan_id)
    if earlier is not None:
        if earlier.filed_in or api.content.get_state(earlier) == "erledigt":
            raise IntakeRefused(
                _(
                    "The scan id belongs to ${number}, which is done; register the new scan without it.",
                    mapping={"number": earlier.eingangsnummer},
                )
            )
        add_version(earlier, delivery.files[0])
        return earlier
    received = delivery.received or datetime.datetime.now().replace(microsecond=0)
    container = container if container is not None else posteingang_area()
    number = take_number(received.year)
    while number.lower() in container:  # taken by an Eingang made by other means (import)
        number = take_number(received.year)
    eingang = api.content.create(
        container=container,
        type="Eingang",
        id=number.lower(),
        eingangsnummer=number,
        title=_subject(delivery),
        eingangsdatum=received,
        channel=delivery.channel,
        sender_name=one_line(delivery.sender_name) or None,
        sender_organisation=one_line(delivery.sender_organisation) or None,
        sender_address=delivery.sender_address or None,
        sender_email=one_line(delivery.sender_email) or None,
        fachdienst=delivery.fachdienst or None,
        responsible=delivery.responsible or None,
        deadline=delivery.deadline,
        scan_id=delivery.scan_id or None,
        message_id=delivery.message_id or None,
    )
    for position, incoming in enumerate(delivery.files):
        add_document(eingang, incoming, main=position == 0)
    known.remember("message_id", delivery.message_id, eingang)
    known.remember("scan_id", delivery.scan_id, eingang)
    known.remember("sha256", delivery.files[0].sha256, eingang)
    route(eingang, delivery.text)
    return eingang


def one_line(text):
    """``text`` on one line: line breaks, NUL and other control or format
    characters (a right-to-left override) out, runs of spaces as one."""
    text = "".join(
        " " if c.isspace() else c for c in str(text or "") if unicodedata.category(c)[0] != "C" or c.isspace()
    )
    return " ".join(text.split())


def _subject(delivery):
    subject = one_line(delivery.subject)[:MAX_SUBJECT]
    return subject or translate(_("Incoming item without subject"))


def add_document(eingang, incoming, main=False):
    """A Dokument in ``eingang`` holding ``incoming`` (version 1: Dokumente
    are versioned from the start, plone.versioning)."""
    dokument = api.content.create(
        container=eingang,
        type="Dokument",
        # Named before it is made: renamed afterwards, its first catalog
        # entry would be removed before it was ever written.
        id=INameChooser(eingang).chooseName(incoming.filename, eingang),
        title=incoming.filename,
        file=NamedBlobFile(incoming.data, contentType=incoming.content_type, filename=incoming.filename),
        kind="eingang" if main else "anlage",
        document_date=eingang.eingangsdatum.date() if eingang.eingangsdatum else None,
        correspondent=eingang.sender_organisation or eingang.sender_name,
    )
    return dokument


def main_document(eingang):
    for dokument in eingang.objectValues():
        if IDokument.providedBy(dokument) and dokument.kind == "eingang":
            return dokument
    return None


def add_version(eingang, incoming):
    """The same scan delivered again (same scan id): its main document gets
    the new file as a new version (plone.versioning saves one on every
    modification); conversion and OCR run again."""
    dokument = main_document(eingang)
    if dokument is None:
        return add_document(eingang, incoming, main=True)
    dokument.file = NamedBlobFile(incoming.data, contentType=incoming.content_type, filename=incoming.filename)
    notify(ObjectModifiedEvent(dokument, Attributes(IDokument, "file")))
    return dokument


__all__ = ["Delivery", "IncomingFile", "IntakeRefused", "check", "register"]
