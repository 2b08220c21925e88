"""Links to what the user's groups use: the Aktenplan, the areas of
``security/areas.py`` the user works or reads in, and the tools they may use."""

from dataclasses import dataclass
from dataclasses import field

from plone import api

from mittelangeln.policy.arbeitsplatz.submissions import handles_submissions
from mittelangeln.policy.i18n import _
from mittelangeln.policy.security.areas import areas


def always():
    return True


# (title, view on the site root, permission needed there, and whether it concerns the user)
TOOLS = (
    (_("Aussonderung"), "@@aussonderung", "mittelangeln.policy: Manage Aussonderung", always),
    (
        _("Evaluation of the online forms"),
        "@@auswertung-formulare",
        "mittelangeln.policy: View form statistics",
        handles_submissions,  # everyone signed in may, but it counts only what they see
    ),
    (_("Access trail"), "@@zugriffsprotokoll", "mittelangeln.policy: View access trail", always),
)


@dataclass
class Link:
    title: str
    url: str
    description: str = ""
    children: list = field(default_factory=list)


def _uses(folder, area):
    """Public areas are everybody's to read: listed only for those who write there."""
    if area.state != "published":
        return True
    return api.user.has_permission("Add portal content", obj=folder) or api.user.has_permission(
        "Modify portal content", obj=folder
    )


def area_links():
    """The areas the user may open and uses, sub-areas below their parent
    when the parent is listed too."""
    portal = api.portal.get()
    listed, top = {}, []
    for area in areas():
        folder = portal.unrestrictedTraverse(area.path, None)
        if folder is None or not api.user.has_permission("View", obj=folder) or not _uses(folder, area):
            continue
        link = Link(folder.Title(), folder.absolute_url(), folder.Description())
        listed[area.path] = link
        parent = listed.get(area.path.rpartition("/")[0])
        (parent.children if parent else top).append(link)
    return top


def plan_links():
    """The Aktenpläne the user may open."""
    return [Link(brain.Title, brain.getURL(), brain.Description) for brain in api.content.find(portal_type="Aktenplan")]


def tool_links():
    portal = api.portal.get()
    return [
        Link(title, f"{portal.absolute_url()}/{view}")
        for title, view, permission, concerns in TOOLS
        if api.user.has_permission(permission, obj=portal) and concerns()
    ]
