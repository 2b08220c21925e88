"""Install handlers of the policy profiles."""

from collective.documentviewer.settings import GlobalSettings
from plone import api
from plone.base.interfaces import INonInstallable
from Products.CMFCore.indexing import processQueue
from zope.interface import implementer

from mittelangeln.policy import UNINSTALL_PROFILE_ID
from mittelangeln.policy import compat
from mittelangeln.policy.catalog_metadata import use_plain_tree
from mittelangeln.policy.catalog_metadata import use_small_buckets
from mittelangeln.policy.eakte.numbering import counters
from mittelangeln.policy.fulltext.catalog import reindex_searchable_text
from mittelangeln.policy.fulltext.catalog import use_plone_lexicon
from mittelangeln.policy.legal.pages import ensure_legal_pages
from mittelangeln.policy.security.areas import ensure_areas
from mittelangeln.policy.security.groups import ensure_groups
from mittelangeln.policy.security.lockout import install_plugin as install_lockout
from mittelangeln.policy.security.lockout import uninstall_plugin as uninstall_lockout
from mittelangeln.policy.security.session import harden_session
from mittelangeln.policy.site.mail import apply_mail_settings


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Keep the uninstall profile out of the add-on control panel."""
        return [UNINSTALL_PROFILE_ID]


def configure_documentviewer(portal):
    """PDFs are converted on upload; scans without text get OCR in the
    site's language (de -> deu)."""
    settings = GlobalSettings(portal)
    settings.ocr = True
    settings.detect_text = True
    settings.auto_convert = True
    settings.auto_select_layout = True
    compat.hide_broken_group_view()


def post_install(context):
    portal = api.portal.get()
    configure_documentviewer(portal)
    apply_mail_settings()
    ensure_groups()
    ensure_areas(portal)
    harden_session(portal)
    install_lockout(portal)
    counters(portal)
    ensure_legal_pages(portal)
    # catalog.xml made SearchableText anew on the German lexicon: whatever
    # the site held before the add-on is indexed into it again.
    catalog = api.portal.get_tool("portal_catalog")
    reindex_searchable_text(catalog)
    use_small_buckets(catalog)
    # Index what was made here while the site is still set up: a queue left
    # for the commit was seen to be indexed without it (type "Unknown", no
    # exclude_from_nav, so the areas were missing from the navigation).
    processQueue()


def uninstall(context):
    """Groups, areas, the legal pages and their content stay (they are the
    Amt's data); the lock-out plugin goes, since its code goes with the
    add-on, and so do the German lexicon of the full-text index and the
    catalog's metadata tree class. The uninstall profile gives the footer
    back to Plone."""
    uninstall_lockout(api.portal.get())
    catalog = api.portal.get_tool("portal_catalog")
    use_plone_lexicon(catalog)
    use_plain_tree(catalog)
