"""``POST <item>/@workflow/<transition>`` only for a transition the caller
may take now.

plone.restapi's service (registered with ``zope2.View``) writes the given
``effective``/``expires`` dates, and stamps "now" as publication date on an
item without one, before it asks the workflow whether the transition is
allowed; a transition into the state the item is already in counts as done.
So anyone who could view an item (anonymous visitors on published pages)
changed its dates, answered with 400 or even 200. Here the transition must be
among those the workflow offers the caller on every item it is to be taken
on, before anything is touched; dates need Modify portal content as well.
Registered for the policy's browser layer, so it replaces the upstream
service on this site only.
"""

from plone import api
from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from plone.restapi.services.workflow.transition import WorkflowTransition

from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate


DATE_KEYS = ("effective", "expires", "effectiveDate", "expirationDate")


class CheckedWorkflowTransition(WorkflowTransition):
    def reply(self):
        if self.transition is not None:
            refusal = self.refusal()
            if refusal is not None:
                self.request.response.setStatus(403)
                return {"error": {"type": "Forbidden", "message": translate(refusal)}}
        return super().reply()

    def refusal(self):
        offered = {transition["id"] for transition in self.wftool.getTransitionsFor(self.context)}
        if self.transition not in offered:
            return _("This workflow transition is not available to you here.")
        sets_dates = any(key in self._body() for key in DATE_KEYS)
        if sets_dates and not api.user.has_permission("Modify portal content", obj=self.context):
            return _("You may not change the publication dates of this item.")
        return None

    def _body(self):
        try:
            data = json_body(self.request)
        except DeserializationError:  # the upstream reply answers it with 400
            return {}
        return data if isinstance(data, dict) else {}
