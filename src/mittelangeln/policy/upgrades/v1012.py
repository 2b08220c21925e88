"""1011 → 1012: the footer shows the Amt's contact (new settings fields, tab
Contact) instead of Plone's copyright and colophon, and links to the
Impressum, the Datenschutzerklärung and the Erklärung zur Barrierefreiheit,
which every site now has at its root (legal/pages.py)."""

from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

from mittelangeln.policy.legal.pages import ensure_legal_pages
from mittelangeln.policy.settings import PREFIX
from mittelangeln.policy.settings import IMittelangelnSettings
from mittelangeln.policy.upgrades import reimport


def upgrade(context):
    # Only the settings schema: reimporting registry.xml would also reset
    # records such as the site title.
    getUtility(IRegistry).registerInterface(IMittelangelnSettings, prefix=PREFIX)
    reimport(context, "portlets", "actions")
    ensure_legal_pages(api.portal.get())
