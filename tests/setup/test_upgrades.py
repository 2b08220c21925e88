"""The upgrade-step helper reapplies steps of the default profile."""

from mittelangeln.policy.upgrades import reimport
from plone import api


def test_reimport_restores_registry_step(portal, setup_tool):
    api.portal.set_registry_record("plone.portal_timezone", "UTC")
    reimport(setup_tool, "plone.app.registry")
    assert api.portal.get_registry_record("plone.portal_timezone") == "Europe/Berlin"


def test_upgrade_1001_makes_the_page_viewer_the_dokument_view(portal, setup_tool, dokument):
    """The state of profile 1000: Dokument type with the plain view, a layout
    left on a converted Dokument by documentviewer."""
    from mittelangeln.policy.upgrades import v1001

    fti = api.portal.get_tool("portal_types")["Dokument"]
    fti.manage_changeProperties(default_view="view", view_methods=("view",), immediate_view="view")
    dokument.layout = "documentviewer"
    setup_tool.setLastVersionForProfile("mittelangeln.policy:default", "1000")

    upgrades = setup_tool.listUpgrades("mittelangeln.policy:default")
    assert [(step["ssource"], step["sdest"]) for step in upgrades] == [("1000", "1001")]
    v1001.upgrade(setup_tool)

    assert fti.default_view == "dokument-view"
    assert tuple(fti.view_methods) == ("dokument-view",)
    assert fti.immediate_view == "dokument-view"
    assert "layout" not in dokument.__dict__
    assert dokument.getLayout() == "dokument-view"


def test_upgrade_1001_through_portal_setup(portal, setup_tool, dokument):
    fti = api.portal.get_tool("portal_types")["Dokument"]
    fti.manage_changeProperties(default_view="view", view_methods=("view",))
    dokument.layout = "view"
    setup_tool.setLastVersionForProfile("mittelangeln.policy:default", "1000")
    setup_tool.upgradeProfile("mittelangeln.policy:default")
    assert setup_tool.getLastVersionForProfile("mittelangeln.policy:default") == ("1001",)
    assert dokument.getLayout() == "dokument-view"
