"""Vorgang (case) inside an Akte."""

from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IVorgang(model.Schema):
    directives.mode(aktenzeichen="display")
    aktenzeichen = schema.TextLine(
        title="Aktenzeichen des Vorgangs",
        description="Wird beim Anlegen automatisch vergeben.",
        required=False,
        readonly=True,
    )
    due_date = schema.Date(title="Frist", required=False)
    responsible = schema.TextLine(title="Zuständig", required=False)


@implementer(IVorgang)
class Vorgang(Container):
    pass
