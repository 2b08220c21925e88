"""Aktenplan view: the plan as a tree, with the number of Akten per position."""

from collections import Counter

from plone import api
from Products.Five.browser import BrowserView

from mittelangeln.policy.eakte.content import AKTE_TYPES
from mittelangeln.policy.eakte.content.aktenplan import IAktenplan
from mittelangeln.policy.eakte.content.aktenplan import IAktenplanPosition
from mittelangeln.policy.eakte.numbering import preview_next_aktenzeichen


class AktenplanView(BrowserView):
    """Default view of the Aktenplan and its positions."""

    def positions(self):
        """Positions below here in plan order, with depth and Akten counts
        (own and with sub-positions) as the current user may see them."""
        root = "/".join(self.context.getPhysicalPath())
        brains = api.content.find(context=self.context, portal_type="AktenplanPosition", sort_on="path")
        own = Counter(b.plan_key for b in api.content.find(context=self.context, portal_type=list(AKTE_TYPES)))
        rows = []
        for brain in brains:
            path = brain.getPath()
            depth = path[len(root) :].count("/")
            rows.append({"brain": brain, "path": path, "depth": depth, "own": own.get(brain.plan_key, 0)})
        for row in rows:
            prefix = row["path"] + "/"
            row["total"] = row["own"] + sum(r["own"] for r in rows if r["path"].startswith(prefix))
        return rows

    def akten(self):
        """The Akten directly in this position."""
        return api.content.find(context=self.context, depth=1, portal_type=list(AKTE_TYPES), sort_on="aktenzeichen")

    def next_aktenzeichen(self):
        key = getattr(self.context, "key", None)
        return preview_next_aktenzeichen(key) if key else None

    def can_import(self):
        return IAktenplan.providedBy(self.context) and api.user.has_permission(
            "Modify portal content", obj=self.context
        )

    def can_import_xdomea(self):
        """Positions take xdomea hand-overs (aussonderung/importer.py) from the records manager."""
        return IAktenplanPosition.providedBy(self.context) and api.user.has_permission(
            "mittelangeln.policy: Manage Aussonderung", obj=self.context
        )

    def can_add_akte(self):
        return bool(self.context.allowedContentTypes()) and api.user.has_permission(
            "mittelangeln.policy: Add Akte", obj=self.context
        )
