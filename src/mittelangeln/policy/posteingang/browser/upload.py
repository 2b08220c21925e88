"""@@eingang-erfassen: the Poststelle registers what came in by uploading
one or many files (drag and drop, or the plain file input), as one Eingang
or one Eingang per file. Everything goes through intake.register; one
submit is one transaction, so a refused file leaves nothing stored."""

import datetime
import re

import transaction
from plone import api
from plone.dexterity.browser.add import DefaultAddView
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zExceptions import NotFound

from mittelangeln.policy import settings
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.posteingang.files import IncomingFile
from mittelangeln.policy.posteingang.files import IntakeRefused
from mittelangeln.policy.posteingang.intake import Delivery
from mittelangeln.policy.posteingang.intake import register
from mittelangeln.policy.principals import staff_members
from mittelangeln.policy.vocabularies import EINGANG_CHANNELS


TEXT_FIELDS = ("subject", "sender_name", "sender_organisation", "sender_address", "sender_email")
ONE = "one"  # all files one Eingang, the first the main document
EACH = "each"  # every file an Eingang of its own
GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def parse_date(text):
    """A date typed as 2026-02-15 (the date input) or 15.02.2026; None for
    nothing; ValueError for anything else."""
    text = (text or "").strip()
    if not text:
        return None
    match = GERMAN_DATE.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        return datetime.date(year, month, day)
    return datetime.date.fromisoformat(text)


def uploaded_files(request):
    """The files of the form's file input (none, one or many)."""
    value = request.form.get("files")
    uploads = value if isinstance(value, list) else [value] if value is not None else []
    return [upload for upload in uploads if getattr(upload, "filename", None)]


class EingangErfassenView(BrowserView):
    """The upload form of the Posteingang area."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.errors = {}

    def __call__(self):
        if "Eingang" not in [fti.getId() for fti in self.context.allowedContentTypes()]:
            raise NotFound(self.context, "eingang-erfassen", self.request)
        if "form.buttons.register" in self.request.form:
            CheckAuthenticator(self.request)
            created = self.register()
            if created:
                return self.done(created)
            transaction.doom()  # nothing of a refused submit is kept
            self.request.response.setStatus(400)
        return self.index()

    # Values shown in the form (the user's input kept after an error)

    def value(self, name, default=""):
        value = self.request.form.get(name, default)
        return value if isinstance(value, str) else default

    def channels(self):
        return [(term.value, translate(term.title)) for term in EINGANG_CHANNELS]

    def fachdienste(self):
        return settings.fachdienste()

    def people(self):
        return [(term.value, term.title) for term in staff_members(self.context)]

    def mode(self):
        return EACH if self.value("mode") == EACH else ONE

    def max_mb(self):
        return settings.posteingang_max_file_bytes() // (1024 * 1024)

    def error(self, name):
        return self.errors.get(name)

    # Registering

    def register(self):
        """The new Eingänge, or [] with self.errors set."""
        fields = self.validate()
        files = uploaded_files(self.request)
        if not files:
            self.errors["files"] = translate(_("Choose at least one file."))
        if self.errors:
            return []
        incoming = [
            IncomingFile(upload.filename, upload.read(), upload.headers.get("content-type")) for upload in files
        ]
        groups = [[item] for item in incoming] if self.mode() == EACH else [incoming]
        created = []
        try:
            for group in groups:
                subject = fields["subject"] or (group[0].filename if self.mode() == EACH else "")
                delivery = Delivery(
                    channel=fields["channel"],
                    subject=subject,
                    files=group,
                    source=translate(_("Upload: ${name}", mapping={"name": group[0].filename})),
                    sender_name=fields["sender_name"],
                    sender_organisation=fields["sender_organisation"],
                    sender_address=fields["sender_address"],
                    sender_email=fields["sender_email"],
                    fachdienst=fields["fachdienst"],
                    responsible=fields["responsible"],
                    deadline=fields["deadline"],
                )
                created.append(register(delivery, container=self.context))
        except IntakeRefused as refused:
            self.errors["files"] = str(refused)
            return []
        return created

    def validate(self):
        """The form's values; problems go to self.errors by field."""
        fields = {name: self.value(name).strip() for name in TEXT_FIELDS}
        fields["sender_address"] = self.value("sender_address").strip()
        channel = self.value("channel", "upload")
        if channel not in EINGANG_CHANNELS.by_value:
            self.errors["channel"] = translate(_("Choose a channel from the list."))
        fields["channel"] = channel
        fachdienst = self.value("fachdienst").strip()
        if fachdienst and fachdienst not in settings.fachdienste():
            self.errors["fachdienst"] = translate(_("There is no Fachdienst “${name}”.", mapping={"name": fachdienst}))
        fields["fachdienst"] = fachdienst
        responsible = self.value("responsible").strip()
        if responsible and responsible not in staff_members(self.context).by_value:
            self.errors["responsible"] = translate(_("Choose a person from the list."))
        fields["responsible"] = responsible
        if fields["sender_email"] and not EMAIL.match(fields["sender_email"]):
            self.errors["sender_email"] = translate(_("This is not an e-mail address."))
        try:
            fields["deadline"] = parse_date(self.value("deadline"))
        except ValueError:
            fields["deadline"] = None
            self.errors["deadline"] = translate(_("Enter the date as DD.MM.YYYY, e.g. 15.02.2026."))
        return fields

    def done(self, created):
        numbers = ", ".join(eingang.eingangsnummer for eingang in created)
        if len(created) == 1:
            message = _("Registered as ${number}.", mapping={"number": numbers})
            target = created[0].absolute_url()
        else:
            message = _("Registered as ${numbers}.", mapping={"numbers": numbers})
            target = self.context.absolute_url()
        api.portal.show_message(translate(message), self.request)
        return self.request.response.redirect(target)


class EingangAddView(DefaultAddView):
    """++add++Eingang (the add menu's entry) leads to the upload form: an
    Eingang without its document is no Eingang."""

    def __call__(self):
        return self.request.response.redirect(f"{self.context.absolute_url()}/@@eingang-erfassen")
