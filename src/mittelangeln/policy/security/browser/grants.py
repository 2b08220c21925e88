"""Who has access to an Akte or Vorgang (viewlet), and everything clerks
shared on sharing tabs (overview ``@@freigaben``)."""

from plone import api
from plone.app.layout.viewlets import ViewletBase
from Products.Five.browser import BrowserView

from mittelangeln.policy.i18n import _
from mittelangeln.policy.principals import principal_title
from mittelangeln.policy.security.sharing import all_grants
from mittelangeln.policy.security.sharing import individual_grants


ROLE_LABELS = {
    "Reader": _("can view"),
    "Contributor": _("can add"),
    "Editor": _("can edit"),
    "Reviewer": _("can review"),
}


def role_labels(roles):
    return [ROLE_LABELS[role] for role in roles if role in ROLE_LABELS]


def rows(grants):
    return [
        {"principal": principal_title(principal), "roles": role_labels(roles), "by_policy": by_policy}
        for principal, roles, by_policy in grants
        if role_labels(roles)
    ]


class GrantsViewlet(ViewletBase):
    """The access box below an Akte's or Vorgang's content."""

    def update(self):
        self.grants = rows(all_grants(self.context))
        self.can_share = api.user.has_permission("Sharing page: Delegate roles", obj=self.context)
        self.sharing_url = f"{self.context.absolute_url()}/@@sharing"


class SharingOverview(BrowserView):
    """Everything with individual grants the current user can see, newest
    change first; ``?fuer=<principal id>`` narrows it to one colleague or group."""

    def principal(self):
        return (self.request.form.get("fuer") or "").strip()

    def items(self):
        catalog = api.portal.get_tool("portal_catalog")
        principal = self.principal()
        principals = [principal] if principal else list(catalog.uniqueValuesFor("shared_with"))
        if not principals:
            return []
        result = []
        for brain in catalog(shared_with=principals, sort_on="modified", sort_order="descending"):
            obj = brain.getObject()
            grants = [(p, roles, False) for p, roles in individual_grants(obj).items() if p in principals]
            result.append({"brain": brain, "grants": rows(grants)})
        return result
