"""Site Setup → "Mittelangeln": the settings of settings.IMittelangelnSettings,
in the browser (Classic UI) and over plone.restapi's @controlpanels."""

from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.restapi.controlpanels import RegistryConfigletPanel
from plone.z3cform import layout
from zope.component import adapter
from zope.interface import Interface

from mittelangeln.policy.i18n import _
from mittelangeln.policy.interfaces import IMittelangelnPolicyLayer
from mittelangeln.policy.settings import PREFIX
from mittelangeln.policy.settings import IMittelangelnSettings


class SettingsEditForm(RegistryEditForm):
    schema = IMittelangelnSettings
    schema_prefix = PREFIX
    label = _("Mittelangeln settings")
    description = _("Organisation, numbering, online forms, homepage and security of the portal.")


SettingsView = layout.wrap_form(SettingsEditForm, ControlPanelFormWrapper)


@adapter(Interface, IMittelangelnPolicyLayer)
class SettingsConfigletPanel(RegistryConfigletPanel):
    """The same settings for plone.restapi (``@controlpanels/mittelangeln``)."""

    schema = IMittelangelnSettings
    schema_prefix = PREFIX
    configlet_id = "mittelangeln"
    configlet_category_id = "Products"
    # Used when the caller may not see the configlet (no 500 then).
    title = "Mittelangeln"
    group = "Products"
