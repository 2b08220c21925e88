"""Routing rules: matching (sender, keywords, channel), their checks, the
rules applied on intake, and the control panel "Posteingang-Regeln"."""

import pytest
import transaction
from plone import api
from plone.app.testing import SITE_OWNER_NAME

from mittelangeln.policy.i18n import translate
from mittelangeln.policy.posteingang.intake import IncomingFile
from mittelangeln.policy.posteingang.intake import register
from mittelangeln.policy.posteingang.rules import Rule
from mittelangeln.policy.posteingang.rules import first_match
from mittelangeln.policy.posteingang.rules import matches
from mittelangeln.policy.posteingang.rules import rule_problems
from mittelangeln.policy.posteingang.rules import store_rules
from mittelangeln.policy.posteingang.rules import stored_rules
from mittelangeln.policy.principals import fachdienst_group_id
from mittelangeln.policy.testing.helpers import add_member
from mittelangeln.policy.testing.helpers import browser_as


FD_II = "Fachdienst II – Finanzen"
FD_IV = "Fachdienst IV – Bauen und Umwelt"


@pytest.mark.parametrize(
    "entry, email, expected",
    [
        ("@kreis-sl.de", "bauaufsicht@kreis-sl.de", True),
        ("kreis-sl.de", "info@bau.kreis-sl.de", True),
        ("kreis-sl.de", "info@notkreis-sl.de", False),
        ("@KREIS-SL.DE", "Info@Kreis-SL.de", True),
        ("bauaufsicht@kreis-sl.de", "BauAufsicht@Kreis-SL.de", True),
        ("bauaufsicht@kreis-sl.de", "poststelle@kreis-sl.de", False),
        ("kreis-sl.de", "", False),
    ],
)
def test_sender_addresses_and_domains(entry, email, expected):
    assert matches(Rule("r", FD_IV, senders=(entry,)), sender_email=email) is expected


@pytest.mark.parametrize(
    "keyword, subject, expected",
    [
        ("Bauantrag", "BAUANTRAG Mühlenweg 3", True),
        ("Muehlenweg", "Bauantrag Mühlenweg 3", True),
        ("Mühlenweg", "bauantrag muehlenweg 3", True),
        ("Bauantrag", "Bauanträge 2026", False),  # whole words only
        ("Hund", "Hundesteuer", False),
        ("Straßenbeleuchtung defekt", "Die Strassenbeleuchtung  defekt seit Montag", True),
    ],
)
def test_keywords_whole_words_without_case_and_umlauts(keyword, subject, expected):
    assert matches(Rule("r", FD_IV, keywords=(keyword,)), subject=subject) is expected


def test_keywords_are_also_found_in_the_text():
    assert matches(Rule("r", FD_II, keywords=("Hundesteuer",)), subject="Ihr Schreiben", text="wegen der Hundesteuer")


def test_all_given_conditions_must_hold_and_empty_ones_match_everything():
    rule = Rule("r", FD_IV, senders=("kreis-sl.de",), keywords=("Bauantrag", "Bauvoranfrage"), channels=("email",))
    assert matches(rule, "a@kreis-sl.de", "email", "Bauvoranfrage Sörup")
    assert not matches(rule, "a@kreis-sl.de", "post", "Bauvoranfrage Sörup")
    assert not matches(rule, "a@web.de", "email", "Bauvoranfrage Sörup")
    assert not matches(rule, "a@kreis-sl.de", "email", "Grundsteuer")
    assert matches(Rule("alles", FD_II), "x@y.de", "upload", "irgendwas")


def test_the_first_matching_rule_wins():
    rules = [Rule("eins", FD_IV, keywords=("Rechnung",)), Rule("zwei", FD_II, keywords=("Rechnung",))]
    assert first_match(rules, subject="Rechnung 17").name == "eins"
    assert first_match(rules, subject="Bauantrag") is None


def test_problems_are_reported_in_german(portal):
    others = [Rule("Bauanträge", FD_IV, keywords=("Bauantrag",))]

    def messages(rule):
        return [translate(message) for _field, message in rule_problems(rule, others)]

    assert messages(Rule("leer")) == ["Die Regel hat weder eine Bedingung noch ein Ergebnis."]
    assert messages(Rule("x", FD_IV)) == []
    assert messages(Rule("BAUANTRÄGE", FD_II, keywords=("a",))) == ["Es gibt bereits eine Regel namens „BAUANTRÄGE“."]
    assert messages(Rule("x", "Fachdienst IX", keywords=("a",))) == ["Einen Fachdienst „Fachdienst IX“ gibt es nicht."]
    assert messages(Rule("x", responsible="niemand", keywords=("a",))) == ["Es gibt keinen Benutzer „niemand“."]
    assert messages(Rule("x", FD_II, senders=("kein absender",))) == [
        "„kein absender“ ist weder eine E-Mail-Adresse noch eine Domain."
    ]


def test_intake_applies_the_stored_rules_and_names_the_rule(portal, manager, delivery):
    store_rules(
        [
            Rule("Finanzamt", FD_II, senders=("finanzamt.landsh.de",)),
            Rule("Bauanträge", FD_IV, keywords=("Bauantrag",)),
        ]
    )
    bau = register(delivery(subject="BAUANTRAG Mühlenweg 3", files=[IncomingFile("a.txt", b"eins")]))
    amt = register(
        delivery(
            subject="Messbescheid",
            sender_email="post@fa-flensburg.finanzamt.landsh.de",
            files=[IncomingFile("b.txt", b"zwei")],
        )
    )
    other = register(delivery(subject="Einladung", files=[IncomingFile("c.txt", b"drei")]))
    assert (bau.fachdienst, bau.routed_by) == (FD_IV, "Regel „Bauanträge“")
    assert (amt.fachdienst, amt.routed_by) == (FD_II, "Regel „Finanzamt“")
    assert api.content.get_state(bau) == "zugewiesen"
    assert other.fachdienst is None and other.routed_by is None
    assert api.content.get_state(other) == "eingegangen"


def test_a_rule_whose_fachdienst_is_gone_is_skipped(portal, manager, delivery):
    store_rules([Rule("Alt", "Fachdienst V – Gibt es nicht", keywords=("Bauantrag",)), Rule("Neu", FD_IV)])
    eingang = register(delivery(subject="Bauantrag", files=[IncomingFile("a.txt", b"eins")]))
    assert eingang.routed_by == "Regel „Neu“"


# The control panel


@pytest.fixture
def panel(functional_portal):
    add_member("poststelle1", "poststelle")
    transaction.commit()
    return functional_portal


def open_form(browser, portal, rule_id=""):
    browser.open(f"{portal.absolute_url()}/@@posteingang-regel" + (f"?rule={rule_id}" if rule_id else ""))


def fill(browser, name="", senders="", keywords="", fachdienst=None, channels=()):
    browser.getControl(name="form.widgets.name").value = name
    browser.getControl(name="form.widgets.senders").value = senders
    browser.getControl(name="form.widgets.keywords").value = keywords
    if fachdienst is not None:
        browser.getControl(name="form.widgets.fachdienst:list").value = [fachdienst_group_id(fachdienst)]
    if channels:
        browser.getControl(name="form.widgets.channels:list").value = list(channels)


def test_the_panel_adds_edits_moves_and_deletes_rules(panel):
    portal = panel
    browser = browser_as(portal, SITE_OWNER_NAME)
    browser.open(f"{portal.absolute_url()}/@@overview-controlpanel")
    assert "Posteingang-Regeln" in browser.contents
    browser.open(f"{portal.absolute_url()}/@@posteingang-regeln")
    assert "Noch keine Verteilregeln" in browser.contents
    for name, keywords, fachdienst in (
        ("Bauanträge", "Bauantrag\nBauvoranfrage", FD_IV),
        ("Hunde", "Hundesteuer", FD_II),
    ):
        open_form(browser, portal)
        fill(browser, name, keywords=keywords, fachdienst=fachdienst, senders="@kreis-sl.de" if name == "Hunde" else "")
        browser.getControl("Speichern").click()
        assert f"Die Regel „{name}“ wurde gespeichert." in browser.contents
    assert [rule.name for rule in stored_rules()] == ["Bauanträge", "Hunde"]
    assert stored_rules()[0].keywords == ("Bauantrag", "Bauvoranfrage")

    browser.getControl("Nach unten", index=0).click()
    assert [rule.name for rule in stored_rules()] == ["Hunde", "Bauanträge"]
    assert "Die Reihenfolge der Regeln wurde geändert." in browser.contents

    hunde = stored_rules()[0]
    open_form(browser, portal, hunde.id)
    assert browser.getControl(name="form.widgets.senders").value == "@kreis-sl.de"
    browser.getControl(name="form.widgets.keywords").value = "Hundesteuer\nHund"
    browser.getControl("Speichern").click()
    assert stored_rules()[0].keywords == ("Hundesteuer", "Hund")
    assert stored_rules()[0].id == hunde.id

    browser.getControl("Löschen", index=0).click()
    assert "Die Regel „Hunde“ wurde gelöscht." in browser.contents
    assert [rule.name for rule in stored_rules()] == ["Bauanträge"]


def test_the_form_refuses_bad_rules_in_german_and_keeps_the_input(panel):
    portal = panel
    browser = browser_as(portal, SITE_OWNER_NAME)
    open_form(browser, portal)
    fill(browser, "Bauanträge", keywords="Bauantrag", fachdienst=FD_IV)
    browser.getControl("Speichern").click()

    open_form(browser, portal)
    fill(browser, "Leer")
    browser.getControl("Speichern").click()
    assert browser.headers["status"].startswith("200")
    assert "Die Regel hat weder eine Bedingung noch ein Ergebnis." in browser.contents

    fill(browser, "bauanträge", senders="kein absender", keywords="Grundsteuer", fachdienst=FD_II)
    browser.getControl("Speichern").click()
    assert "Es gibt bereits eine Regel namens „bauanträge“." in browser.contents
    assert "„kein absender“ ist weder eine E-Mail-Adresse noch eine Domain." in browser.contents
    assert browser.getControl(name="form.widgets.keywords").value == "Grundsteuer"
    assert browser.getControl(name="form.widgets.fachdienst:list").value == [fachdienst_group_id(FD_II)]

    # Values the selects did not offer (a hand-made POST)
    token = browser.getControl(name="_authenticator").value
    browser.post(
        f"{portal.absolute_url()}/@@posteingang-regel",
        "&".join(
            [
                "form.widgets.name=Neu",
                "form.widgets.keywords=Grundsteuer",
                "form.widgets.fachdienst%3Alist=Fachdienst+IX",
                "form.widgets.fachdienst-empty-marker=1",
                "form.widgets.responsible%3Alist=niemand",
                "form.widgets.responsible-empty-marker=1",
                "form.buttons.save=Speichern",
                f"_authenticator={token}",
            ]
        ),
    )
    assert browser.headers["status"].startswith("200")
    assert "Einen Fachdienst „Fachdienst IX“ gibt es nicht." in browser.contents
    assert "Es gibt keinen Benutzer „niemand“." in browser.contents
    assert [rule.name for rule in stored_rules()] == ["Bauanträge"]


def test_only_administrators_reach_the_panel(panel):
    portal = panel
    for path in ("@@posteingang-regeln", "@@posteingang-regel"):
        browser = browser_as(portal, "poststelle1")
        browser.open(f"{portal.absolute_url()}/{path}")
        assert "Verteilregel" not in browser.contents
        assert browser.headers["status"].startswith(("401", "403")) or "insufficient-privileges" in browser.url
