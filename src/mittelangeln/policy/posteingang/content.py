"""Eingang: one incoming item of the digital Posteingang (letter, scan,
e-mail, upload). Its main document and attachments are Dokumente inside it,
so they are converted, OCR'd, searchable and shown in the page viewer like
every Dokument; *zu den Akten* moves them into a Vorgang."""

import datetime

from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from z3c.form.interfaces import IEditForm
from zope import schema
from zope.interface import implementer
from zope.interface import provider
from zope.schema.interfaces import IContextAwareDefaultFactory

from mittelangeln.policy.i18n import _


@provider(IContextAwareDefaultFactory)
def now(context):
    return datetime.datetime.now().replace(second=0, microsecond=0)


class IEingang(model.Schema):
    eingangsnummer = schema.TextLine(title=_("Eingangsnummer"), required=False, readonly=True)
    eingangsdatum = schema.Datetime(title=_("Received on"), required=True, defaultFactory=now)
    channel = schema.Choice(
        title=_("Channel"),
        vocabulary="mittelangeln.policy.eingang_channels",
        required=True,
        default="post",
    )

    model.fieldset(
        "sender",
        label=_("Sender"),
        fields=["sender_name", "sender_organisation", "sender_address", "sender_email"],
    )
    sender_name = schema.TextLine(title=_("Name"), required=False)
    sender_organisation = schema.TextLine(title=_("Organisation"), required=False)
    sender_address = schema.Text(title=_("Address"), required=False)
    sender_email = schema.TextLine(title=_("E-mail"), required=False)

    fachdienst = schema.Choice(
        title=_("Fachdienst"),
        vocabulary="mittelangeln.policy.fachdienste",
        required=False,
    )
    responsible = schema.Choice(
        title=_("Responsible person"),
        vocabulary="mittelangeln.policy.staff_members",
        required=False,
    )
    deadline = schema.Date(title=_("Deadline"), required=False)
    # Assigned on intake and by Weiterleiten (with its note in the history),
    # not by editing.
    directives.omitted(IEditForm, "fachdienst", "responsible")

    # Set by the portal, never by a form.
    directives.omitted("routed_by", "scan_id", "message_id", "filed_in", "filed_by", "filed_at", "filed_documents")
    routed_by = schema.TextLine(title=_("Routed by"), required=False)
    scan_id = schema.TextLine(title=_("Scan id"), required=False)
    message_id = schema.TextLine(title=_("Message-ID"), required=False)
    filed_in = schema.TextLine(title=_("Filed in"), required=False)
    filed_by = schema.TextLine(title=_("Filed by"), required=False)
    filed_at = schema.Datetime(title=_("Filed on"), required=False)
    filed_documents = schema.List(title=_("Filed documents"), value_type=schema.TextLine(), required=False)


@implementer(IEingang)
class Eingang(Container):
    # Eingänge are found by their number; their id is the number (e-2026-00017).
    eingangsnummer = None
    routed_by = None
    scan_id = None
    message_id = None
    filed_in = None
    filed_by = None
    filed_at = None
    filed_documents = ()
