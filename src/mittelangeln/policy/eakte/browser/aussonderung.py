"""Records managers' list of Akten whose retention period has run out."""

import datetime

from plone import api
from Products.Five.browser import BrowserView

from mittelangeln.policy.eakte.content import AKTE_TYPES
from mittelangeln.policy.formatting import german_date
from mittelangeln.policy.formatting import state_title


class ExpiredRetentionView(BrowserView):
    """Akten closed (zdA) or marked for Aussonderung whose "Aufbewahrung bis"
    lies in the past, optionally only under one plan position (key prefix)."""

    def plan_key(self):
        return (self.request.form.get("kennzeichen") or "").strip()

    def akten(self):
        query = {
            "portal_type": list(AKTE_TYPES),
            "retention_until": {"query": datetime.date.today(), "range": "max"},
            "review_state": ["closed", "aussonderung"],
            "sort_on": "retention_until",
        }
        key = self.plan_key()
        if key:
            query["plan_key"] = {"query": (key, key + "\uffff"), "range": "min:max"}
        return api.content.find(**query)

    date = staticmethod(german_date)

    def state_label(self, brain):
        return state_title(brain.portal_type, brain.review_state)
