"""Install handlers of the policy profiles."""

from collective.documentviewer.settings import GlobalSettings
from plone import api
from plone.base.interfaces import INonInstallable
from zope.interface import implementer

from mittelangeln.policy import UNINSTALL_PROFILE_ID
from mittelangeln.policy.mail import apply_mail_settings


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
    configure_documentviewer(api.portal.get())
    apply_mail_settings()
