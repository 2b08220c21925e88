"""Akte and Vorgang view: Aktenzeichen, metadata, Vorgänge and Dokumente."""

from plone import api
from plone.base.batch import Batch
from Products.Five.browser import BrowserView

from mittelangeln.policy.content.akte import IBauakte
from mittelangeln.policy.content.akte import IPersonalakte
from mittelangeln.policy.indexers import effective_retention
from mittelangeln.policy.retention import retention_until

# Sort keys a clerk may choose in the listing; anything else falls back.
SORT_INDEXES = {
    "datum": "created",
    "titel": "sortable_title",
    "aktenzeichen": "aktenzeichen",
    "art": "portal_type",
    "geaendert": "modified",
}
DEFAULT_SORT = "datum"
BATCH_SIZE = 50


class AkteView(BrowserView):
    """Default view of Akte, Bauakte, Personalakte and Vorgang."""

    def metadata(self):
        """(label, value) rows for the header table; empty values left out."""
        context = self.context
        rows = [
            ("Aktenzeichen", context.aktenzeichen),
            ("Status", self.state_title()),
        ]
        if hasattr(context, "fachdienst"):
            rows += [
                ("Fachdienst", context.fachdienst),
                ("Zuständig", context.responsible),
                ("Angelegt am", self.date(context.opened)),
                ("Geschlossen (zdA) am", self.date(context.closed)),
                ("Aufbewahrungsfrist", self.retention_text()),
                ("Aufbewahrung bis", self.date(retention_until(context.closed, effective_retention(context)))),
            ]
        else:
            rows += [("Zuständig", context.responsible), ("Frist", self.date(context.due_date))]
        if IBauakte.providedBy(context):
            rows += [
                ("Gemarkung", context.gemarkung),
                ("Flur", context.flur),
                ("Flurstück(e)", ", ".join(context.flurstuecke or [])),
                ("Lage", context.site_address),
                ("Bauherr/in", context.bauherr),
                ("Bauvorhaben", context.project),
                ("Genehmigungsnummer", context.permit_number),
                ("Genehmigt am", self.date(context.permit_date)),
            ]
        if IPersonalakte.providedBy(context):
            rows += [
                ("Beschäftigte/r", context.employee_name),
                ("Personalnummer", context.personnel_number),
                ("Beschäftigt seit", self.date(context.employed_from)),
                ("Beschäftigt bis", self.date(context.employed_until)),
            ]
        return [(label, value) for label, value in rows if value]

    def retention_text(self):
        retention = effective_retention(self.context)
        if not retention:
            return None
        text = "dauernd" if retention == "dauernd" else f"{retention} Jahre"
        if self.context.retention_override:
            text += f" (abweichend: {self.context.retention_override_reason})"
        return text

    def state_title(self):
        workflow = api.portal.get_tool("portal_workflow")
        state = api.content.get_state(self.context, default=None)
        return workflow.getTitleForStateOnType(state, self.context.portal_type) if state else None

    def state_label(self, brain):
        workflow = api.portal.get_tool("portal_workflow")
        if not brain.review_state:
            return ""
        return workflow.getTitleForStateOnType(brain.review_state, brain.portal_type)

    @staticmethod
    def date(value):
        return value.strftime("%d.%m.%Y") if value else None

    def sort_key(self):
        key = self.request.form.get("sortierung", DEFAULT_SORT)
        return key if key in SORT_INDEXES else DEFAULT_SORT

    def descending(self):
        return self.request.form.get("richtung", "ab") != "auf"

    def contents(self):
        """The Vorgänge and Dokumente directly in here, sorted and batched
        by the catalog (fast with thousands of Dokumente)."""
        brains = api.content.find(
            context=self.context,
            depth=1,
            portal_type=["Vorgang", "Dokument"],
            sort_on=SORT_INDEXES[self.sort_key()],
            sort_order="descending" if self.descending() else "ascending",
        )
        start = str(self.request.form.get("b_start", "0"))
        return Batch(brains, BATCH_SIZE, int(start) if start.isdigit() else 0)

    def sort_url(self, key):
        descending = not (key == self.sort_key() and self.descending())
        return f"{self.context.absolute_url()}?sortierung={key}&richtung={'ab' if descending else 'auf'}"
