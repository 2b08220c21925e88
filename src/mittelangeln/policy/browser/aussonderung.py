"""Records managers' list of Akten whose retention period has run out."""

import datetime

from plone import api
from Products.Five.browser import BrowserView

AKTE_TYPES = ["Akte", "Bauakte", "Personalakte"]


class ExpiredRetentionView(BrowserView):
    """Akten closed (zdA) or marked for Aussonderung whose "Aufbewahrung bis"
    lies in the past, optionally only under one plan position (key prefix)."""

    def plan_key(self):
        return (self.request.form.get("kennzeichen") or "").strip()

    def akten(self):
        query = {
            "portal_type": AKTE_TYPES,
            "retention_until": {"query": datetime.date.today(), "range": "max"},
            "review_state": ["closed", "aussonderung"],
            "sort_on": "retention_until",
        }
        key = self.plan_key()
        if key:
            query["plan_key"] = {"query": (key, key + "\uffff"), "range": "min:max"}
        return api.content.find(**query)

    @staticmethod
    def date(value):
        return value.strftime("%d.%m.%Y") if value else ""

    def state_label(self, brain):
        workflow = api.portal.get_tool("portal_workflow")
        return workflow.getTitleForStateOnType(brain.review_state, brain.portal_type)
