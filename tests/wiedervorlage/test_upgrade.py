"""Upgrade 1016 brings the Wiedervorlage's indexes, permission and setting
into a site of profile 1015."""

from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

from mittelangeln.policy.upgrades import v1016


PERMISSION = "mittelangeln.policy: Set Wiedervorlage"


def test_upgrade_1016_adds_what_the_wiedervorlage_needs(portal, setup_tool):
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex("wiedervorlage_due")
    catalog.delIndex("wiedervorlage_for")
    portal.manage_permission(PERMISSION, roles=[], acquire=True)
    del getUtility(IRegistry).records["mittelangeln.wiedervorlage_digest_hour"]

    v1016.upgrade(setup_tool)

    assert catalog._catalog.getIndex("wiedervorlage_due").meta_type == "FieldIndex"
    assert catalog._catalog.getIndex("wiedervorlage_for").meta_type == "KeywordIndex"
    roles = {role["name"] for role in portal.rolesOfPermission(PERMISSION) if role["selected"]}
    assert {"Reader", "Contributor", "Editor", "Reviewer"} <= roles
    assert api.portal.get_registry_record("mittelangeln.wiedervorlage_digest_hour") == 7
    assert len(catalog(portal_type="Folder")) > 0  # indexes not emptied
