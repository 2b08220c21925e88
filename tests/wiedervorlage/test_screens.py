"""Setting, listing and finishing Wiedervorlagen through the browser: the
form @@wiedervorlage (bad input gets a German message and stores nothing),
the viewlet on the object, Meine Wiedervorlagen and the box on Mein
Arbeitsplatz; a Personalakte stays hidden from who may not open it."""

from urllib.parse import urlencode

import transaction
from plone import api

from mittelangeln.policy.posteingang.intake import Delivery
from mittelangeln.policy.posteingang.intake import IncomingFile
from mittelangeln.policy.posteingang.intake import register
from mittelangeln.policy.testing.helpers import browser_as
from mittelangeln.policy.textpdf import text_pdf
from mittelangeln.policy.wiedervorlage import store

from .conftest import BAU
from .conftest import POSTSTELLE


def status(browser):
    return int(browser.headers["status"].split()[0])


def open_form(portal, obj, username):
    browser = browser_as(portal, username)
    browser.open(obj.absolute_url() + "/@@wiedervorlage")
    return browser


def submit(browser, datum="", fuer="", notiz=""):
    """Send the open form with these values, also ones its list does not offer."""
    fields = {
        "datum": datum,
        "fuer": fuer,
        "notiz": notiz,
        "_authenticator": browser.getControl(name="_authenticator").value,
        "form.buttons.add": "Wiedervorlage setzen",
    }
    browser.open(browser.url, data=urlencode(fields))
    return browser


def denied(browser):
    """Plone's login or "Unzureichende Berechtigungen" page, or an error status."""
    return status(browser) in (401, 403, 404) or "/login" in browser.url or "insufficient-privileges" in browser.url


def stored(obj):
    transaction.begin()  # see what the request committed
    return store.entries(obj)


def test_a_clerk_sets_a_wiedervorlage_for_a_colleague(office, days):
    office["done"]()
    browser = submit(
        open_form(office["portal"], office["vorgang"], "hansen"),
        datum=days(7).isoformat(),
        fuer="petersen",
        notiz="Nachreichung prüfen",
    )
    assert status(browser) == 200
    assert f"Wiedervorlage am {days(7):%d.%m.%Y} für Jens Petersen gesetzt." in browser.contents
    assert browser.url == office["vorgang"].absolute_url()
    assert "Nachreichung prüfen" in browser.contents  # the viewlet under the title
    (entry,) = stored(office["vorgang"])
    assert (entry["date"], entry["principal"], entry["note"], entry["created_by"]) == (
        days(7),
        "petersen",
        "Nachreichung prüfen",
        "hansen",
    )
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(wiedervorlage_for="petersen")
    assert [brain.getPath() for brain in brains] == ["/".join(office["vorgang"].getPhysicalPath())]


def test_the_form_offers_staff_and_their_groups(office):
    office["done"]()
    browser = open_form(office["portal"], office["akte"], "hansen")
    options = browser.getControl(name="fuer").options
    assert {"hansen", "petersen", "jessen", "carstensen", "lorenzen", BAU, POSTSTELLE, "personalstelle"} <= set(options)
    assert "mitarbeitende" not in options  # not the whole staff at once
    assert "sachbearbeiter" not in options  # not in a staff group
    assert browser.getControl(name="fuer").value == ["hansen"]  # the user by default


def test_bad_input_gets_a_german_message_and_stores_nothing(office, days):
    office["done"]()
    portal, vorgang = office["portal"], office["vorgang"]
    cases = [
        ({"datum": days(-1).isoformat(), "fuer": "hansen"}, "Das Datum der Wiedervorlage liegt in der Vergangenheit"),
        ({"datum": "", "fuer": "hansen"}, "Bitte geben Sie das Datum der Wiedervorlage an."),
        ({"datum": "31.02.2027", "fuer": "hansen"}, "Bitte geben Sie das Datum als TT.MM.JJJJ an."),
        ({"datum": days(3).isoformat(), "fuer": "niemand"}, "Unbekannte Person oder Gruppe"),
        ({"datum": days(3).isoformat(), "fuer": "mitarbeitende"}, "Unbekannte Person oder Gruppe"),
        ({"datum": days(3).isoformat(), "fuer": ""}, "Bitte wählen Sie eine Person oder eine Gruppe."),
    ]
    for fields, message in cases:
        browser = submit(open_form(portal, vorgang, "hansen"), notiz="Mein Vermerk bleibt", **fields)
        assert status(browser) == 400, fields
        assert message in browser.contents, fields
        assert "Mein Vermerk bleibt" in browser.contents  # the other input is kept
        assert stored(vorgang) == []


def test_a_too_long_note_is_refused(office, days):
    office["done"]()
    browser = open_form(office["portal"], office["vorgang"], "hansen")
    browser.getControl(name="datum").value = days(1).isoformat()
    browser.getControl(name="notiz").value = "x" * 2001
    browser.getControl(name="form.buttons.add").click()
    assert status(browser) == 400
    assert "Der Vermerk ist zu lang" in browser.contents
    assert stored(office["vorgang"]) == []


def test_a_person_who_may_not_see_the_personalakte_is_refused(office, days):
    office["done"]()
    browser = submit(
        open_form(office["portal"], office["personalakte"], "personal"), datum=days(1).isoformat(), fuer="hansen"
    )
    assert status(browser) == 400
    assert "Anke Hansen darf dieses Schriftstück nicht öffnen" in browser.contents
    assert stored(office["personalakte"]) == []


def test_only_who_reads_the_object_opens_the_form(office):
    office["done"]()
    refused = open_form(office["portal"], office["personalakte"], "hansen")
    assert denied(refused) and "Jensen" not in refused.contents
    assert denied(open_form(office["portal"], office["vorgang"], None))
    assert status(open_form(office["portal"], office["vorgang"], "leiterin")) == 200  # Reader via the Aktenplan


def test_meine_wiedervorlagen_lists_due_and_upcoming_and_finishes(office, today, days):
    store.add(office["vorgang"], days(-4), "hansen", "Überfälliges zuerst", creator="petersen", today=days(-4))
    store.add(office["akte"], today, BAU, "Heute für den Fachdienst")
    store.add(office["akte"], days(10), "hansen", "Später")
    store.add(office["akte"], today, "lorenzen", "Nicht für Hansen")
    office["done"]()

    browser = browser_as(office["portal"], "hansen")
    browser.open(office["portal"].absolute_url() + "/@@meine-wiedervorlagen")
    page = browser.contents
    assert "Meine Wiedervorlagen" in page
    assert "seit 4 Tagen überfällig" in page and "heute fällig" in page
    assert "in 10 Tagen fällig" in page
    assert page.index("Überfälliges zuerst") < page.index("Heute für den Fachdienst") < page.index("Später")
    assert "Nicht für Hansen" not in page
    assert office["vorgang"].absolute_url() in page

    done = browser.getForm(index=forms_with(browser, "erledigt")[0])
    assert done.getControl(name="erledigt").value == store.entries(office["vorgang"])[0]["id"]
    done.submit(name="form.buttons.done")
    assert browser.url.endswith("/@@meine-wiedervorlagen")
    assert "Die Wiedervorlage ist erledigt." in browser.contents
    assert "Überfälliges zuerst" not in browser.contents
    transaction.begin()
    (entry,) = store.entries(office["vorgang"])
    assert entry["done_by"] == "hansen"
    catalog = api.portal.get_tool("portal_catalog")
    assert not catalog.unrestrictedSearchResults(wiedervorlage_for="hansen", portal_type="Vorgang")


def forms_with(browser, field):
    """Indexes of the page's forms that have a field ``field``."""
    found = []
    index = 0
    while True:
        try:
            form = browser.getForm(index=index)
        except LookupError:  # no more forms
            return found
        try:
            form.getControl(name=field)
            found.append(index)
        except LookupError:
            pass
        index += 1


def test_a_personalakte_stays_out_of_other_lists(office, today):
    store.add(office["personalakte"], today, POSTSTELLE, "Probezeit endet")
    store.add(office["personalakte"], today, "personalstelle", "Beurteilung anfordern")
    office["done"]()
    portal = office["portal"]
    mine = portal.absolute_url() + "/@@meine-wiedervorlagen"

    browser = browser_as(portal, "carstensen")  # Poststelle: may not open the Personalakte
    browser.open(mine)
    assert "Jensen" not in browser.contents and "Probezeit" not in browser.contents
    browser.open(portal.absolute_url() + "/@@mein-arbeitsplatz")
    assert "Jensen" not in browser.contents and "Probezeit" not in browser.contents

    browser = browser_as(portal, "personal")
    browser.open(mine)
    assert "Personalakte Jensen" in browser.contents and "Beurteilung anfordern" in browser.contents
    assert "Probezeit endet" not in browser.contents  # for the Poststelle, not for her


def test_the_arbeitsplatz_box_shows_what_is_due(office, today, days):
    store.add(office["vorgang"], days(-1), BAU, "Rückruf Bauherr", today=days(-1))
    store.add(office["akte"], days(3), "hansen", "Noch nicht")
    office["done"]()
    browser = browser_as(office["portal"], "hansen")
    browser.open(office["portal"].absolute_url() + "/@@mein-arbeitsplatz")
    assert 'id="box-wiedervorlagen"' in browser.contents
    box = browser.contents.split('id="box-wiedervorlagen"')[1].split("</section>")[0]
    assert "Rückruf Bauherr" in box and "seit 1 Tag überfällig" in box
    assert "Noch nicht" not in box
    assert "@@meine-wiedervorlagen" in box


def test_the_viewlet_says_overdue_in_words(office, days):
    store.add(office["vorgang"], days(-2), "hansen", "Frist abgelaufen", today=days(-2))
    office["done"]()
    browser = browser_as(office["portal"], "petersen")
    browser.open(office["vorgang"].absolute_url())
    assert "seit 2 Tagen überfällig" in browser.contents
    assert "Frist abgelaufen" in browser.contents
    assert "Wiedervorlage setzen oder erledigen" in browser.contents


def test_a_wiedervorlage_on_an_eingang(office, today):
    eingang = register(
        Delivery(
            channel="upload",
            subject="Bauvoranfrage Mühlenweg",
            files=[IncomingFile("brief.pdf", text_pdf([["Bauvoranfrage"]]))],
            fachdienst="Fachdienst IV – Bauen und Umwelt",
        )
    )
    office["done"]()
    browser = submit(open_form(office["portal"], eingang, "hansen"), datum=today.isoformat(), fuer=BAU)
    assert status(browser) == 200
    browser.open(office["portal"].absolute_url() + "/@@meine-wiedervorlagen")
    assert eingang.eingangsnummer in browser.contents and "heute fällig" in browser.contents
