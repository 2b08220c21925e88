"""Editors publish a new version of a form: a copy edited as a draft,
submitted, published, and the old version retracted. Anonymous visitors
see only what is published, at every step."""

import pytest
import transaction
from plone import api
from plone.app.testing import login
from plone.app.testing import logout

from mittelangeln.policy.testing.helpers import add_member
from mittelangeln.policy.testing.helpers import browser_as


NEW_CATEGORY = "Grünfläche und Bäume"


@pytest.fixture
def editor(online_forms):
    add_member("redakteurin", "redaktion")
    transaction.commit()
    return "redakteurin"


def anonymous_view(portal, obj):
    """(status, page) of the form for an anonymous visitor; a refusal sends
    them to the login form."""
    browser = browser_as(portal)
    browser.open(obj.absolute_url())
    if "/login" in browser.url:
        return "login", browser.contents
    return int(browser.headers["status"].split()[0]), browser.contents


def anonymous_catalog(portal):
    logout()
    brains = api.content.find(portal_type="MaengelmelderFormular")
    return sorted(brain.getId for brain in brains)


def test_anonymous_visitors_see_only_the_published_version(online_forms, editor):
    portal = online_forms["portal"]
    old = online_forms["maengelmelder"]

    # The editor copies the form and edits the copy in the browser.
    login(portal, editor)
    new = api.content.copy(source=old, target=portal["oeffentlich"], id="maengelmelder-neu")
    assert api.content.get_state(new) == "draft"
    transaction.commit()
    browser = browser_as(portal, editor)
    browser.open(new.absolute_url() + "/edit")
    browser.getControl(name="form.widgets.categories").value = f"Straßenbeleuchtung\n{NEW_CATEGORY}"
    browser.getControl(name="form.buttons.save").click()
    assert NEW_CATEGORY in new.categories

    # Draft and submitted: anonymous visitors still get the old version only.
    for step in (None, "submit"):
        if step:
            api.content.transition(obj=new, transition=step)
        transaction.commit()
        status, page = anonymous_view(portal, new)
        assert status == "login" and NEW_CATEGORY not in page
        status, page = anonymous_view(portal, old)
        assert status == 200 and "Schlagloch" in page and NEW_CATEGORY not in page
        assert anonymous_catalog(portal) == ["maengelmelder"]
        login(portal, editor)

    # Published; the old one retracted: only the new version is public.
    api.content.transition(obj=new, transition="publish")
    api.content.transition(obj=old, transition="retract")
    transaction.commit()
    status, page = anonymous_view(portal, new)
    assert status == 200 and NEW_CATEGORY in page and "Schlagloch" not in page
    status, page = anonymous_view(portal, old)
    assert status == "login" and "Schlagloch" not in page
    assert anonymous_catalog(portal) == ["maengelmelder-neu"]


def test_a_draft_form_takes_no_submission(online_forms, editor):
    portal = online_forms["portal"]
    login(portal, editor)
    draft = api.content.copy(source=online_forms["maengelmelder"], target=portal["oeffentlich"], id="entwurf")
    transaction.commit()
    browser = browser_as(portal)
    browser.post(
        draft.absolute_url(),
        "form.widgets.category:list=schlagloch&form.widgets.address=Dorfstr.+1&form.widgets.defect=Loch"
        "&form.buttons.send=Absenden",
    )
    assert "/login?came_from=" in browser.url
    assert list(portal["eingaenge"]["maengelmeldungen"].objectIds()) == []
