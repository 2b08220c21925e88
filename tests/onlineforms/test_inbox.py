"""The list of an Eingänge area (@@eingangsliste): open submissions first,
oldest at the top, with their age in days; finished ones on request; only
what the viewer may see."""

import lxml.html
import pytest
import transaction
from DateTime import DateTime
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles

from mittelangeln.policy.testing.helpers import add_meldung
from mittelangeln.policy.testing.helpers import add_member
from mittelangeln.policy.testing.helpers import browser_as
from mittelangeln.policy.testing.helpers import finish_meldung


@pytest.fixture
def inbox(functional_portal):
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    for item_id, category, days_ago in (("m1", "Spielplatz", 2), ("m2", "Schlagloch", 12), ("m3", "Sonstiges", 0)):
        item = add_meldung(portal, item_id, category=category)
        item.creation_date = DateTime() - days_ago
        item.reindexObject()
    finish_meldung(portal["eingaenge"]["maengelmeldungen"]["m3"])
    add_member("bauamt", "fachdienst-iv-bauen-und-umwelt")
    add_member("kaemmerei", "fachdienst-ii-finanzen")
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    return portal


def table(portal, username, query=""):
    browser = browser_as(portal, username)
    browser.open(f"{portal.absolute_url()}/eingaenge/maengelmeldungen/@@eingangsliste{query}")
    assert browser.headers["status"].startswith("200")
    html = lxml.html.fromstring(browser.contents)
    return [[cell.text_content().strip() for cell in row.xpath("td")] for row in html.xpath("//table//tbody/tr")]


def test_open_ones_oldest_first_with_their_age(inbox):
    rows = table(inbox, "bauamt")
    assert [row[0].split()[-1] for row in rows] == ["Schlagloch", "Spielplatz"]
    assert [row[2] for row in rows] == ["12 Tage", "2 Tage"]
    assert rows[0][1] == (DateTime() - 12).strftime("%d.%m.%Y")


def test_finished_ones_on_request(inbox):
    rows = table(inbox, "bauamt", "?alle=1")
    assert [row[0].split()[-1] for row in rows] == ["Schlagloch", "Spielplatz", "Sonstiges"]
    assert rows[-1][2] == "–"


def test_is_the_default_view_of_the_submission_areas(inbox):
    browser = browser_as(inbox, "bauamt")
    browser.open(f"{inbox.absolute_url()}/eingaenge/maengelmeldungen")
    assert "submission-inbox" in browser.contents


def test_other_fachdienste_see_nothing(inbox):
    browser = browser_as(inbox, "kaemmerei")
    browser.open(f"{inbox.absolute_url()}/eingaenge/maengelmeldungen/@@eingangsliste")
    assert "Schlagloch" not in browser.contents
    assert "submission-inbox" not in browser.contents
