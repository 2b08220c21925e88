"""Akte (file) and its special kinds Bauakte and Personalakte."""

from AccessControl import ClassSecurityInfo
from AccessControl.class_init import InitializeClass
from plone import api
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant

from mittelangeln.policy.retention import check_retention


class IAkte(model.Schema):
    """A file under a plan position; work happens in its Vorgänge."""

    directives.mode(aktenzeichen="display")
    aktenzeichen = schema.TextLine(
        title="Aktenzeichen",
        description="Wird beim Anlegen automatisch vergeben.",
        required=False,
        readonly=True,
    )
    fachdienst = schema.Choice(
        title="Fachdienst",
        vocabulary="mittelangeln.policy.fachdienste",
        required=True,
    )
    responsible = schema.TextLine(title="Zuständig", required=False)
    opened = schema.Date(title="Angelegt am", required=False)
    directives.mode(closed="display")
    closed = schema.Date(
        title="Geschlossen (zdA) am",
        description="Wird beim Schließen gesetzt; ab Jahresende läuft die Aufbewahrungsfrist.",
        required=False,
    )
    retention_override = schema.ASCIILine(
        title="Abweichende Aufbewahrungsfrist",
        description="Nur wenn die Frist der Aktenplanposition nicht gelten soll: Jahre oder „dauernd“",
        required=False,
        constraint=check_retention,
    )
    retention_override_reason = schema.Text(title="Begründung der abweichenden Frist", required=False)

    @invariant
    def override_needs_reason(data):
        if data.retention_override and not (data.retention_override_reason or "").strip():
            raise Invalid("Eine abweichende Aufbewahrungsfrist braucht eine Begründung.")


@implementer(IAkte)
class Akte(Container):
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

    gemarkung = schema.TextLine(title="Gemarkung", required=True)
    flur = schema.TextLine(title="Flur", required=True)
    flurstuecke = schema.List(
        title="Flurstück(e)",
        description="Ein Flurstück je Zeile, z. B. 12/3",
        value_type=schema.TextLine(),
        required=True,
    )
    site_address = schema.TextLine(title="Lage (Anschrift des Grundstücks)", required=False)
    bauherr = schema.TextLine(title="Bauherr/in", required=False)
    project = schema.TextLine(title="Bauvorhaben", required=False)
    permit_number = schema.TextLine(title="Genehmigungsnummer", required=False)
    permit_date = schema.Date(title="Genehmigt am", required=False)


@implementer(IBauakte)
class Bauakte(Akte):
    pass


class IPersonalakte(IAkte):
    """Personnel file: seen only by the personnel office and Leitung."""

    employee_name = schema.TextLine(title="Name der/des Beschäftigten", required=True)
    personnel_number = schema.TextLine(title="Personalnummer", required=True)
    employed_from = schema.Date(title="Beschäftigt seit", required=False)
    employed_until = schema.Date(title="Beschäftigt bis", required=False)


@implementer(IPersonalakte)
class Personalakte(Akte):
    pass
