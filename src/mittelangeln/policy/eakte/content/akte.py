"""Akte (file) and its special kinds Bauakte and Personalakte."""

from AccessControl import ClassSecurityInfo
from AccessControl.class_init import InitializeClass
from plone import api
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import invariant

from mittelangeln.policy.eakte.content import UNORDERED
from mittelangeln.policy.eakte.retention import RetentionInvalid
from mittelangeln.policy.eakte.retention import check_retention
from mittelangeln.policy.i18n import _
from mittelangeln.policy.interfaces import IAccessLogged


class IAkte(model.Schema):
    """A file under a plan position; work happens in its Vorgänge."""

    directives.mode(aktenzeichen="display")
    aktenzeichen = schema.TextLine(
        title=_("Aktenzeichen"),
        description=_("Assigned automatically when the item is created."),
        required=False,
        readonly=True,
    )
    fachdienst = schema.Choice(
        title=_("Department"),
        vocabulary="mittelangeln.policy.fachdienste",
        required=True,
    )
    responsible = schema.TextLine(title=_("Responsible"), required=False)
    opened = schema.Date(title=_("Opened on"), required=False)
    directives.mode(closed="display")
    closed = schema.Date(
        title=_("Closed (zdA) on"),
        description=_("Set on closing; the retention period runs from the end of that year."),
        required=False,
    )
    retention_override = schema.ASCIILine(
        title=_("Differing retention period"),
        description=_("Only if the period of the plan position should not apply: years or “dauernd”"),
        required=False,
        constraint=check_retention,
    )
    retention_override_reason = schema.Text(title=_("Reason for the differing period"), required=False)

    @invariant
    def override_needs_reason(data):
        if data.retention_override and not (data.retention_override_reason or "").strip():
            raise RetentionInvalid(_("A differing retention period needs a reason."))


@implementer(IAkte)
class Akte(Container):
    _ordering = UNORDERED

    security = ClassSecurityInfo()

    @security.public
    def has_open_vorgaenge(self):
        """True while a Vorgang in this Akte is not done; guards zdA in
        mittelangeln_akte_workflow."""
        catalog = api.portal.get_tool("portal_catalog")
        return bool(
            catalog.unrestrictedSearchResults(
                path={"query": "/".join(self.getPhysicalPath()), "depth": 1},
                portal_type="Vorgang",
                review_state="open",
            )
        )


InitializeClass(Akte)


class IBauakte(IAkte):
    """Building file with its land-register keys."""

    gemarkung = schema.TextLine(title=_("Gemarkung"), required=True)
    flur = schema.TextLine(title=_("Flur"), required=True)
    flurstuecke = schema.List(
        title=_("Flurstück(e)"),
        description=_("One Flurstück per line, e.g. 12/3"),
        value_type=schema.TextLine(),
        required=True,
    )
    site_address = schema.TextLine(title=_("Location (address of the plot)"), required=False)
    bauherr = schema.TextLine(title=_("Building owner"), required=False)
    project = schema.TextLine(title=_("Building project"), required=False)
    permit_number = schema.TextLine(title=_("Permit number"), required=False)
    permit_date = schema.Date(title=_("Permitted on"), required=False)


@implementer(IBauakte)
class Bauakte(Akte):
    pass


class IPersonalakte(IAkte):
    """Personnel file: seen only by the personnel office and Leitung."""

    employee_name = schema.TextLine(title=_("Name of the employee"), required=True)
    personnel_number = schema.TextLine(title=_("Personnel number"), required=True)
    employed_from = schema.Date(title=_("Employed since"), required=False)
    employed_until = schema.Date(title=_("Employed until"), required=False)


@implementer(IPersonalakte, IAccessLogged)
class Personalakte(Akte):
    pass
