"""The box "Wiedervorlagen" on Mein Arbeitsplatz: what is due for the user
and their groups (today and overdue)."""

from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.interface import implementer

from mittelangeln.policy.i18n import _
from mittelangeln.policy.interfaces import IArbeitsplatzBox
from mittelangeln.policy.wiedervorlage.browser.mine import rows_for
from mittelangeln.policy.wiedervorlage.browser.table import WiedervorlagenTable
from mittelangeln.policy.wiedervorlage.principals import works_here
from mittelangeln.policy.wiedervorlage.store import local_today


MAX_ROWS = 10


@implementer(IArbeitsplatzBox)
class WiedervorlagenBox(WiedervorlagenTable, BrowserView):
    order = 30
    title = _("Wiedervorlagen")
    wide = True
    template = ViewPageTemplateFile("templates/box.pt")
    caption = _("Due Wiedervorlagen, the oldest first")

    def available(self):
        """Staff: Wiedervorlagen can be set for them."""
        user = api.user.get_current()
        return not api.user.is_anonymous() and works_here(user)

    def render(self):
        rows = rows_for(api.user.get_current(), until=local_today())
        return self.template(rows=rows[:MAX_ROWS], more=max(len(rows) - MAX_ROWS, 0))

    def mine_url(self):
        return f"{api.portal.get().absolute_url()}/@@meine-wiedervorlagen"
