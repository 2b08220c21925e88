"""Akte and Vorgang view: Aktenzeichen, metadata, Vorgänge and Dokumente."""

from plone import api
from plone.base.batch import Batch
from Products.Five.browser import BrowserView

from mittelangeln.policy.eakte.content.akte import IBauakte
from mittelangeln.policy.eakte.content.akte import IPersonalakte
from mittelangeln.policy.eakte.indexers import effective_retention
from mittelangeln.policy.eakte.retention import PERMANENT
from mittelangeln.policy.eakte.retention import retention_until
from mittelangeln.policy.formatting import german_date
from mittelangeln.policy.formatting import german_datetime
from mittelangeln.policy.formatting import state_title
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate


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
        """(label, value) rows for the header table; empty values left out.
        Labels are messages, translated by the template."""
        context = self.context
        rows = [
            (_("Aktenzeichen"), context.aktenzeichen),
            (_("Status"), self.state_title()),
        ]
        if hasattr(context, "fachdienst"):
            rows += [
                (_("Department"), context.fachdienst),
                (_("Responsible"), context.responsible),
                (_("Opened on"), self.date(context.opened)),
                (_("Closed (zdA) on"), self.date(context.closed)),
                (_("Retention period"), self.retention_text()),
                (_("Retained until"), self.date(retention_until(context.closed, effective_retention(context)))),
            ]
        else:
            rows += [(_("Responsible"), context.responsible), (_("Due date"), self.date(context.due_date))]
        if IBauakte.providedBy(context):
            rows += [
                (_("Gemarkung"), context.gemarkung),
                (_("Flur"), context.flur),
                (_("Flurstück(e)"), ", ".join(context.flurstuecke or [])),
                (_("Location"), context.site_address),
                (_("Building owner"), context.bauherr),
                (_("Building project"), context.project),
                (_("Permit number"), context.permit_number),
                (_("Permitted on"), self.date(context.permit_date)),
            ]
        if IPersonalakte.providedBy(context):
            rows += [
                (_("Employee"), context.employee_name),
                (_("Personnel number"), context.personnel_number),
                (_("Employed since"), self.date(context.employed_from)),
                (_("Employed until"), self.date(context.employed_until)),
            ]
        return [(label, value) for label, value in rows if value]

    def retention_text(self):
        retention = effective_retention(self.context)
        if not retention:
            return None
        if retention == PERMANENT:
            text = _("permanent")
        elif retention == "1":
            text = _("1 year")
        else:
            text = _("${years} years", mapping={"years": retention})
        if self.context.retention_override:
            text = _(
                "${period} (differing: ${reason})",
                mapping={"period": text, "reason": self.context.retention_override_reason},
            )
        return translate(text, self.request)

    def state_title(self):
        return state_title(self.context.portal_type, api.content.get_state(self.context, default=None))

    def state_label(self, brain):
        return state_title(brain.portal_type, brain.review_state) or ""

    date = staticmethod(german_date)
    datetime = staticmethod(german_datetime)

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
