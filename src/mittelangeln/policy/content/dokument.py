"""Dokument: a file filed in a Vorgang or directly in an Akte."""

from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IDokument(model.Schema):
    model.primary("file")
    file = NamedBlobFile(title="Datei", required=True)
    document_date = schema.Date(title="Datum des Dokuments", required=False)
    kind = schema.Choice(
        title="Art",
        vocabulary="mittelangeln.policy.dokument_kinds",
        required=True,
        default="eingang",
    )
    correspondent = schema.TextLine(title="Absender/Empfänger", required=False)


@implementer(IDokument)
class Dokument(Item):
    pass
