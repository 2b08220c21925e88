"""Processing times per form and category, open items by age, the chart;
only about what the viewer may see."""

import pytest
import transaction
from DateTime import DateTime
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles

from mittelangeln.policy.onlineforms.statistics import percentile
from mittelangeln.policy.testing.helpers import add_antrag
from mittelangeln.policy.testing.helpers import add_meldung
from mittelangeln.policy.testing.helpers import add_member
from mittelangeln.policy.testing.helpers import browser_as
from mittelangeln.policy.testing.helpers import finish_meldung


NOW = DateTime()


def backdate(item, created_days_ago, finished_days_ago=None):
    """Pretend the item came in and was finished so many days ago."""
    item.creation_date = NOW - created_days_ago
    if finished_days_ago is not None:
        for history in item.workflow_history.values():
            history[-1]["time"] = NOW - finished_days_ago
        item.workflow_history._p_changed = True
    item.reindexObject()


def meldung(portal, number, category, days, open_for=None):
    item = add_meldung(portal, f"m{number}", category=category)
    if open_for is not None:
        backdate(item, open_for)
        return item
    finish_meldung(item)
    backdate(item, 20 + days, 20)
    return item


@pytest.fixture
def figures(functional_portal):
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    for number, (category, days) in enumerate(
        [("Spielplatz", 2), ("Spielplatz", 4), ("Spielplatz", 10), ("Straßenbeleuchtung", 1)]
    ):
        meldung(portal, number, category, days)
    meldung(portal, 10, "Spielplatz", 0, open_for=3)
    meldung(portal, 11, "Spielplatz", 0, open_for=45)
    meldung(portal, 12, "Spielplatz", 0, open_for=200)
    antrag = add_antrag(portal, "a")
    backdate(antrag, 12)
    for username, group in (("bauamt", "fachdienst-iv-bauen-und-umwelt"), ("ehrenamtliche", "ehrenamt")):
        add_member(username, group)
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    return portal


def page(portal, username):
    browser = browser_as(portal, username, handle_errors=username is None)
    browser.open(portal.absolute_url() + "/@@auswertung-formulare")
    return browser


def rows(html, table_class):
    import lxml.html

    table = lxml.html.fromstring(html).xpath(f"//table[contains(@class, '{table_class}')]")
    if not table:
        return []
    return [[" ".join(cell.text_content().split()) for cell in row.xpath("td")] for row in table[0].xpath("tbody/tr")]


def test_percentile_interpolates_between_ranks():
    assert percentile([2, 4, 10], 0.5) == 4
    assert percentile([2, 4, 10], 0.9) == pytest.approx(8.8)
    assert percentile([7], 0.9) == 7
    assert percentile([], 0.5) is None


def test_fachdienst_sees_its_processing_times_and_open_items(figures):
    browser = page(figures, "bauamt")
    assert browser.headers["status"].startswith("200")
    assert rows(browser.contents, "processing-times") == [
        ["Mängelmeldung", "Spielplatz", "3", "4,0", "8,8"],
        ["Mängelmeldung", "Straßenbeleuchtung", "1", "1,0", "1,0"],
        ["Mängelmeldung", "alle Kategorien", "4", "3,0", "8,2"],
    ]
    # The application belongs to Fachdienst III: not counted for the Bauamt.
    assert rows(browser.contents, "open-by-age") == [["Mängelmeldung", "1", "0", "1", "1", "3"]]
    assert "<svg" in browser.contents and browser.contents.count("<rect") == 6


def test_manager_sees_both_forms(figures):
    from plone.app.testing import SITE_OWNER_NAME

    open_rows = rows(page(figures, SITE_OWNER_NAME).contents, "open-by-age")
    assert ["Schülerbeförderungsantrag", "0", "1", "0", "0", "1"] in open_rows


def test_others_see_no_figures_and_anonymous_must_log_in(figures):
    browser = page(figures, "ehrenamtliche")
    assert rows(browser.contents, "processing-times") == []
    assert "Noch keine abgeschlossenen Eingaben." in browser.contents
    browser = page(figures, None)
    assert "/login" in browser.url
