"""Aktenplan (filing plan) and its nested positions."""

from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer

from mittelangeln.policy.eakte.content import UNORDERED
from mittelangeln.policy.eakte.retention import check_retention
from mittelangeln.policy.i18n import _


class IAktenplan(model.Schema):
    """The filing plan of the Amt; one per site."""


@implementer(IAktenplan)
class Aktenplan(Container):
    _ordering = UNORDERED


class IAktenplanPosition(model.Schema):
    """A position of the plan, e.g. 632.1 Baugenehmigungen."""

    key = schema.ASCIILine(
        title=_("Plan key"),
        description=_("Key in the Aktenplan, e.g. 632.1"),
        required=True,
    )
    retention = schema.ASCIILine(
        title=_("Retention period"),
        description=_("In years after the Akte is closed (zdA), or “dauernd”"),
        required=True,
        default="10",
        constraint=check_retention,
    )
    archival_value = schema.Choice(
        title=_("Archival value"),
        vocabulary="mittelangeln.policy.archival_values",
        required=True,
        default="B",
    )


@implementer(IAktenplanPosition)
class AktenplanPosition(Container):
    _ordering = UNORDERED
