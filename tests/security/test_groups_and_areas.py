"""The security model the policy profile sets up: groups, areas, computed
local roles."""

import pytest
from plone import api
from Products.CMFCore.indexing import processQueue
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent

from mittelangeln.policy.eakte.content.akte import IAkte
from mittelangeln.policy.security.areas import areas
from mittelangeln.policy.security.groups import FIXED_GROUPS
from mittelangeln.policy.security.groups import STAFF
from mittelangeln.policy.security.groups import fachdienst_group_id
from mittelangeln.policy.settings import FACHDIENSTE_RECORD


BAUEN = "Fachdienst IV – Bauen und Umwelt"


@pytest.fixture
def portal(matrix):
    with api.env.adopt_roles(["Manager"]):
        yield matrix["portal"]


def test_fixed_and_fachdienst_groups_exist(portal):
    for group_id, (title, _description, roles) in FIXED_GROUPS.items():
        group = api.group.get(groupname=group_id)
        assert group.getProperty("title") == title
        assert set(roles) <= set(group.getRoles())
    assert api.group.get(groupname="fachdienst-iv-bauen-und-umwelt").getProperty("title") == BAUEN


def test_staff_group_contains_fachdienste_leitung_personalstelle_poststelle_registratur_only(portal):
    members = set(api.group.get(groupname=STAFF).getGroupMemberIds())
    assert members == {
        "fachdienst-i-zentrale-dienste",
        "fachdienst-ii-finanzen",
        "fachdienst-iii-ordnung-und-soziales",
        "fachdienst-iv-bauen-und-umwelt",
        "leitung",
        "personalstelle",
        "poststelle",
        "registratur",
    }


def test_every_area_is_set_up(portal):
    for area in areas():
        folder = portal.unrestrictedTraverse(area.path)
        assert folder.__ac_local_roles_block__ is True, area.path
        assert api.content.get_state(folder) == area.state, area.path
        for principal, roles in area.grants.items():
            assert set(roles) <= set(folder.get_local_roles_for_userid(principal)), (area.path, principal)


def test_a_new_fachdienst_gets_group_and_area(portal):
    names = api.portal.get_registry_record(FACHDIENSTE_RECORD)
    api.portal.set_registry_record(FACHDIENSTE_RECORD, names + ["Fachdienst V – Schulen und Kitas"])
    group_id = fachdienst_group_id("Fachdienst V – Schulen und Kitas")
    assert api.group.get(groupname=group_id) is not None
    assert group_id in api.group.get(groupname=STAFF).getGroupMemberIds()
    area = portal["fachdienste"][group_id]
    assert "Editor" in area.get_local_roles_for_userid(group_id)


def test_akte_fachdienst_decides_who_edits(portal):
    api.user.create(email="bau@example.org", username="bau")
    api.user.create(email="finanz@example.org", username="finanz")
    api.group.add_user(groupname="fachdienst-iv-bauen-und-umwelt", username="bau")
    api.group.add_user(groupname="fachdienst-ii-finanzen", username="finanz")
    position = portal["aktenplan"]["6"]["632-1"]
    akte = api.content.create(container=position, type="Akte", title="Neubau", fachdienst=BAUEN)
    assert "Editor" in api.user.get_roles(username="bau", obj=akte)
    assert "Editor" not in api.user.get_roles(username="finanz", obj=akte)
    assert "Reader" in api.user.get_roles(username="finanz", obj=akte)  # all staff read the Aktenplan
    assert not akte.get_local_roles_for_userid("fachdienst-iv-bauen-und-umwelt")  # computed, not stored

    akte.fachdienst = "Fachdienst II – Finanzen"
    notify(ObjectModifiedEvent(akte, Attributes(IAkte, "IAkte.fachdienst")))
    assert "Editor" in api.user.get_roles(username="finanz", obj=akte)
    assert "Editor" not in api.user.get_roles(username="bau", obj=akte)
    processQueue()  # the catalog's indexing queue, as at the end of a request
    catalog_security = api.portal.get_tool("portal_catalog").getIndexDataForUID("/".join(akte.getPhysicalPath()))[
        "allowedRolesAndUsers"
    ]
    assert "user:fachdienst-ii-finanzen" in catalog_security  # Plone writes groups as user:<id>
    assert "user:fachdienst-iv-bauen-und-umwelt" not in catalog_security


def test_nobody_without_a_group_sees_an_area_or_the_aktenplan(portal):
    api.user.create(email="neu@example.org", username="neu")
    for path in ("aktuelles", "intranet", "fachdienste", "einrichtungen/kita", "ehrenamt", "aktenplan"):
        assert not api.user.has_permission("View", username="neu", obj=portal.unrestrictedTraverse(path)), path
    assert api.user.has_permission("View", username="neu", obj=portal["oeffentlich"])


def test_submissions_follow_their_fachdienst_in_the_registry(portal):
    area = portal["eingaenge"]["schuelerbefoerderung"]
    assert "Reviewer" in area.get_local_roles_for_userid("fachdienst-iii-ordnung-und-soziales")
    api.portal.set_registry_record("mittelangeln.schuelerbefoerderung_fachdienst", "Fachdienst I – Zentrale Dienste")
    assert "Reviewer" in area.get_local_roles_for_userid("fachdienst-i-zentrale-dienste")
    assert not area.get_local_roles_for_userid("fachdienst-iii-ordnung-und-soziales")
    assert "Reader" in area.get_local_roles_for_userid("leitung")
