"""News for the user: the latest items of Aktuelles (for everyone) and of the
areas of the user's groups (Intranet for staff, Ehrenamt, their centre)."""

from plone import api

from mittelangeln.policy.security.areas import CENTRES
from mittelangeln.policy.security.groups import EHRENAMT
from mittelangeln.policy.security.groups import STAFF


EVERYONE = "aktuelles"
# group: the area whose news concern its members
GROUP_AREAS = {
    STAFF: "intranet",
    EHRENAMT: "ehrenamt",
    **{group: f"einrichtungen/{group}" for group in CENTRES},
}
NEWS_TYPES = ("News Item", "Event", "Document", "File", "Link")


def news_areas():
    """The news areas of the current user that they may open."""
    user = api.user.get_current()
    groups = {group.getId() for group in api.group.get_groups(user=user)} if not api.user.is_anonymous() else set()
    paths = [EVERYONE] + [path for group, path in GROUP_AREAS.items() if group in groups]
    portal = api.portal.get()
    found = []
    for path in paths:
        area = portal.unrestrictedTraverse(path, None)
        if area is not None and api.user.has_permission("View", obj=area):
            found.append(area)
    return found


def latest_news(limit=6):
    """Brains of the newest items in the user's news areas."""
    paths = ["/".join(area.getPhysicalPath()) for area in news_areas()]
    if not paths:
        return []
    return api.content.find(
        path=paths, portal_type=list(NEWS_TYPES), sort_on="created", sort_order="reverse", sort_limit=limit
    )[:limit]
