"""Dokument: a file filed in a Vorgang or directly in an Akte."""

from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from zope import schema
from zope.interface import implementer

from mittelangeln.policy.i18n import _


class IDokument(model.Schema):
    model.primary("file")
    file = NamedBlobFile(title=_("File"), required=True)
    document_date = schema.Date(title=_("Date of the document"), required=False)
    kind = schema.Choice(
        title=_("Kind"),
        vocabulary="mittelangeln.policy.dokument_kinds",
        required=True,
        default="eingang",
    )
    correspondent = schema.TextLine(title=_("Sender/recipient"), required=False)


@implementer(IDokument)
class Dokument(Item):
    pass
