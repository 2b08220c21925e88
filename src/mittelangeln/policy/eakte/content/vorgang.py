"""Vorgang (case) inside an Akte."""

from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer

from mittelangeln.policy.eakte.content import UNORDERED
from mittelangeln.policy.i18n import _


class IVorgang(model.Schema):
    directives.mode(aktenzeichen="display")
    aktenzeichen = schema.TextLine(
        title=_("Aktenzeichen of the Vorgang"),
        description=_("Assigned automatically when the item is created."),
        required=False,
        readonly=True,
    )
    due_date = schema.Date(title=_("Due date"), required=False)
    responsible = schema.TextLine(title=_("Responsible"), required=False)


@implementer(IVorgang)
class Vorgang(Container):
    _ordering = UNORDERED
