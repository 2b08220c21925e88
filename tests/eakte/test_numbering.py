"""Aktenzeichen and Vorgang numbers."""

import pytest
from plone import api

from mittelangeln.policy.eakte.numbering import NumberingError
from mittelangeln.policy.eakte.numbering import preview_next_aktenzeichen


def new_akte(position, title="Akte"):
    return api.content.create(
        container=position, type="Akte", title=title, fachdienst="Fachdienst IV – Bauen und Umwelt"
    )


def number_of(aktenzeichen):
    return int(aktenzeichen.split("/")[1])


def test_akte_gets_aktenzeichen_of_its_position(akte):
    key, number = akte.aktenzeichen.split("/")
    assert key == "632.1"
    assert len(number) == 4 and number.isdigit()


def test_numbers_run_on_and_are_unique(plan):
    first, second, third = (new_akte(plan["genehmigungen"], f"Akte {i}") for i in range(3))
    numbers = [number_of(a.aktenzeichen) for a in (first, second, third)]
    assert numbers == [numbers[0], numbers[0] + 1, numbers[0] + 2]


def test_each_position_counts_on_its_own(plan):
    in_bau = new_akte(plan["bau"])
    assert in_bau.aktenzeichen.startswith("6/")


def test_numbers_never_reused_after_delete(plan):
    akte = new_akte(plan["genehmigungen"])
    taken = number_of(akte.aktenzeichen)
    api.content.delete(obj=akte)
    assert number_of(new_akte(plan["genehmigungen"]).aktenzeichen) == taken + 1


def test_copy_gets_new_number(plan, akte):
    copy = api.content.copy(source=akte, target=plan["genehmigungen"], safe_id=True)
    assert copy.aktenzeichen != akte.aktenzeichen
    assert copy.aktenzeichen.startswith("632.1/")


def test_move_keeps_number(plan, akte):
    aktenzeichen = akte.aktenzeichen
    moved = api.content.move(source=akte, target=plan["bau"])
    assert moved.aktenzeichen == aktenzeichen


def test_vorgang_numbered_under_akte(akte):
    first = api.content.create(container=akte, type="Vorgang", title="Erster")
    second = api.content.create(container=akte, type="Vorgang", title="Zweiter")
    assert first.aktenzeichen == f"{akte.aktenzeichen}-1"
    assert second.aktenzeichen == f"{akte.aktenzeichen}-2"
    assert second.vorgang_number == 2


def test_opened_date_defaults_to_today(akte):
    import datetime

    assert akte.opened == datetime.date.today()


def test_pattern_is_configurable(plan):
    import datetime

    api.portal.set_registry_record("mittelangeln.aktenzeichen_pattern", "{key}-{year}/{number:03d}")
    akte = new_akte(plan["genehmigungen"])
    assert akte.aktenzeichen == f"632.1-{datetime.date.today().year}/001"


def test_bad_pattern_gives_german_error(plan):
    api.portal.set_registry_record("mittelangeln.aktenzeichen_pattern", "{schluessel}/{number}")
    # plone.api reports it as InvalidParameterError; the add form shows it.
    with pytest.raises((NumberingError, api.exc.InvalidParameterError)) as error:
        new_akte(plan["genehmigungen"])
    assert "Aktenzeichen-Muster" in str(error.value)


def test_preview_suggests_next_number(plan, akte):
    assert number_of(preview_next_aktenzeichen("632.1")) == number_of(akte.aktenzeichen) + 1
