"""The box "Mein Posteingang" of Mein Arbeitsplatz (an IArbeitsplatzBox,
see interfaces.py): counts per state of the items assigned to me and of my
Fachdienste, overdue ones, links to the lists."""

from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.interface import implementer

from mittelangeln.policy.formatting import state_title
from mittelangeln.policy.i18n import _
from mittelangeln.policy.interfaces import IArbeitsplatzBox
from mittelangeln.policy.posteingang import listing
from mittelangeln.policy.posteingang.items import OPEN_STATES
from mittelangeln.policy.principals import fachdienst_group_id


@implementer(IArbeitsplatzBox)
class PosteingangBox(BrowserView):
    order = 15
    title = _("My Posteingang")
    wide = False
    template = ViewPageTemplateFile("templates/box.pt")

    def available(self):
        return listing.may_use_lists()

    def render(self):
        return self.template()

    def entries(self):
        """[{title, url, counts [{title, count}], overdue}] per list."""
        base = f"{api.portal.get().absolute_url()}/@@mein-posteingang"
        user_id = api.user.get_current().getId()
        lists = [(_("Assigned to me"), base, listing.personal_scope(user_id))]
        for name in listing.my_fachdienste():
            lists.append((name, f"{base}?liste={fachdienst_group_id(name)}", listing.fachdienst_scope(name)))
        entries = []
        for title, url, scope in lists:
            counts = listing.state_counts(scope, listing.Filters())
            entries.append(
                {
                    "title": title,
                    "url": url,
                    "counts": [
                        {"title": state_title("Eingang", state), "count": counts[state]} for state in OPEN_STATES
                    ],
                    "overdue": listing.overdue_count(scope),
                }
            )
        return entries

    def statistics_url(self):
        return f"{api.portal.get().absolute_url()}/@@posteingang-statistik"
