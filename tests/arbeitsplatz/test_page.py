"""The page Mein Arbeitsplatz over HTTP: German, dates in German, no
internal data for anonymous visitors; signing in leads there; the personal
menu links to it."""

import datetime

from plone.testing.zope import Browser

from mittelangeln.policy.testing.helpers import PASSWORD
from mittelangeln.policy.testing.helpers import fetch


def page(functional_site, username):
    return fetch(functional_site["portal"], f"{functional_site['portal'].absolute_url()}/@@mein-arbeitsplatz", username)


def test_the_clerk_sees_the_boxes_in_german(functional_site):
    status, body, _type = page(functional_site, "bauamt")
    assert status == 200
    for text in (
        '<h1 class="documentFirstHeading">Mein Arbeitsplatz</h1>',
        "Guten Tag, Jens Bauer.",
        "Schnellsuche",
        '<label for="arbeitsplatz-suche" class="form-label">Aktenzeichen oder Flurstück</label>',
        "Zuletzt von mir bearbeitet",
        "Hier erscheinen die Akten und Vorgänge, die Sie anlegen oder bearbeiten.",
        "Offene Online-Eingänge",
        "seit 3 Tagen",
        "seit heute",
        (datetime.date.today() - datetime.timedelta(days=3)).strftime("%d.%m.%Y"),
        "Neuigkeiten",
        "Schulung zur E-Akte am 3. Dezember",
        "Meine Bereiche",
        "Fachdienst IV – Bauen und Umwelt",
    ):
        assert text in body, text
    for english in ("My workplace", "Quick search", "Open online submissions", "for 3 days"):
        assert english not in body
    assert functional_site["antrag"].reference not in body  # Schülerbeförderung: Fachdienst III
    assert functional_site["done_meldung"].reference not in body  # done


def test_the_kita_sees_news_and_its_areas_only(functional_site):
    status, body, _type = page(functional_site, "erzieherin")
    assert status == 200
    assert 'id="box-neuigkeiten"' in body and 'id="box-meine-bereiche"' in body
    for absent in ("box-schnellsuche", "box-zuletzt-bearbeitet", "box-offene-eingaenge", "Mängelmeldung"):
        assert absent not in body
    assert "Laternenumzug der Kita" in body


def test_anonymous_gets_the_login_and_no_internal_data(functional_site):
    status, body, _type = page(functional_site, None)
    assert status == 200  # the login form, after the redirect
    assert 'name="__ac_password"' in body
    for internal in ('id="box-', "Schulung zur E-Akte", functional_site["old_meldung"].reference):
        assert internal not in body


def sign_in(functional_site, came_from=None):
    browser = Browser(functional_site["portal"].aq_parent)
    browser.handleErrors = False
    url = f"{functional_site['portal'].absolute_url()}/login"
    browser.open(url + (f"?came_from={came_from}" if came_from else ""))
    browser.getControl(name="__ac_name").value = "bauamt"
    browser.getControl(name="__ac_password").value = PASSWORD
    # Where the login form sends the browser (the session cookie is Secure,
    # so this plain-HTTP test browser could not follow signed in).
    browser.followRedirects = False
    browser.getControl(name="buttons.login").click()
    assert browser.headers["status"].startswith("302"), browser.headers["status"]
    return browser.headers["Location"]


def test_signing_in_leads_to_the_arbeitsplatz(functional_site):
    assert sign_in(functional_site) == f"{functional_site['portal'].absolute_url()}/@@mein-arbeitsplatz"


def test_signing_in_from_the_front_page_leads_to_the_arbeitsplatz(functional_site):
    portal_url = functional_site["portal"].absolute_url()
    assert sign_in(functional_site, came_from=portal_url) == f"{portal_url}/@@mein-arbeitsplatz"


def test_signing_in_from_a_link_into_an_akte_keeps_the_akte(functional_site):
    akte_url = functional_site["akte"].absolute_url()
    assert sign_in(functional_site, came_from=akte_url) == akte_url


def test_the_personal_menu_links_to_the_arbeitsplatz(functional_site):
    portal = functional_site["portal"]
    status, body, _type = fetch(portal, functional_site["akte"].absolute_url(), "bauamt")
    assert status == 200
    assert f'href="{portal.absolute_url()}/@@mein-arbeitsplatz"' in body
    assert "Mein Arbeitsplatz" in body
    status, body, _type = fetch(portal, portal.absolute_url(), None)
    assert "@@mein-arbeitsplatz" not in body
