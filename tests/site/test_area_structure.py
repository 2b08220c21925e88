"""The areas are the portal's structure: those who work in an area change
the state of what they put there, not of the area itself (a Fachdienst
with Reviewer on its Eingänge area could publish or hide it); the
submission areas show the Eingänge list."""

import pytest
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles

from mittelangeln.policy.interfaces import IArea
from mittelangeln.policy.security.areas import areas
from mittelangeln.policy.testing.helpers import add_member


def transitions_of(obj, username):
    with api.env.adopt_user(username=username):
        return {t["id"] for t in api.portal.get_tool("portal_workflow").getTransitionsFor(obj)}


@pytest.fixture
def people(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    add_member("bauamt", "fachdienst-iv-bauen-und-umwelt")
    add_member("redakteurin", "redaktion")
    api.user.create(email="admin2@example.org", username="verwaltung", password="x" * 12, roles=["Manager"])
    setRoles(portal, TEST_USER_ID, ["Member"])
    return portal


def test_every_area_is_marked(portal):
    for area in areas():
        assert IArea.providedBy(portal.unrestrictedTraverse(area.path)), area.path


def test_area_members_cannot_change_the_state_of_their_area(people):
    portal = people
    assert transitions_of(portal["eingaenge"]["maengelmeldungen"], "bauamt") == set()
    assert transitions_of(portal["aktuelles"], "redakteurin") == set()
    assert transitions_of(portal["oeffentlich"], "redakteurin") == set()


def test_what_they_put_there_they_still_release(people):
    portal = people
    with api.env.adopt_user(username="redakteurin"):
        page = api.content.create(container=portal["aktuelles"], type="Document", title="Betriebsausflug")
    assert "release" in transitions_of(page, "redakteurin")


def test_administrators_change_the_state_of_areas(people):
    assert "publish" in transitions_of(people["intranet"], "verwaltung")


def test_submission_areas_show_the_eingaenge_list(portal):
    for path in ("eingaenge/maengelmeldungen", "eingaenge/schuelerbefoerderung"):
        assert portal.unrestrictedTraverse(path).getLayout() == "eingangsliste"
    assert portal["aktuelles"].getLayout() != "eingangsliste"
