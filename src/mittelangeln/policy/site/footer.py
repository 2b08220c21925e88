"""The Amt's contact in the page footer.

Rendered by a classic portlet in Plone's footer portlet manager
(profiles/default/portlets.xml), where Plone had its copyright and colophon:
Barceloneta's theme rules place footer portlets in the footer's upper row and
the site actions (Impressum, Datenschutz, Barrierefreiheit, actions.xml) in
the row below. The data comes from Site Setup → Mittelangeln, tab Contact.
"""

import re

from Products.Five.browser import BrowserView

from mittelangeln.policy import settings


def phone_link(phone):
    """``tel:`` address of a phone number as people write it."""
    return "tel:" + re.sub(r"[^\d+]", "", phone)


class FooterContact(BrowserView):
    def contact(self):
        contact = settings.contact()
        return {**contact, "phone_link": phone_link(contact["phone"])}
