"""Install handlers of the policy profiles."""

from collective.documentviewer.settings import GlobalSettings
from plone import api
from plone.base.interfaces import INonInstallable
from zope.interface import implementer

from mittelangeln.policy import UNINSTALL_PROFILE_ID
from mittelangeln.policy.lifecycle import LEITUNG_GROUP
from mittelangeln.policy.lifecycle import PERSONNEL_GROUP
from mittelangeln.policy.mail import apply_mail_settings
from mittelangeln.policy.numbering import counters


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


GROUPS = {
    PERSONNEL_GROUP: "Personalstelle",
    LEITUNG_GROUP: "Leitung",
}


def create_groups():
    """Groups the policy itself relies on (Personalakten access)."""
    for group_id, title in GROUPS.items():
        if api.group.get(groupname=group_id) is None:
            api.group.create(groupname=group_id, title=title)
    api.group.grant_roles(groupname=PERSONNEL_GROUP, roles=["Personalverwaltung"])


def post_install(context):
    portal = api.portal.get()
    configure_documentviewer(portal)
    apply_mail_settings()
    create_groups()
    counters(portal)
