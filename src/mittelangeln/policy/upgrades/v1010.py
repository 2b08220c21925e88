"""1009 → 1010: the Amt's theme (themes/mittelangeln.theme) is installed
and switched on, sites made before it showed Plone's pages unstyled; the
areas are indexed again, as some sites had them indexed without their type
(and so without them in the navigation bar); documentviewer's broken
"PDF Group View" is no longer offered in the Darstellung menu."""

from plone import api

from mittelangeln.policy import compat
from mittelangeln.policy.security.areas import areas
from mittelangeln.theme import PROFILE_ID as THEME_PROFILE


def upgrade(context):
    context.runAllImportStepsFromProfile("profile-" + THEME_PROFILE)
    compat.hide_broken_group_view()
    portal = api.portal.get()
    for area in areas():
        folder = portal.unrestrictedTraverse(area.path, None)
        if folder is not None:
            folder.reindexObject()
