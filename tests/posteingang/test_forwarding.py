"""@@weiterleiten over HTTP: forwarding moves who sees the Eingang, and the
note stays in its history."""

import re

import pytest
import transaction
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles

from mittelangeln.policy.posteingang.intake import Delivery
from mittelangeln.policy.posteingang.intake import IncomingFile
from mittelangeln.policy.posteingang.intake import register
from mittelangeln.policy.testing.helpers import browser_as
from tests.posteingang.staff import BAUEN
from tests.posteingang.staff import ORDNUNG
from tests.posteingang.staff import add_posteingang_staff


NOTE = "Lärm ist Sache der Ordnungsbehörde."


@pytest.fixture
def eingang(functional_portal):
    """An Eingang routed to Fachdienst IV."""
    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    add_posteingang_staff()
    item = register(
        Delivery(
            channel="email",
            subject="Beschwerde über Lärm",
            files=[IncomingFile("nachricht.txt", b"Es ist zu laut an der Festwiese.")],
            fachdienst=BAUEN,
        )
    )
    setRoles(functional_portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    return item


def sees(username, eingang):
    browser = browser_as(eingang.aq_parent.aq_parent, username)
    browser.open(eingang.absolute_url())
    return "Beschwerde über Lärm" in browser.contents and "Unzureichende Berechtigungen" not in browser.contents


def catalog_finds(username, eingang):
    transaction.begin()
    user = api.user.get(username=username)
    with api.env.adopt_user(user=user):
        return len(api.content.find(UID=api.content.get_uuid(eingang))) == 1


def forward_through_the_form(eingang, username, fields):
    browser = browser_as(eingang.aq_parent.aq_parent, username)
    browser.open(f"{eingang.absolute_url()}/@@weiterleiten")
    token = re.search(r'name="_authenticator" value="([^"]+)"', browser.contents).group(1)
    browser.post(
        f"{eingang.absolute_url()}/@@weiterleiten",
        {"_authenticator": token, "form.buttons.forward": "1", **fields},
    )
    return browser


def test_forwarding_moves_who_sees_it(eingang):
    assert sees("bauamt", eingang) and catalog_finds("bauamt", eingang)
    assert not sees("ordnungsamt", eingang) and not catalog_finds("ordnungsamt", eingang)

    browser = forward_through_the_form(eingang, "bauamt", {"fachdienst": ORDNUNG, "note": NOTE})
    assert browser.headers["status"].startswith("200")
    assert "Der Eingang wurde weitergeleitet." in browser.contents
    assert browser.url.endswith("/@@mein-posteingang")  # Fachdienst IV no longer sees it

    assert not sees("bauamt", eingang) and not catalog_finds("bauamt", eingang)
    assert sees("ordnungsamt", eingang) and catalog_finds("ordnungsamt", eingang)
    transaction.begin()
    assert eingang.fachdienst == ORDNUNG
    assert api.content.get_state(eingang) == "zugewiesen"


def test_the_note_shows_in_the_history(eingang):
    forward_through_the_form(eingang, "bauamt", {"fachdienst": ORDNUNG, "note": NOTE})
    browser = browser_as(eingang.aq_parent.aq_parent, "ordnungsamt")
    browser.open(eingang.absolute_url())
    history = browser.contents.split('class="eingang-history"')[1]
    expected = f"Weitergeleitet von {BAUEN} an {ORDNUNG}: {NOTE}"
    assert expected in history
    assert "bauamt" in history


def test_forwarding_to_a_person_keeps_the_fachdienst(eingang):
    forward_through_the_form(eingang, "bauamt", {"responsible": "ordnungsamt"})
    transaction.begin()
    assert (eingang.fachdienst, eingang.responsible) == (BAUEN, "ordnungsamt")
    assert sees("ordnungsamt", eingang) and sees("bauamt", eingang)


@pytest.mark.parametrize(
    "fields, german",
    [
        ({}, "Bitte wählen Sie einen Fachdienst oder eine Person, an die weitergeleitet wird."),
        ({"fachdienst": "Fachdienst IX"}, "Einen Fachdienst „Fachdienst IX“ gibt es nicht."),
        ({"responsible": "niemand"}, "Bitte wählen Sie eine Person aus der Liste."),
    ],
)
def test_bad_choices_are_refused_in_german(eingang, fields, german):
    browser = forward_through_the_form(eingang, "bauamt", {"note": NOTE, **fields})
    assert browser.headers["status"].startswith("400")
    assert german in browser.contents
    assert NOTE in browser.contents  # the note is kept
    transaction.begin()
    assert eingang.fachdienst == BAUEN
    assert len(eingang.workflow_history["mittelangeln_eingang_workflow"]) == 2  # registered, assigned


def test_the_poststelle_forwards_too_but_fachdienst_iii_may_not_before(eingang):
    browser = browser_as(eingang.aq_parent.aq_parent, "ordnungsamt")
    browser.open(f"{eingang.absolute_url()}/@@weiterleiten")
    assert 'name="form.buttons.forward"' not in browser.contents
    browser = forward_through_the_form(eingang, "post", {"fachdienst": ORDNUNG})
    assert "Der Eingang wurde weitergeleitet." in browser.contents
