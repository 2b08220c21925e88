"""Akten and Vorgänge by the beginning of their Aktenzeichen (eakte/lookup.py):
the same records in the same order as the catalog's sorted range query, for
beginnings that end at a separator and inside a number, also when the user
may see only some of them."""

import pytest
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles

from mittelangeln.policy.eakte.lookup import find_by_aktenzeichen


@pytest.fixture
def records(plan):
    """25 Akten in 632.1 (numbered on, e.g. 632.1/0001 … 632.1/0025: the
    counters outlive a test), two Vorgänge each in every fifth, and two
    Akten of another position."""
    akten = []
    for number in range(1, 26):
        akte = api.content.create(container=plan["genehmigungen"], type="Akte", title=f"Bauantrag {number}")
        if number % 5 == 0:
            for title in ("Prüfung", "Bescheid"):
                api.content.create(container=akte, type="Vorgang", title=title)
        akten.append(akte)
    other = api.content.create(container=plan["bau"], type="AktenplanPosition", id="63", title="Bauen", key="63")
    for number in range(2):
        api.content.create(container=other, type="Akte", title=f"Allgemein {number}")
    return akten


def sorted_range(text):
    """The reference, the query before the prefix index: a range over the
    FieldIndex, sorted by Aktenzeichen."""
    catalog = api.portal.get_tool("portal_catalog")
    query = {"query": (text, text + "\uffff"), "range": "min:max"}
    return [brain.aktenzeichen for brain in catalog(aktenzeichen=query, sort_on="aktenzeichen")]


def numbers(found):
    return [brain.aktenzeichen for brain in found.brains]


def beginnings(records):
    """Beginnings ending at a separator, inside a number, at a whole Akte."""
    tenth = records[10].aktenzeichen  # e.g. 632.1/0011
    return ["6", "63", "632.1/", tenth[:-2], tenth[:-1], records[14].aktenzeichen, records[19].aktenzeichen + "-"]


@pytest.mark.parametrize("limit", [1, 3, 20, 100])
def test_first_page_and_total_as_the_sorted_range_query(records, limit):
    for text in beginnings(records):
        expected = sorted_range(text)
        assert expected, text
        found = find_by_aktenzeichen(text, limit)
        assert found.total == len(expected), text
        assert numbers(found) == expected[:limit], text


def test_an_akte_with_its_vorgaenge_and_a_vorgang_exactly(records):
    number = records[9].aktenzeichen
    assert numbers(find_by_aktenzeichen(number, 20)) == [number, f"{number}-1", f"{number}-2"]
    assert numbers(find_by_aktenzeichen(f" {number}-2 ", 20)) == [f"{number}-2"]


def test_nothing_for_empty_or_unknown_text(records):
    assert find_by_aktenzeichen("", 20) == (0, [])
    assert find_by_aktenzeichen("   ", 20) == (0, [])
    assert find_by_aktenzeichen("632.1/9", 20) == (0, [])
    assert find_by_aktenzeichen("7", 20) == (0, [])


def test_filters_apply(records):
    found = find_by_aktenzeichen("632.1/", 100, portal_type="Vorgang")
    assert found.total == 10
    fifth = records[4].aktenzeichen
    assert numbers(found)[:2] == [f"{fifth}-1", f"{fifth}-2"]


def test_only_what_the_user_may_see_in_order(portal, records):
    """Visible are a few Akten far apart: the page is filled from later
    slices of the index's keys."""
    visible = [records[index] for index in (2, 17, 19, 24)]
    for akte in visible:
        akte.manage_setLocalRoles(TEST_USER_ID, ["Reader"])
        akte.reindexObjectSecurity()
    setRoles(portal, TEST_USER_ID, ["Member"])
    third, eighteenth, twentieth, last = (akte.aktenzeichen for akte in visible)
    expected = [third, eighteenth, twentieth, f"{twentieth}-1", f"{twentieth}-2", last, f"{last}-1", f"{last}-2"]
    assert sorted_range("632.1/") == expected
    found = find_by_aktenzeichen("632.1/", 2)
    assert found.total == 8
    assert numbers(found) == expected[:2]
    assert numbers(find_by_aktenzeichen("632.1/", 5)) == expected[:5]
    assert numbers(find_by_aktenzeichen(twentieth, 2)) == [twentieth, f"{twentieth}-1"]


def test_upgrade_1020_adds_and_fills_the_index(portal, setup_tool, records):
    """The state of profile 1019: no index of beginnings."""
    from mittelangeln.policy.upgrades import v1020

    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex("aktenzeichen_prefixes")
    v1020.upgrade(setup_tool)
    assert catalog._catalog.getIndex("aktenzeichen_prefixes").meta_type == "KeywordIndex"
    number = records[4].aktenzeichen
    assert numbers(find_by_aktenzeichen(number, 20)) == [number, f"{number}-1", f"{number}-2"]
    assert find_by_aktenzeichen("632.1/", 100).total == 35
    # Nothing but Akten and Vorgänge has an Aktenzeichen to begin with.
    assert len(catalog(aktenzeichen_prefixes="6")) == 37
