"""The Eingang's view: number, state, channel, dates (overdue marked),
sender, who works on it and why, the documents main first, the history;
buttons only for who may use them. And the demo Posteingang."""

import datetime
import re

import pytest
import transaction
from lxml import html
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles

from mittelangeln.policy.posteingang.intake import Delivery
from mittelangeln.policy.posteingang.intake import IncomingFile
from mittelangeln.policy.posteingang.intake import register
from mittelangeln.policy.site.demo_posteingang import create_demo_posteingang
from mittelangeln.policy.testing.helpers import browser_as
from mittelangeln.policy.textpdf import text_pdf
from tests.posteingang.staff import BAUEN
from tests.posteingang.staff import add_posteingang_staff


@pytest.fixture
def eingang(functional_portal):
    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    add_posteingang_staff()
    item = register(
        Delivery(
            channel="email",
            subject="Antrag auf Sondernutzung",
            files=[
                IncomingFile("nachricht.txt", b"Sehr geehrte Damen und Herren"),
                IncomingFile("lageplan.pdf", text_pdf([["Lageplan"]])),
            ],
            received=datetime.datetime(2026, 3, 2, 9, 15),
            sender_name="Anke Hansen",
            sender_organisation="Dorffestverein Satrup e. V.",
            sender_email="anke.hansen@example.org",
            fachdienst=BAUEN,
            responsible="bauamt",
            deadline=datetime.date.today() - datetime.timedelta(days=1),
        )
    )
    setRoles(functional_portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    return item


def text(element):
    return re.sub(r"\s+", " ", element.text_content()).strip()


def page(eingang, username):
    browser = browser_as(eingang.aq_parent.aq_parent, username)
    browser.open(eingang.absolute_url())
    assert browser.headers["status"].startswith("200")
    return html.fromstring(browser.contents)


def test_the_header_names_number_state_channel_dates_and_routing(eingang):
    tree = page(eingang, "post")
    assert text(tree.cssselect("h1")[0]) == f"{eingang.eingangsnummer} Antrag auf Sondernutzung"
    rows = {
        text(row.cssselect("th")[0]): text(row.cssselect("td")[0]) for row in tree.cssselect(".eingang-metadata tr")
    }
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).strftime("%d.%m.%Y")
    assert rows["Status"] == "Zugewiesen"
    assert rows["Weg"] == "E-Mail"
    assert rows["Frist"] == f"{yesterday} (überfällig)"
    assert rows["Fachdienst"] == BAUEN
    assert rows["Zuständige Person"] == "bauamt"
    assert rows["Verteilt durch"] == "Bei der Erfassung angegeben"
    assert "02.03.2026 09:15" in rows.values()


def test_sender_and_documents_main_first(eingang):
    tree = page(eingang, "bauamt")
    sender = [text(dd) for dd in tree.cssselect(".eingang-sender dd")]
    assert sender == ["Anke Hansen", "Dorffestverein Satrup e. V.", "anke.hansen@example.org"]
    documents = [
        [text(cell) for cell in row.cssselect("td")] for row in tree.cssselect(".eingang-document-list tbody tr")
    ]
    assert documents[0][:2] == ["nachricht.txt", "Hauptdokument"]
    assert documents[1][:3] == ["lageplan.pdf", "Anlage", "Konvertierung ausstehend"]
    assert documents[0][3] == "29 Bytes"
    link = tree.cssselect(".eingang-document-list a")[1].get("href")
    assert link == eingang["lageplan.pdf"].absolute_url()


def test_the_history_names_step_person_and_note(eingang):
    tree = page(eingang, "post")
    history = [[text(cell) for cell in row.cssselect("td")] for row in tree.cssselect(".eingang-history-list tbody tr")]
    assert [row[1] for row in history] == ["Zuweisen", "Registriert"]
    assert history[0][3:] == ["Zugewiesen", "Bei der Erfassung angegeben"]


def test_buttons_only_for_who_may_use_them(eingang):
    tree = page(eingang, "bauamt")
    assert [text(a) for a in tree.cssselect(".eingang-actions a")] == ["Weiterleiten …", "Zu den Akten …"]
    setRoles(eingang.aq_parent.aq_parent, TEST_USER_ID, ["Manager"])
    api.group.add_user(groupname="leitung", username="ordnungsamt")
    transaction.commit()
    tree = page(eingang, "ordnungsamt")  # Leitung reads the Posteingang
    assert tree.cssselect(".eingang-actions a") == []


@pytest.mark.parametrize("username", [None, "ordnungsamt"])
def test_others_do_not_see_it(eingang, username):
    browser = browser_as(eingang.aq_parent.aq_parent, username)
    browser.open(eingang.absolute_url())
    assert "Antrag auf Sondernutzung" not in browser.contents


def test_the_demo_posteingang_has_eingaenge_in_different_states(portal, manager):
    from mittelangeln.policy.site.demo_akten import create_demo_akten

    create_demo_akten(portal)
    created = create_demo_posteingang(portal)
    states = {item.title: api.content.get_state(item) for item in created}
    assert states == {
        "Antrag auf Sondernutzung: Dorffest Satrup": "zugewiesen",
        "Bauantrag Mühlenweg 3, Sörup": "zugewiesen",
        "Widerspruch gegen den Hundesteuerbescheid": "eingegangen",
        "Beschwerde über Lärm an der Festwiese": "zugewiesen",
        "Nachreichung Statik Dorfstraße 12": "erledigt",
    }
    assert {item.channel for item in created} == {"email", "post", "upload"}
    filed = created[-1]
    assert filed.filed_in and list(filed.objectIds()) == []
    assert create_demo_posteingang(portal) == []  # idempotent
