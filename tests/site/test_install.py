"""The default profile installs the portal's add-ons and settings."""

import pytest
from plone import api

from mittelangeln.policy.interfaces import IMittelangelnPolicyLayer
from mittelangeln.policy.testing.helpers import profile_version
from mittelangeln.policy.testing.helpers import theme_name


class TestInstall:
    def test_product_installed(self, installer, package_name):
        assert installer.is_product_installed(package_name) is True

    def test_browserlayer(self, browser_layers):
        assert IMittelangelnPolicyLayer in browser_layers

    def test_profile_version(self, setup_tool, package_name):
        assert setup_tool.getLastVersionForProfile(f"{package_name}:default") == (profile_version(),)

    @pytest.mark.parametrize(
        "dependency",
        [
            "plone.app.contenttypes",
            "plone.restapi",
            "collective.documentviewer",
            "plonetheme.barceloneta",
            "mittelangeln.theme",
        ],
    )
    def test_dependency_installed(self, installer, dependency):
        assert installer.is_product_installed(dependency) is True

    def test_the_amt_theme_is_on(self, portal):
        assert theme_name() == "mittelangeln"
        assert api.portal.get_registry_record("plone.site_logo").startswith(b"filenameb64:")

    def test_display_menus_offer_only_working_layouts(self, portal):
        """documentviewer's "PDF Group View" cannot render on Plone 6."""
        types = api.portal.get_tool("portal_types")
        assert all("dvpdf-group-view" not in getattr(fti, "view_methods", ()) for fti in types.listTypeInfo())

    def test_no_upgrade_pending(self, setup_tool, package_name):
        assert setup_tool.listUpgrades(f"{package_name}:default") == []

    def test_only_uninstall_profile_hidden_from_site_setup(self, portal):
        """Plone's add-on and site creation forms skip these profiles."""
        from plone.base.interfaces import INonInstallable
        from zope.component import getAllUtilitiesRegisteredFor

        hidden = [
            profile
            for utility in getAllUtilitiesRegisteredFor(INonInstallable)
            for profile in getattr(utility, "getNonInstallableProfiles", list)()
        ]
        assert "mittelangeln.policy:uninstall" in hidden
        assert "mittelangeln.policy:default" not in hidden
        assert "mittelangeln.policy:demo" not in hidden

    def test_lockout_plugin_is_the_first_authenticator(self, portal):
        from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin

        authenticators = portal.acl_users.plugins.listPluginIds(IAuthenticationPlugin)
        assert authenticators[0] == "mittelangeln_lockout"

    def test_files_and_folders_follow_the_area_workflow(self, portal):
        workflow_tool = api.portal.get_tool("portal_workflow")
        for type_id in ("Folder", "Document", "News Item", "File", "Image"):
            assert workflow_tool.getChainForPortalType(type_id) == ("mittelangeln_bereich_workflow",), type_id
        assert workflow_tool.getChainForPortalType("Dokument") == ()  # follows its Vorgang or Akte
