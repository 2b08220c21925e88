"""The upgrade-step helper reapplies steps of the default profile."""

from mittelangeln.policy.upgrades import reimport
from plone import api


def test_reimport_restores_registry_step(portal, setup_tool):
    api.portal.set_registry_record("plone.portal_timezone", "UTC")
    reimport(setup_tool, "plone.app.registry")
    assert api.portal.get_registry_record("plone.portal_timezone") == "Europe/Berlin"
