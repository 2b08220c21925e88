"""Staff write public documents and submit them; only the Redaktion
publishes, and a creator cannot publish their own item."""

import pytest
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import login
from plone.app.testing import setRoles
from Products.CMFCore.WorkflowCore import WorkflowException

from mittelangeln.policy.testing.helpers import add_member


@pytest.fixture
def people(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    for username, group in (("bauamt", "fachdienst-iv-bauen-und-umwelt"), ("redakteurin", "redaktion")):
        add_member(username, group)
    return portal["oeffentlich"]["dokumente"]


def transitions(obj):
    return {t["id"] for t in api.portal.get_tool("portal_workflow").getTransitionsFor(obj)}


def test_a_creator_submits_and_the_redaktion_publishes(portal, people):
    login(portal, "bauamt")
    item = api.content.create(
        container=people,
        type="Bekanntmachung",
        title="Straßensperrung",
        gemeinde="Gemeinde Sörup",
        fachdienst="Fachdienst IV – Bauen und Umwelt",
    )
    assert "publish" not in transitions(item)
    with pytest.raises(WorkflowException):
        api.portal.get_tool("portal_workflow").doActionFor(item, "publish")
    api.content.transition(obj=item, transition="submit")
    assert "publish" not in transitions(item)
    login(portal, "redakteurin")
    api.content.transition(obj=item, transition="publish")
    assert api.content.get_state(item) == "published"
    api.content.transition(obj=item, transition="archive")
    assert api.content.get_state(item) == "archived"


def test_staff_see_their_own_drafts_only(portal, people):
    login(portal, "redakteurin")
    draft = api.content.create(
        container=people,
        type="Pressemitteilung",
        title="Noch geheim",
        gemeinde="Amt Mittelangeln",
        fachdienst="Fachdienst I – Zentrale Dienste",
    )
    login(portal, "bauamt")
    assert not api.user.has_permission("View", obj=draft)
    assert [b.getId for b in api.content.find(portal_type="Pressemitteilung")] == []


def test_only_public_document_kinds_are_added_there(portal, people):
    login(portal, "bauamt")
    addable = {fti.getId() for fti in people.allowedContentTypes()}
    assert addable == {"Bekanntmachung", "Satzung", "OeffentlichesFormular", "Pressemitteilung"}
