"""The sharing tab (and REST @sharing, which uses it) offers the portal's
groups and persons only.

Plone always lists "Logged-in users" (the virtual group AuthenticatedUsers)
on the sharing tab. One tick there would open an Akte or an area to every
account of the portal, volunteers and the Kita included, past all the
groups that decide who sees what. So the row is not offered, a search does
not find it, and a submitted grant to it is refused with a German message
(nothing is stored); a grant made before is still shown, so that it can be
taken back.
"""

from plone.app.workflow.browser.sharing import AUTH_GROUP
from plone.app.workflow.browser.sharing import SharingView
from zExceptions import BadRequest

from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate


NO_SHARING_WITH_EVERYONE = _(
    "Sharing with all signed-in users is not possible in this portal; choose a group or a person."
)


def holds_roles(entry):
    return any(value is True or value == "acquired" for value in entry["roles"].values())


class GroupSharingView(SharingView):
    STICKY = ()

    def existing_role_settings(self):
        return [entry for entry in super().existing_role_settings() if entry["id"] != AUTH_GROUP or holds_roles(entry)]

    def group_search_results(self):
        return [entry for entry in super().group_search_results() if entry["id"] != AUTH_GROUP]

    def update_role_settings(self, new_settings, reindex=True):
        """A grant to all signed-in users is refused; taking one back works."""
        if any(entry["id"] == AUTH_GROUP and entry["roles"] for entry in new_settings):
            raise BadRequest(translate(NO_SHARING_WITH_EVERYONE, self.request))
        return super().update_role_settings(new_settings, reindex)
