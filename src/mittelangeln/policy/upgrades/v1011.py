"""1010 → 1011: each type only where it belongs (issue 16). The site root
offers only the Aktenplan, pages, links and folders (profile: Plone Site
type), the Aktenplan is no longer offered in folders, each area offers its
own types (security/areas.py), and folders made by hand in the site root
offer what an ordinary area offers. A folder whose constraints an
administrator already chose keeps them."""

from plone import api

from mittelangeln.policy.security.areas import NEWS
from mittelangeln.policy.security.areas import areas
from mittelangeln.policy.security.areas import offer_unless_chosen
from mittelangeln.policy.upgrades import reimport


def upgrade(context):
    reimport(context, "typeinfo")
    portal = api.portal.get()
    area_paths = set()
    for area in areas():
        area_paths.add(area.path)
        folder = portal.unrestrictedTraverse(area.path, None)
        if folder is not None:
            offer_unless_chosen(folder, area.allowed_types)
    for folder in portal.objectValues("Dexterity Container"):
        if folder.portal_type == "Folder" and folder.getId() not in area_paths:
            offer_unless_chosen(folder, NEWS)
