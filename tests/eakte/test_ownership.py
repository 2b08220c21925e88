"""Rights on records come from groups and computed roles: a clerk who filed
a Vorgang and its Dokument loses them with the Fachdienst membership, and a
Mängelmeldung gives its creator nothing."""

import pytest
from plone import api
from plone.app.testing import TEST_USER_NAME
from plone.app.testing import login
from zope.annotation.interfaces import IAnnotations

from mittelangeln.policy.security.groups import fachdienst_group_id
from mittelangeln.policy.testing.helpers import add_meldung
from mittelangeln.policy.testing.helpers import add_member
from mittelangeln.policy.upgrades import v1009


FACHDIENST = fachdienst_group_id("Fachdienst IV – Bauen und Umwelt")
RIGHTS = ("View", "Access contents information", "Modify portal content", "Delete objects")


def rights(username, obj):
    """The permissions of RIGHTS username has on obj, as a new request sees
    them (borg.localrole caches a user's roles per request)."""
    annotations = IAnnotations(obj.REQUEST)
    for key in [key for key in annotations if str(key).startswith("borg.localrole")]:
        del annotations[key]
    return {permission for permission in RIGHTS if api.user.has_permission(permission, username=username, obj=obj)}


@pytest.fixture
def filed(portal, akte, make_file):
    """Vorgang and Dokument filed by ``clerk`` of Fachdienst IV."""
    add_member("clerk", FACHDIENST)
    login(portal, "clerk")
    vorgang = api.content.create(container=akte, type="Vorgang", title="Bauvoranfrage Lehmann")
    api.content.create(container=vorgang, type="Dokument", title="Anfrage Lehmann", kind="eingang", file=make_file())
    login(portal, TEST_USER_NAME)
    (dokument,) = vorgang.objectValues()  # renamed after its Aktenzeichen on creation
    return {"akte": akte, "vorgang": vorgang, "dokument": dokument}


def test_creator_gets_no_owner_role(filed):
    for obj in (filed["vorgang"], filed["dokument"]):
        assert "Owner" not in obj.get_local_roles_for_userid("clerk")
        assert "clerk" in obj.listCreators()  # still recorded as information


def test_leaving_the_group_ends_the_rights(filed):
    for obj in filed.values():
        assert {"View", "Modify portal content"} <= rights("clerk", obj)
    api.group.remove_user(groupname=FACHDIENST, username="clerk")
    for obj in filed.values():
        assert rights("clerk", obj) == set(), obj.portal_type


def test_pasted_copy_gets_no_owner_role(portal, filed):
    add_member("colleague", FACHDIENST)
    login(portal, "colleague")
    copy = api.content.copy(source=filed["vorgang"], target=filed["akte"], safe_id=True)
    assert "Owner" not in copy.get_local_roles_for_userid("colleague")
    (dokument,) = copy.objectValues()
    assert all("Owner" not in roles for _principal, roles in dokument.get_local_roles())


def test_submission_gives_its_creator_nothing(portal, manager):
    api.user.create(email="former@example.org", username="former", password="secret-secret")
    login(portal, "former")
    with api.env.adopt_roles(["Manager"]):  # as the form's intake adds it
        meldung = add_meldung(portal, "owner-probe")
    login(portal, TEST_USER_NAME)
    assert "Owner" not in meldung.get_local_roles_for_userid("former")
    assert rights("former", meldung) == set()


def test_upgrade_1009_drops_existing_owner_roles(portal, setup_tool, filed):
    """The state of profile 1008: creators hold Owner, workflows grant it."""
    vorgang = filed["vorgang"]
    workflow = api.portal.get_tool("portal_workflow")["mittelangeln_vorgang_workflow"]
    state = workflow.states[api.content.get_state(vorgang)]
    state.setPermission("View", False, [*state.permission_roles["View"], "Owner"])
    workflow.updateRoleMappingsFor(vorgang)
    vorgang.manage_setLocalRoles("clerk", ["Owner"])
    api.group.remove_user(groupname=FACHDIENST, username="clerk")
    assert "View" in rights("clerk", vorgang)
    v1009.upgrade(setup_tool)
    assert "Owner" not in vorgang.get_local_roles_for_userid("clerk")
    assert rights("clerk", vorgang) == set()
    catalog = api.portal.get_tool("portal_catalog")
    assert "user:clerk" not in catalog.getIndexDataForUID("/".join(vorgang.getPhysicalPath()))["allowedRolesAndUsers"]
