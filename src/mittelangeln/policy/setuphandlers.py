"""Install handlers of the policy profiles."""

from collective.documentviewer.settings import GlobalSettings
from plone import api
from plone.base.interfaces import INonInstallable
from zope.interface import implementer

from mittelangeln.policy import UNINSTALL_PROFILE_ID
from mittelangeln.policy.mail import apply_mail_settings
from mittelangeln.policy.numbering import counters
from mittelangeln.policy.security.areas import ensure_areas
from mittelangeln.policy.security.areas import reroute_submission_area
from mittelangeln.policy.security.areas import SUBMISSION_AREAS
from mittelangeln.policy.security.groups import ensure_groups
from mittelangeln.policy.security.lockout import install_plugin as install_lockout
from mittelangeln.policy.security.lockout import uninstall_plugin as uninstall_lockout
from mittelangeln.policy.security.session import harden_session
from mittelangeln.policy.vocabularies import FACHDIENSTE_RECORD


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


def post_install(context):
    portal = api.portal.get()
    configure_documentviewer(portal)
    apply_mail_settings()
    ensure_groups()
    ensure_areas(portal)
    harden_session(portal)
    install_lockout(portal)
    counters(portal)


def fachdienste_changed(event):
    """A Fachdienst added to the registry list gets its group and area; a
    kind of submission routed to another Fachdienst moves to it."""
    name = getattr(event.record, "__name__", None)
    routing = {record for _path, _title, record in SUBMISSION_AREAS}
    if name != FACHDIENSTE_RECORD and name not in routing:
        return
    # Whoever may change the registry may have the policy's areas made;
    # creating them needs more than the control panel's permission.
    with api.env.adopt_roles(["Manager"]):
        portal = api.portal.get()
        if name in routing:
            reroute_submission_area(portal, name, event.oldValue)
        ensure_groups()
        ensure_areas(portal)


def uninstall(context):
    """Groups, areas and their content stay (they are the Amt's data); the
    lock-out plugin goes, since its code goes with the add-on."""
    uninstall_lockout(api.portal.get())
