"""The clerk's views: Akte, Aktenplan tree, breadcrumbs, add form, Aussonderung."""

import datetime

import pytest
import transaction
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.namedfile.file import NamedBlobFile

from mittelangeln.policy.testing.helpers import browser_as


@pytest.fixture
def filed(staff_plan):
    position = staff_plan["genehmigungen"]
    akte = api.content.create(
        container=position,
        type="Bauakte",
        id="dorfstrasse-12",
        title="Neubau Dorfstraße 12",
        fachdienst="Fachdienst IV – Bauen und Umwelt",
        gemarkung="Satrup",
        flur="3",
        flurstuecke=["45/2"],
        bauherr="Jens Petersen",
    )
    vorgang = api.content.create(container=akte, type="Vorgang", id="bauantrag", title="Bauantrag")
    for number in range(60):
        api.content.create(
            container=akte,
            type="Dokument",
            id=f"dok-{number:02d}",
            title=f"Schreiben {number:02d}",
            file=NamedBlobFile(b"Text", contentType="text/plain", filename=f"s{number}.txt"),
        )
    transaction.commit()  # the test user stays Manager: tests close Vorgänge in-process
    return {
        "portal": staff_plan["portal"],
        "plan": staff_plan["aktenplan"],
        "position": position,
        "akte": akte,
        "vorgang": vorgang,
    }


def manager_browser(portal):
    return browser_as(portal, SITE_OWNER_NAME, handle_errors=False)


def test_akte_view_shows_aktenzeichen_metadata_and_contents(filed):
    browser = manager_browser(filed["portal"])
    browser.open(filed["akte"].absolute_url())
    page = browser.contents
    assert filed["akte"].aktenzeichen in page
    assert "Gemarkung" in page and "Satrup" in page and "Jens Petersen" in page
    assert "Aufbewahrungsfrist" in page and "30 Jahre" in page
    assert "Offen" in page
    assert filed["vorgang"].aktenzeichen in page


def test_akte_view_batches_and_sorts(filed):
    browser = manager_browser(filed["portal"])
    browser.open(filed["akte"].absolute_url() + "?sortierung=titel&richtung=auf")
    first_page = browser.contents
    assert "Schreiben 00" in first_page
    assert "Schreiben 59" not in first_page  # 61 entries, 50 per page
    browser.open(filed["akte"].absolute_url() + "?sortierung=titel&richtung=ab")
    assert "Schreiben 59" in browser.contents
    assert "Schreiben 00" not in browser.contents


def test_akte_view_survives_bad_parameters(filed):
    browser = manager_browser(filed["portal"])
    browser.open(filed["akte"].absolute_url() + "?sortierung=DROP&b_start=abc")
    assert filed["akte"].aktenzeichen in browser.contents


def test_breadcrumbs_show_aktenzeichen(filed):
    browser = manager_browser(filed["portal"])
    browser.open(filed["vorgang"].absolute_url())
    breadcrumbs = browser.contents.split('id="portal-breadcrumbs"')[1].split("</nav>")[0]
    assert f"{filed['akte'].aktenzeichen} Neubau Dorfstraße 12" in breadcrumbs
    assert f"{filed['vorgang'].aktenzeichen} Bauantrag" in breadcrumbs


def test_plan_tree_counts_akten(filed):
    browser = manager_browser(filed["portal"])
    browser.open(filed["plan"].absolute_url())
    page = browser.contents
    assert "632.1" in page and "Baugenehmigungen" in page
    assert 'title="Akten in dieser Position und darunter">1</span>' in page


def test_add_form_suggests_next_number(filed):
    browser = manager_browser(filed["portal"])
    browser.open(filed["position"].absolute_url() + "/++add++Bauakte")
    number = int(filed["akte"].aktenzeichen.split("/")[1]) + 1
    assert f"Voraussichtliches Aktenzeichen: 632.1/{number:04d}" in browser.contents


def test_aussonderung_lists_expired_akten(filed):
    portal = filed["portal"]
    akte = filed["akte"]
    api.content.transition(obj=filed["vorgang"], transition="complete")
    api.content.transition(obj=akte, transition="close")
    akte.closed = datetime.date(1990, 5, 1)  # kept 30 years: expired end of 2020
    akte.reindexObject()
    transaction.commit()
    browser = manager_browser(portal)
    browser.open(portal.absolute_url() + "/@@aussonderung")
    assert akte.aktenzeichen in browser.contents
    assert "31.12.2020" in browser.contents
    browser.open(portal.absolute_url() + "/@@aussonderung?kennzeichen=7")
    assert akte.aktenzeichen not in browser.contents


def test_aussonderung_denied_to_clerks(filed):
    portal = filed["portal"]
    browser = browser_as(portal, "sachbearbeiter")
    browser.open(portal.absolute_url() + "/@@aussonderung")
    assert "Aufbewahrungsfrist abgelaufen" not in browser.contents


def test_add_form_creates_bauakte_with_number(filed):
    browser = manager_browser(filed["portal"])
    browser.open(filed["position"].absolute_url() + "/++add++Bauakte")
    browser.getControl(name="form.widgets.IBasic.title").value = "Carport Am Markt 1"
    browser.getControl(name="form.widgets.fachdienst:list").value = ["fachdienst-iv-bauen-und-umwelt"]
    browser.getControl(name="form.widgets.gemarkung").value = "Satrup"
    browser.getControl(name="form.widgets.flur").value = "2"
    browser.getControl(name="form.widgets.flurstuecke").value = "7/1\n7/2"
    browser.getControl(name="form.buttons.save").click()
    created = filed["position"]["carport-am-markt-1"]
    assert created.aktenzeichen.startswith("632.1/")
    assert created.flurstuecke == ["7/1", "7/2"]
    assert created.aktenzeichen in browser.contents


def test_add_form_missing_field_german_error_keeps_input(filed):
    browser = manager_browser(filed["portal"])
    browser.open(filed["position"].absolute_url() + "/++add++Bauakte")
    browser.getControl(name="form.widgets.IBasic.title").value = "Carport Am Markt 1"
    browser.getControl(name="form.widgets.fachdienst:list").value = ["fachdienst-iv-bauen-und-umwelt"]
    browser.getControl(name="form.widgets.flur").value = "2"
    browser.getControl(name="form.buttons.save").click()
    assert "Erforderliche Eingabe fehlt" in browser.contents or "Pflichtfeld" in browser.contents
    assert browser.getControl(name="form.widgets.IBasic.title").value == "Carport Am Markt 1"
    assert browser.getControl(name="form.widgets.flur").value == "2"
    assert "carport-am-markt-1" not in filed["position"].objectIds()


def test_override_without_reason_rejected_in_form(filed):
    browser = manager_browser(filed["portal"])
    browser.open(filed["akte"].absolute_url() + "/edit")
    browser.getControl(name="form.widgets.retention_override").value = "dauernd"
    browser.getControl(name="form.buttons.save").click()
    assert "Eine abweichende Aufbewahrungsfrist braucht eine Begründung." in browser.contents
    filed["akte"]._p_jar.sync()
    assert not filed["akte"].retention_override


def test_bad_retention_in_form_german_message(filed):
    browser = manager_browser(filed["portal"])
    browser.open(filed["akte"].absolute_url() + "/edit")
    browser.getControl(name="form.widgets.retention_override").value = "ewig"
    browser.getControl(name="form.widgets.retention_override_reason").value = "Weil"
    browser.getControl(name="form.buttons.save").click()
    assert "Ungültige Aufbewahrungsfrist" in browser.contents


def test_second_aktenplan_refused(filed):
    browser = manager_browser(filed["portal"])
    browser.open(filed["portal"].absolute_url() + "/++add++Aktenplan")
    assert "Es gibt nur einen Aktenplan je Portal" in browser.contents
    assert browser.url == filed["plan"].absolute_url()


def test_dokument_versions_when_file_replaced(filed):
    dokument = filed["akte"]["dok-00"]
    repository = api.portal.get_tool("portal_repository")
    history = repository.getHistoryMetadata(dokument)
    before = history.getLength(countPurged=False) if history else 0
    browser = manager_browser(filed["portal"])
    browser.open(dokument.absolute_url() + "/edit")
    browser.getControl(name="form.widgets.file.action").value = ["replace"]
    browser.getControl(name="form.widgets.file").add_file(b"Neue Fassung", "text/plain", "neu.txt")
    browser.getControl(name="form.buttons.save").click()
    dokument._p_jar.sync()
    history = repository.getHistoryMetadata(dokument)
    assert history.getLength(countPurged=False) > before
    assert dokument.file.data == b"Neue Fassung"


def test_transition_history_shown(filed):
    api.content.transition(obj=filed["vorgang"], transition="complete", comment="Bescheid versandt")
    transaction.commit()
    browser = manager_browser(filed["portal"])
    browser.open(filed["vorgang"].absolute_url() + "/@@historyview")
    assert "Bescheid versandt" in browser.contents
    assert "Erledigen" in browser.contents or "Erledigt" in browser.contents


def test_one_year_retention_reads_singular(filed):
    filed["akte"].retention_override = "1"
    filed["akte"].retention_override_reason = "Nur Kopien"
    transaction.commit()
    browser = manager_browser(filed["portal"])
    browser.open(filed["akte"].absolute_url())
    assert "1 Jahr (abweichend: Nur Kopien)" in browser.contents
