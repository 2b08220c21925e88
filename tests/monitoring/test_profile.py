"""Profile 1019: the configlet "Konvertierungs-Warteschlange" with its
permission, by installation and by upgrade; uninstalling removes it."""

from plone import api
from zope.annotation.interfaces import IAnnotations

from mittelangeln.policy.dokumente.queue import FAILED_KEY
from mittelangeln.policy.upgrades import v1019


PERMISSION = "mittelangeln.policy: Manage conversion queue"


def configlet_ids():
    return [action.getId() for action in api.portal.get_tool("portal_controlpanel").listActions()]


def roles_with(portal, permission):
    return {role["name"] for role in portal.rolesOfPermission(permission) if role["selected"]}


def test_installed_for_managers_and_site_administrators(portal):
    configlet = api.portal.get_tool("portal_controlpanel").getActionObject("Products/conversion-backlog")
    assert configlet.title == "Konvertierungs-Warteschlange"
    assert configlet.permissions == (PERMISSION,)
    assert roles_with(portal, PERMISSION) == {"Manager", "Site Administrator"}


def test_upgrade_1019_adds_the_configlet_and_its_permission(portal, setup_tool):
    api.portal.get_tool("portal_controlpanel").unregisterConfiglet("conversion-backlog")
    portal.manage_permission(PERMISSION, roles=[], acquire=True)  # Zope's default: Manager, from the root
    assert "conversion-backlog" not in configlet_ids()
    assert "Site Administrator" not in roles_with(portal, PERMISSION)
    v1019.upgrade(setup_tool)
    assert "conversion-backlog" in configlet_ids()
    assert roles_with(portal, PERMISSION) == {"Manager", "Site Administrator"}


def test_upgrade_from_1018_through_portal_setup(portal, setup_tool):
    api.portal.get_tool("portal_controlpanel").unregisterConfiglet("conversion-backlog")
    setup_tool.setLastVersionForProfile("mittelangeln.policy:default", "1018")
    setup_tool.upgradeProfile("mittelangeln.policy:default", dest="1019")
    assert setup_tool.getLastVersionForProfile("mittelangeln.policy:default") == ("1019",)
    assert "conversion-backlog" in configlet_ids()


def test_uninstall_removes_the_configlet(portal, uninstalled):
    assert "conversion-backlog" not in configlet_ids()


def test_upgrade_1019_builds_the_set_of_failed_jobs(portal, setup_tool, queued):
    annotations = IAnnotations(portal)
    del annotations[FAILED_KEY]  # a queue from before 1019
    v1019.upgrade(setup_tool)
    assert list(annotations[FAILED_KEY]) == [api.content.get_uuid(queued["failed"])]
