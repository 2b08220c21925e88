"""Uninstalling the policy removes what its default profile added."""

import pytest
from plone import api

from mittelangeln.policy.interfaces import IMittelangelnPolicyLayer


class TestUninstall:
    @pytest.fixture(autouse=True)
    def uninstalled(self, uninstalled):
        """Every test here runs after installer.uninstall_product()."""

    def test_product_uninstalled(self, installer, package_name):
        assert installer.is_product_installed(package_name) is False

    def test_browserlayer_removed(self, browser_layers):
        assert IMittelangelnPolicyLayer not in browser_layers

    def test_bundle_removed(self, portal):
        assert api.portal.get_registry_record("plone.bundles/mittelangeln.enabled", default=None) is None

    def test_dependencies_stay(self, installer):
        """Content and the REST API must survive removing the policy."""
        assert installer.is_product_installed("plone.restapi") is True
        assert installer.is_product_installed("collective.documentviewer") is True

    @pytest.mark.parametrize(
        "record",
        [
            "mittelangeln.fachdienste",
            "mittelangeln.aktenzeichen_pattern",
            "mittelangeln.vorgang_pattern",
            "mittelangeln.access_trail_retention_days",
            "mittelangeln.login_max_failures",
            "mittelangeln.login_lock_minutes",
        ],
    )
    def test_eakte_settings_removed(self, portal, record):
        assert api.portal.get_registry_record(record, default=None) is None

    def test_no_mittelangeln_record_is_left(self, portal):
        """Every field of the settings schema goes, including the homepage
        origins, Gemeinden and the form limits."""
        records = api.portal.get_tool("portal_registry").records
        assert [name for name in records.keys() if name.startswith("mittelangeln.")] == []

    def test_controlpanel_removed(self, portal):
        assert "mittelangeln" not in [a.getId() for a in api.portal.get_tool("portal_controlpanel").listActions()]

    def test_lockout_plugin_removed(self, portal):
        assert "mittelangeln_lockout" not in portal.acl_users.objectIds()

    def test_groups_and_areas_stay(self, portal):
        """They hold the Amt's people and documents."""
        assert api.group.get(groupname="personalstelle") is not None
        assert "aktuelles" in portal.objectIds()

    def test_eakte_types_stay_with_their_content(self, portal):
        """Filed records must stay readable: types and workflows remain."""
        assert "Akte" in api.portal.get_tool("portal_types").objectIds()

    def test_site_root_offers_every_type_again(self, portal):
        """The policy's restriction of the site root's add menu goes with it."""
        site_type = api.portal.get_tool("portal_types")["Plone Site"]
        assert site_type.filter_content_types is False
        assert tuple(site_type.allowed_content_types) == ()

    def test_full_text_back_on_plones_lexicon(self, portal):
        """The German lexicon's elements are the add-on's classes: it goes,
        and SearchableText is indexed again on plone_lexicon."""
        catalog = api.portal.get_tool("portal_catalog")
        assert "german_lexicon" not in catalog.objectIds()
        assert catalog._catalog.getIndex("SearchableText").lexicon_id == "plone_lexicon"
        assert len(catalog(SearchableText="Impressum")) > 0

    def test_metadata_back_in_zcatalogs_own_tree(self, portal):
        """MetadataTree is the add-on's class: the records move back into a
        plain IOBTree, and brains still read them."""
        from BTrees.IOBTree import IOBTree

        catalog = api.portal.get_tool("portal_catalog")
        assert type(catalog._catalog.data) is IOBTree
        assert [brain.Title for brain in catalog(id="impressum")] == ["Impressum"]
