"""The screens people use (issue 16, point 2), each with the group that uses
it, on the demo content that `make run` shows: a test layer that builds them
once (demo profile, one user per group, submissions, a converted Dokument,
an Akte due for Aussonderung) and the table ``SCREENS``.

The accessibility, German-language and screenshot tests walk this table, so
a screen added here is checked by all of them."""

import datetime
from dataclasses import dataclass

import transaction
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import FunctionalTesting
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import applyProfile
from plone.app.testing import setRoles
from plone.dexterity.utils import createContentInContainer
from plone.testing import zope as zope_testing

from mittelangeln.policy.aussonderung import process
from mittelangeln.policy.dokumente.queue import enqueue
from mittelangeln.policy.dokumente.queue import process_queue
from mittelangeln.policy.testing import FIXTURE
from mittelangeln.policy.testing.helpers import PASSWORD
from mittelangeln.policy.testing.helpers import add_antrag
from mittelangeln.policy.testing.helpers import add_meldung
from mittelangeln.policy.wiedervorlage import store as wiedervorlagen


# login: (group, site-wide roles)
USERS = {
    "bauamt": ("fachdienst-iv-bauen-und-umwelt", ()),
    "ordnungsamt": ("fachdienst-iii-ordnung-und-soziales", ()),
    "personal": ("personalstelle", ()),
    "leiterin": ("leitung", ()),
    "dsb": ("datenschutz", ()),  # login ≠ group id (one namespace)
    "redakteurin": ("redaktion", ()),
    "ehrenamtliche": ("ehrenamt", ()),
    "erzieherin": ("kita", ()),
    "post": ("poststelle", ()),
    "verwaltung": (None, ("Site Administrator",)),
    # The Aussonderung (issue 18): the Registratur (login ≠ group id).
    "registrator": ("registratur", ()),
}


@dataclass(frozen=True)
class Screen:
    key: str  # also the screenshot's file name
    title: str
    path: str  # below the portal; "{akte}" etc. name built objects
    user: str = None  # None: anonymous
    # "maengelmelder"/"schuelerbefoerderung": send that form first, the
    # confirmation page is the screen
    send_form: str = None

    def url(self, portal):
        return portal.absolute_url() + "/" + self.path.format(**paths(portal))


SCREENS = (
    Screen("startseite-anonym", "Startseite (anonym)", ""),
    Screen("startseite", "Startseite", "", "bauamt"),
    Screen("anmeldung", "Anmeldung", "login"),
    Screen("mein-arbeitsplatz", "Mein Arbeitsplatz", "@@mein-arbeitsplatz", "bauamt"),
    Screen("mein-arbeitsplatz-ehrenamt", "Mein Arbeitsplatz (Ehrenamt)", "@@mein-arbeitsplatz", "ehrenamtliche"),
    Screen("aktensuche", "Schnellsuche nach Aktenzeichen oder Flurstück", "@@aktensuche?suche=45/2", "bauamt"),
    Screen("aktenplan", "Aktenplan", "aktenplan", "bauamt"),
    Screen("akte", "Akte", "{akte}", "bauamt"),
    Screen("bauakte", "Bauakte", "{bauakte}", "bauamt"),
    Screen("personalakte", "Personalakte", "{personalakte}", "personal"),
    Screen("vorgang", "Vorgang", "{vorgang}", "bauamt"),
    Screen("dokument", "Dokument (Seitenansicht)", "{dokument}", "bauamt"),
    Screen("suche", "Suchergebnisse", "@@search?SearchableText=Bauantrag", "bauamt"),
    Screen("aussonderung", "Aussonderung", "@@aussonderung", "registrator"),
    Screen("aussonderungsverfahren", "Aussonderungsverfahren (bewertet)", "{aussonderung}", "registrator"),
    Screen("loeschprotokoll", "Löschprotokoll", "{loeschprotokoll}", "registrator"),
    Screen("xdomea-import", "xdomea-Übergabe importieren", "{position}/@@xdomea-import", "registrator"),
    Screen("freigaben", "Freigaben", "@@freigaben", "bauamt"),
    Screen("zugriffsprotokoll", "Zugriffsprotokoll", "@@zugriffsprotokoll", "dsb"),
    Screen("auswertung-formulare", "Auswertung der Online-Formulare", "@@auswertung-formulare", "leiterin"),
    Screen("eingaenge-maengelmeldungen", "Eingänge: Mängelmeldungen", "eingaenge/maengelmeldungen", "bauamt"),
    Screen(
        "eingaenge-schuelerbefoerderung",
        "Eingänge: Schülerbeförderung",
        "eingaenge/schuelerbefoerderung",
        "ordnungsamt",
    ),
    Screen("maengelmeldung", "Mängelmeldung", "{maengelmeldung}", "bauamt"),
    Screen("schuelerbefoerderungsantrag", "Schülerbeförderungsantrag", "{antrag}", "ordnungsamt"),
    Screen("maengelmelder", "Mängelmelder (öffentliches Formular)", "oeffentlich/maengelmelder"),
    Screen(
        "maengelmelder-bestaetigung",
        "Mängelmelder: Bestätigung",
        "oeffentlich/maengelmelder",
        send_form="maengelmelder",
    ),
    Screen("schuelerbefoerderung", "Schülerbeförderung (öffentliches Formular)", "oeffentlich/schuelerbefoerderung"),
    Screen(
        "schuelerbefoerderung-bestaetigung",
        "Schülerbeförderung: Bestätigung",
        "oeffentlich/schuelerbefoerderung",
        send_form="schuelerbefoerderung",
    ),
    Screen("oeffentliche-dokumente", "Öffentliche Dokumente", "oeffentlich/dokumente"),
    Screen("eingang", "Eingang", "{eingang}", "post"),
    Screen("eingang-abgelegt", "Eingang (zu den Akten gegeben)", "{eingang_abgelegt}", "bauamt"),
    Screen("eingang-erfassen", "Eingänge erfassen (Upload)", "posteingang/@@eingang-erfassen", "post"),
    Screen("weiterleiten", "Eingang weiterleiten", "{eingang}/@@weiterleiten", "bauamt"),
    Screen("zu-den-akten", "Zu den Akten (Suche nach Flurstück)", "{eingang}/@@zu-den-akten?suche=45/2", "bauamt"),
    Screen("meine-wiedervorlagen", "Meine Wiedervorlagen", "@@meine-wiedervorlagen", "bauamt"),
    Screen("wiedervorlage", "Wiedervorlage setzen", "{vorgang}/@@wiedervorlage", "bauamt"),
    Screen("posteingang-liste", "Posteingang (alle Eingänge)", "posteingang", "post"),
    Screen(
        "mein-posteingang",
        "Mein Posteingang (Fachdienst)",
        "@@mein-posteingang?liste=fachdienst-iv-bauen-und-umwelt",
        "bauamt",
    ),
    Screen("posteingang-statistik", "Posteingang: Bearbeitungszeiten", "@@posteingang-statistik", "leiterin"),
    Screen("posteingang-protokoll", "Posteingang: Eingangsprotokoll", "posteingang/@@posteingang-protokoll", "post"),
    Screen("posteingang-regeln", "Posteingang: Verteilregeln", "@@posteingang-regeln", "verwaltung"),
    Screen("konvertierungs-warteschlange", "Konvertierungs-Warteschlange", "@@conversion-backlog", "verwaltung"),
)


def _first(**query):
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(sort_on="id", **query)
    assert brains, query
    return brains[0].getPath().split("/", 2)[2]  # below the portal: /plone/<path>


def paths(portal):
    """The built objects' paths below the portal, by the names SCREENS use."""
    return {
        "akte": _first(portal_type="Akte", Title="Bebauungsplan"),
        "bauakte": _first(portal_type="Bauakte", Title="Dorfstraße"),
        "personalakte": _first(portal_type="Personalakte"),
        "vorgang": _first(portal_type="Vorgang", Title="Bauantrag"),
        "dokument": _first(portal_type="Dokument", Title="Bauantrag"),
        "maengelmeldung": _first(portal_type="Maengelmeldung"),
        "antrag": _first(portal_type="Schuelerbefoerderungsantrag"),
        "eingang": _first(portal_type="Eingang", Title="Bauantrag"),
        "eingang_abgelegt": _first(portal_type="Eingang", Title="Nachreichung"),
        "aussonderung": _first(portal_type="Aussonderung"),
        "loeschprotokoll": _first(portal_type="Loeschprotokoll"),
        "position": _first(portal_type="AktenplanPosition"),
    }


def add_wiedervorlagen():
    """Wiedervorlagen for the Bauamt: one overdue, one due today for its
    Fachdienst, one coming up."""
    today = wiedervorlagen.local_today()
    portal = api.portal.get()
    vorgang = portal.unrestrictedTraverse(_first(portal_type="Vorgang", Title="Bauantrag"))
    akte = portal.unrestrictedTraverse(_first(portal_type="Akte", Title="Bebauungsplan"))
    overdue = today - datetime.timedelta(days=3)
    wiedervorlagen.add(vorgang, overdue, "bauamt", "Nachforderung der Statik prüfen", today=overdue)
    wiedervorlagen.add(akte, today, "fachdienst-iv-bauen-und-umwelt", "Stellungnahme des Kreises anmahnen")
    wiedervorlagen.add(vorgang, today + datetime.timedelta(days=14), "bauamt", "Baubeginnanzeige erwartet")


def add_aussonderung(portal):
    """Two more expired Akten, one in a process appraised by the archive
    (the two-stage procedure: every Akte A), and a Löschprotokoll."""
    akten = []
    for title, closed in (("Dorffest", datetime.date(2010, 9, 1)), ("Hundesteuer", datetime.date(2005, 2, 1))):
        akte = api.content.find(portal_type="Akte", Title=title, unrestricted=True)[0].getObject()
        api.content.transition(obj=akte, transition="close")
        akte.closed = closed
        akte.reindexObject()
        akten.append(akte)
    process.start(akten[1:], two_stage=True)  # the Dorffest stays on the list
    protocol = createContentInContainer(
        portal["aussonderungen"], "Loeschprotokoll", checkConstraints=False, id="loeschprotokoll-demo"
    )
    protocol.title = "Löschprotokoll (Demo)"
    protocol.process_id = "c217578e-3817-41b3-906b-0d373199bb92"
    at = datetime.datetime(2026, 8, 3, 9, 30, tzinfo=datetime.timezone.utc)
    protocol.entries = [
        {
            "what": what,
            "aktenzeichen": aktenzeichen,
            "title": title,
            "retention": "10",
            "retention_until": datetime.date(2016, 12, 31),
            "decision": decision,
            "process_id": protocol.process_id,
            "by": "registrator",
            "at": at,
        }
        for what, aktenzeichen, title, decision in (
            ("Akte", "93/0001", "Hundesteuer: Veranlagung 2005", "V"),
            ("Vorgang", "93/0001-1", "Widerspruch Müller", "V"),
            ("Akte", "00/0002", "Gebietsänderung Satrup", "A"),
        )
    ]
    protocol.reindexObject()


class ScreensLayer(PloneSandboxLayer):
    """The demo site with one user per group, a Mängelmeldung and a
    Schülerbeförderungsantrag, the Dokumente converted and one Akte whose
    retention has run out."""

    defaultBases = (FIXTURE,)

    def setUpPloneSite(self, portal):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        applyProfile(portal, "mittelangeln.policy:demo")
        for login, (group, roles) in USERS.items():
            # Member, as Plone gives every account it creates.
            api.user.create(email=f"{login}@example.org", username=login, password=PASSWORD, roles=("Member", *roles))
            if group:
                api.group.add_user(groupname=group, username=login)
        add_meldung(portal, "m-2026-0001", contact_email="melder@example.org")
        add_antrag(portal, "s-2026-0001")
        expired = api.content.find(portal_type="Akte", Title="Hauptsatzung", unrestricted=True)[0].getObject()
        api.content.transition(obj=expired, transition="close")
        expired.closed = datetime.date(1990, 5, 1)
        expired.reindexObject()
        add_aussonderung(portal)
        add_wiedervorlagen()
        for brain in api.content.find(portal_type="Dokument", unrestricted=True):
            enqueue(brain.getObject())
        transaction.commit()
        process_queue(portal, commit=transaction.commit)
        setRoles(portal, TEST_USER_ID, ["Member"])


SCREENS_FIXTURE = ScreensLayer()
SCREENS_TESTING = FunctionalTesting(
    bases=(SCREENS_FIXTURE, zope_testing.WSGI_SERVER_FIXTURE),
    name="MittelangelnScreens:Functional",
)


# What a citizen types into the public forms (field name: value; choices by
# their visible text).
FORM_INPUT = {
    "maengelmelder": {
        "category": "Spielplatz",
        "address": "Am Markt 1",
        "defect": "Die Schaukel ist gebrochen.",
    },
    "schuelerbefoerderung": {
        "applicant_name": "Anke Hansen",
        "applicant_address": "Hauptstraße 5, 24986 Mittelangeln",
        "pupil_name": "Lena Hansen",
        "pupil_birthday": "2016-05-04",
        "pupil_address": "Hauptstraße 5, 24986 Mittelangeln",
        "school": "Grundschule Satrup",
        "school_class": "3",
        "transport": "Schulbus oder Linienbus",
        "iban": "DE89370400440532013000",
        "account_holder": "Anke Hansen",
        "consent": True,
    },
}


def send_form(driver, name):
    """Fill in and send a public form in Chromium; waits for the
    confirmation (its reference number)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import Select

    from mittelangeln.policy.testing.helpers import wait

    for field_name, value in FORM_INPUT[name].items():
        widget = driver.find_element(By.CSS_SELECTOR, f"[name^='form.widgets.{field_name}']")
        if widget.tag_name == "select":
            Select(widget).select_by_visible_text(value)
        elif value is True:
            if not widget.is_selected():
                driver.execute_script("arguments[0].click()", widget)
        else:
            driver.execute_script("arguments[0].value = arguments[1]", widget, value)
    send = driver.find_element(By.ID, "form-buttons-send")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", send)
    send.click()
    wait(driver).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".reference-number")))


def open_screen(driver, portal, screen, signed_in):
    """Show ``screen`` in Chromium as its user; ``signed_in`` is who is
    signed in now; returns who is signed in afterwards."""
    from mittelangeln.policy.testing.helpers import sign_in

    if screen.user != signed_in:
        driver.delete_all_cookies()
        if screen.user:
            sign_in(driver, portal.absolute_url(), screen.user)
    driver.get(screen.url(portal))
    if screen.send_form:
        send_form(driver, screen.send_form)
    return screen.user
