"""The open Wiedervorlagen of an Eingang, Vorgang or Akte, above its
content (plone.abovecontent: also over the own views of Akte and Eingang)."""

from plone import api
from plone.app.layout.viewlets import ViewletBase

from mittelangeln.policy.wiedervorlage import store
from mittelangeln.policy.wiedervorlage.listing import row


PERMISSION = "mittelangeln.policy: Set Wiedervorlage"


class WiedervorlagenViewlet(ViewletBase):
    def update(self):
        super().update()
        today = store.local_today()
        self.rows = [row(self.context, entry, today) for entry in store.open_entries(self.context)]
        self.can_set = api.user.has_permission(PERMISSION, obj=self.context)

    def available(self):
        if getattr(self.view, "__name__", None) == "wiedervorlage":
            return False  # the form lists them itself
        return bool(self.rows) or self.can_set

    def form_url(self):
        return f"{self.context.absolute_url()}/@@wiedervorlage"
