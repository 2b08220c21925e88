"""On an Akte in an Aussonderung process: which process, since when, and
how far (the annotation process.py keeps), for everyone who reads the Akte."""

from plone.app.layout.viewlets import ViewletBase

from mittelangeln.policy.aussonderung.browser.listing import process_info
from mittelangeln.policy.formatting import german_date
from mittelangeln.policy.i18n import _


DECISIONS = {"A": _("worth archiving"), "V": _("destroy")}


class AussonderungStatusViewlet(ViewletBase):
    def update(self):
        super().update()
        self.info = process_info(self.context)

    def available(self):
        return self.info is not None

    def process_id(self):
        return self.info["process_id"]

    def since(self):
        return german_date(self.info.get("since") or self.info.get("at"))

    def step(self):
        """Offered, appraised (with the decision) or handed over."""
        step = self.info.get("step") or "angeboten"
        decision = DECISIONS.get(self.info.get("decision") or "")
        if step in ("uebergeben", "abgeschlossen"):
            return _("handed over")
        if decision is not None:
            return _("appraised by the archive: ${decision}", mapping={"decision": decision})
        return _("offered")
