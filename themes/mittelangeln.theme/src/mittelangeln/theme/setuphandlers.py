"""Installing the theme also puts the Amt's logo (theme/logo.svg, the one
source of it) into the site settings, where Plone's logo viewlet reads it."""

import base64
from pathlib import Path

from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


LOGO = Path(__file__).parent / "theme" / "logo.svg"


def site_logo_value(path=LOGO):
    """The logo as the Site control panel stores an upload."""
    name = base64.b64encode(path.name.encode()).decode()
    data = base64.b64encode(path.read_bytes()).decode()
    return f"filenameb64:{name};datab64:{data}".encode()


def post_install(context):
    api.portal.set_registry_record("plone.site_logo", site_logo_value())


def uninstall(context):
    getUtility(IRegistry)["plone.site_logo"] = None  # plone.api refuses None
