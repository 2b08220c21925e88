"""The portal's settings: one registry schema, read through typed accessors.

Administrators change them in Site Setup → "Mittelangeln" (controlpanels/).
The records are named ``mittelangeln.<field>``; a field's default is the
value used when the record is missing or empty (before the profile ran, or
in a test layer without it), so no module repeats a default.
"""

import re

from plone.registry.interfaces import IRegistry
from plone.supermodel import model
from zope import schema
from zope.component import getUtility
from zope.interface import Invalid
from zope.interface import invariant

from mittelangeln.policy.i18n import _


PREFIX = "mittelangeln"

# Placeholders each numbering pattern may use, with sample values to test it.
AKTENZEICHEN_PLACEHOLDERS = {"key": "632.1", "number": 1, "year": 2026}
VORGANG_PLACEHOLDERS = {"aktenzeichen": "632.1/0001", "number": 1, "key": "", "year": 2026}
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def check_email(value):
    """Constraint of the contact's e-mail (shown at its field in the form)."""
    if not EMAIL.fullmatch(value):
        raise Invalid(_("Please give an e-mail address like name@example.org."))
    return True


def pattern_problem(pattern, placeholders):
    """Why ``pattern`` cannot number anything with ``placeholders``, or None."""
    try:
        pattern.format(**placeholders)
    except (KeyError, IndexError, ValueError) as error:
        return _(
            "The pattern “${pattern}” is invalid (${error}). Allowed placeholders: ${names}.",
            mapping={
                "pattern": pattern,
                "error": str(error),
                "names": ", ".join("{%s}" % name for name in placeholders),
            },
        )
    return None


class IMittelangelnSettings(model.Schema):
    """Everything an administrator of the Amt sets for the portal."""

    fachdienste = schema.List(
        title=_("Fachdienste"),
        description=_("Organisational units of the Amt, one per line. Each gets a group and an area."),
        value_type=schema.TextLine(),
        default=[
            "Fachdienst I – Zentrale Dienste",
            "Fachdienst II – Finanzen",
            "Fachdienst III – Ordnung und Soziales",
            "Fachdienst IV – Bauen und Umwelt",
        ],
        required=True,
    )
    gemeinden = schema.List(
        title=_("Gemeinden"),
        description=_("The Amt and its member municipalities, one per line, for public documents and the homepage."),
        value_type=schema.TextLine(),
        default=["Amt Mittelangeln", "Gemeinde Mittelangeln", "Gemeinde Sörup", "Gemeinde Havetoft"],
        required=True,
    )
    maengelmelder_fachdienst = schema.Choice(
        title=_("Fachdienst for defect reports"),
        description=_("Reads and processes the defect reports sent online."),
        vocabulary="mittelangeln.policy.fachdienste",
        default="Fachdienst IV – Bauen und Umwelt",
        required=True,
    )
    schuelerbefoerderung_fachdienst = schema.Choice(
        title=_("Fachdienst for school transport"),
        description=_("Reads, checks and decides the school transport applications sent online."),
        vocabulary="mittelangeln.policy.fachdienste",
        default="Fachdienst III – Ordnung und Soziales",
        required=True,
    )

    aktenzeichen_pattern = schema.TextLine(
        title=_("Pattern of the Aktenzeichen"),
        description=_("Placeholders: {key} key of the Aktenplan position, {number:04d} running number, {year} year."),
        default="{key}/{number:04d}",
        required=True,
    )
    vorgang_pattern = schema.TextLine(
        title=_("Pattern of the Vorgang number"),
        description=_("Placeholders: {aktenzeichen} of the Akte, {number} running number of the Vorgang."),
        default="{aktenzeichen}-{number}",
        required=True,
    )

    form_submissions_per_hour = schema.Int(
        title=_("Submissions per sender address and hour"),
        description=_("More submissions from one address within an hour are refused."),
        default=10,
        min=1,
        required=True,
    )
    form_upload_max_mb = schema.Int(
        title=_("Largest uploaded file (MB)"),
        default=10,
        min=1,
        required=True,
    )
    homepage_origins = schema.List(
        title=_("Homepage addresses (CORS)"),
        description=_(
            "Websites whose pages may fetch the public documents in the browser, one per line, "
            "e.g. https://www.amt-mittelangeln.de"
        ),
        value_type=schema.TextLine(),
        default=[],
        required=False,
    )

    login_max_failures = schema.Int(
        title=_("Failed logins until the account is locked"),
        default=5,
        min=1,
        required=True,
    )
    login_lock_minutes = schema.Int(
        title=_("Length of the lock (minutes)"),
        default=15,
        min=1,
        required=True,
    )
    access_trail_retention_days = schema.Int(
        title=_("Keep the access trail (days)"),
        description=_("Older entries are deleted."),
        default=365,
        min=1,
        required=True,
    )

    # The Amt's contact in the footer and on the Impressum (site/footer.py,
    # legal/pages.py). The defaults are example data: a real Amt enters
    # its own in Site Setup → Mittelangeln, tab "Contact".
    model.fieldset(
        "contact",
        label=_("Contact"),
        fields=["contact_name", "contact_address", "contact_phone", "contact_email", "opening_hours"],
    )
    contact_name = schema.TextLine(
        title=_("Name of the authority"),
        default="Amt Mittelangeln",
        required=True,
    )
    contact_address = schema.Text(
        title=_("Postal address"),
        description=_("One line per line of the address. The default is example data."),
        default="Musterstraße 1\n24986 Mittelangeln (OT Satrup)",
        required=True,
    )
    contact_phone = schema.TextLine(
        title=_("Phone"),
        default="04633 0000-0",
        required=True,
    )
    contact_email = schema.TextLine(
        title=_("E-mail"),
        default="info@amt-mittelangeln.de",
        required=True,
        constraint=check_email,
    )
    opening_hours = schema.Text(
        title=_("Opening hours"),
        description=_("One line per line, shown in the footer."),
        default="Montag bis Freitag 8 bis 12 Uhr\nDonnerstag zusätzlich 14 bis 18 Uhr",
        required=False,
    )

    # The Posteingang's intake channels (posteingang/). Directory paths are
    # relative to the instance's working directory unless absolute; a
    # directory that does not exist is not watched.
    model.fieldset(
        "posteingang",
        label=_("Posteingang"),
        fields=[
            "posteingang_max_file_mb",
            "posteingang_receipt",
            "posteingang_hotfolder",
            "posteingang_maildrop",
            "posteingang_imap_accounts",
            "wiedervorlage_digest_hour",
        ],
    )
    posteingang_max_file_mb = schema.Int(
        title=_("Largest incoming file (MB)"),
        description=_("Larger scans, uploads and e-mail attachments are refused with a message."),
        default=25,
        min=1,
        required=True,
    )
    posteingang_receipt = schema.Bool(
        title=_("Confirm receipt of e-mails"),
        description=_("The sender of an e-mail gets an automatic receipt with the Eingangsnummer."),
        default=False,
        required=False,
    )
    posteingang_hotfolder = schema.TextLine(
        title=_("Scan hot folder"),
        description=_("Directory the scanners deliver PDFs (and JSON sidecars) into."),
        default="var/posteingang/scans",
        required=False,
    )
    posteingang_maildrop = schema.TextLine(
        title=_("E-mail drop directory"),
        description=_("Directory for e-mails saved as .eml files."),
        default="var/posteingang/mails",
        required=False,
    )
    posteingang_imap_accounts = schema.List(
        title=_("IMAP mailboxes"),
        description=_("One mailbox per line: imaps://user:password@host:993/INBOX"),
        value_type=schema.TextLine(),
        default=[],
        required=False,
    )
    wiedervorlage_digest_hour = schema.Int(
        title=_("Wiedervorlage digest from (hour)"),
        description=_("The daily e-mail of due Wiedervorlagen goes out from this hour on (German time)."),
        default=7,
        min=0,
        max=23,
        required=True,
    )

    # The Aussonderung (aussonderung/): who sends the xdomea messages and
    # the archive that receives them.
    model.fieldset(
        "aussonderung",
        label=_("Aussonderung"),
        fields=[
            "aussonderung_behoerdenkennung",
            "aussonderung_behoerde_name",
            "archive_kennung",
            "archive_name",
            "archive_address",
        ],
    )
    aussonderung_behoerdenkennung = schema.TextLine(
        title=_("Behördenkennung of the Amt"),
        description=_("The Amt's identifier in the directory service (DVDV), e.g. psw:01003110."),
        default="",
        required=False,
    )
    aussonderung_behoerde_name = schema.TextLine(
        title=_("Name of the Amt in xdomea messages"),
        description=_("Empty: the name of the authority from the contact details."),
        default="",
        required=False,
    )
    archive_kennung = schema.TextLine(
        title=_("Identifier of the archive"),
        description=_("The archive's Behördenkennung (DVDV), if it has one."),
        default="",
        required=False,
    )
    archive_name = schema.TextLine(
        title=_("Name of the archive"),
        default="Kreisarchiv Schleswig-Flensburg",
        required=True,
    )
    archive_address = schema.Text(
        title=_("Postal address of the archive"),
        description=_("One line per line of the address."),
        default="",
        required=False,
    )

    # The registry cannot store a field's constraint; the control panel form
    # checks the schema's invariants.
    @invariant
    def patterns_format(data):
        for field, placeholders in (
            ("aktenzeichen_pattern", AKTENZEICHEN_PLACEHOLDERS),
            ("vorgang_pattern", VORGANG_PLACEHOLDERS),
        ):
            problem = pattern_problem(getattr(data, field, None) or "", placeholders)
            if problem is not None:
                raise Invalid(problem)


def record_name(field):
    """The registry record of a settings field: ``mittelangeln.<field>``."""
    return f"{PREFIX}.{field}"


def _value(field):
    value = getUtility(IRegistry).get(record_name(field))
    return IMittelangelnSettings[field].default if value in (None, "", []) else value


def fachdienste():
    return list(_value("fachdienste"))


def gemeinden():
    return list(_value("gemeinden"))


def homepage_origins():
    return list(_value("homepage_origins"))


def routed_fachdienst(field):
    """The Fachdienst named by a routing field (``maengelmelder_fachdienst``, …)."""
    return _value(field)


def aktenzeichen_pattern():
    return _value("aktenzeichen_pattern")


def vorgang_pattern():
    return _value("vorgang_pattern")


def form_submissions_per_hour():
    return _value("form_submissions_per_hour")


def form_upload_max_mb():
    return _value("form_upload_max_mb")


def login_max_failures():
    return _value("login_max_failures")


def login_lock_minutes():
    return _value("login_lock_minutes")


def access_trail_retention_days():
    return _value("access_trail_retention_days")


def contact():
    """The Amt's contact for the footer and the legal pages: name, address
    and opening hours as lists of lines, phone and e-mail."""
    return {
        "name": _value("contact_name"),
        "address": _lines(_value("contact_address")),
        "phone": _value("contact_phone"),
        "email": _value("contact_email"),
        "opening_hours": _lines(_value("opening_hours")),
    }


def posteingang_max_file_bytes():
    return _value("posteingang_max_file_mb") * 1024 * 1024


def posteingang_receipt():
    return bool(getUtility(IRegistry).get(record_name("posteingang_receipt")))


def posteingang_hotfolder():
    return _value("posteingang_hotfolder")


def posteingang_maildrop():
    return _value("posteingang_maildrop")


def posteingang_imap_accounts():
    return list(_value("posteingang_imap_accounts"))


def wiedervorlage_digest_hour():
    return _value("wiedervorlage_digest_hour")


def aussonderung_sender():
    """The Amt as sender of xdomea messages: {kennung, name, address}."""
    return {
        "kennung": _value("aussonderung_behoerdenkennung").strip(),
        "name": _value("aussonderung_behoerde_name").strip() or _value("contact_name"),
        "address": _value("contact_address"),
    }


def aussonderung_archive():
    """The archive receiving xdomea messages: {kennung, name, address}."""
    return {
        "kennung": _value("archive_kennung").strip(),
        "name": _value("archive_name"),
        "address": _value("archive_address"),
    }


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


FACHDIENSTE_RECORD = record_name("fachdienste")
