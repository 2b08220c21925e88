"""Site Setup → Mittelangeln: the settings schema, its control panel in
Chromium (signed in as the Amt's administrator), the upgrade that
turns the old loose records into the schema, and the REST view of it."""

import datetime
import re

import pytest
import transaction
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from plone.registry import Record
from plone.registry import field as registry_field
from plone.registry.interfaces import IRegistry
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from zope.component import getUtility
from zope.schema import getFieldNames

from mittelangeln.policy import settings
from mittelangeln.policy.settings import IMittelangelnSettings
from mittelangeln.policy.testing.helpers import PASSWORD
from mittelangeln.policy.testing.helpers import build_plan
from mittelangeln.policy.testing.helpers import fetch
from mittelangeln.policy.testing.helpers import sign_in
from mittelangeln.policy.testing.helpers import wait
from mittelangeln.policy.upgrades import v1007


ADMIN = "verwalterin"


def stored(name):
    """The committed value of a settings record, as the portal sees it now."""
    transaction.begin()
    return api.portal.get_registry_record(settings.record_name(name))


@pytest.fixture
def amt_admin(functional_portal):
    """The Amt's administrator (Manager) and the Aktenplan with 632.1."""
    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    built = build_plan(functional_portal)
    api.user.create(email=f"{ADMIN}@example.org", username=ADMIN, password=PASSWORD, roles=("Manager",))
    setRoles(functional_portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    return built


def replace_text(driver, widget_id, text):
    element = driver.find_element(By.ID, widget_id)
    element.clear()
    element.send_keys(text)


def save(driver):
    """Press "Speichern" with the keyboard and wait for the answer page's message."""
    page = driver.find_element(By.TAG_NAME, "html")
    # The themed page sets up its form (tabs, patterns) after loading; under
    # load the button is briefly not interactable.
    button = wait(driver).until(expected_conditions.element_to_be_clickable((By.ID, "form-buttons-save")))
    button.send_keys(Keys.ENTER)
    wait(driver).until(expected_conditions.staleness_of(page))
    wait(driver).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".portalMessage, .alert")))


def test_settings_are_one_schema_with_the_old_record_names(integration):
    registry = getUtility(IRegistry)
    names = {settings.record_name(name) for name in getFieldNames(IMittelangelnSettings)}
    assert names == {name for name in registry.records.keys() if name.startswith("mittelangeln.")}
    # 12 + the contact in the footer (upgrade 1012) + the Posteingang's intake
    # and the Wiedervorlage digest hour (upgrade 1016) + the Amt's and the
    # archive's names and Kennungen for the Aussonderung (upgrade 1017)
    assert len(names) == 28
    proxy = registry.forInterface(IMittelangelnSettings, prefix=settings.PREFIX)
    assert proxy.aktenzeichen_pattern == settings.aktenzeichen_pattern() == "{key}/{number:04d}"


def test_accessors_fall_back_to_the_schema_default(integration):
    del getUtility(IRegistry).records[settings.record_name("form_upload_max_mb")]
    assert settings.form_upload_max_mb() == IMittelangelnSettings["form_upload_max_mb"].default == 10
    getUtility(IRegistry).registerInterface(IMittelangelnSettings, prefix=settings.PREFIX)
    api.portal.set_registry_record(settings.record_name("form_upload_max_mb"), 3)
    assert settings.form_upload_max_mb() == 3


def test_the_panel_is_in_site_setup_for_administrators_only(functional_portal, amt_admin):
    url = f"{functional_portal.absolute_url()}/@@mittelangeln-settings"
    status, body, _type = fetch(functional_portal, url, ADMIN)
    assert status == 200
    assert "Einstellungen Mittelangeln" in body and "Muster des Aktenzeichens" in body
    configlets = {action.getId(): action for action in api.portal.get_tool("portal_controlpanel").listActions()}
    assert configlets["mittelangeln"].getActionExpression().endswith("@@mittelangeln-settings")
    assert configlets["mittelangeln"].permissions == ("Manage portal",)
    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    api.user.create(email="clerk@example.org", username="clerk", password=PASSWORD)
    api.user.create(email="sa@example.org", username="siteadmin", password=PASSWORD, roles=("Site Administrator",))
    setRoles(functional_portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    for username in ("clerk", "siteadmin", None):
        status, body, _type = fetch(functional_portal, url, username)
        assert "Muster des Aktenzeichens" not in body, username
        assert status in (200, 401, 403), username  # the login form, never the panel
    # plone.restapi lets Site Administrators read every control panel.
    for username in ("clerk", None):
        rest = f"{functional_portal.absolute_url()}/@controlpanels/mittelangeln"
        status, body, _type = fetch(functional_portal, rest, username, "application/json")
        assert status in (401, 403), (username, status)
        assert "aktenzeichen_pattern" not in body


def test_rest_api_lists_and_reads_the_panel(functional_portal, amt_admin):
    status, body, _type = fetch(
        functional_portal, f"{functional_portal.absolute_url()}/@controlpanels/mittelangeln", ADMIN, "application/json"
    )
    assert status == 200
    assert '"aktenzeichen_pattern": "{key}/{number:04d}"' in body


def test_changing_the_aktenzeichen_pattern_in_the_browser_numbers_new_akten(functional_portal, amt_admin, chromium):
    portal_url = functional_portal.absolute_url()
    sign_in(chromium, portal_url, ADMIN)
    chromium.get(f"{portal_url}/@@mittelangeln-settings")
    replace_text(chromium, "form-widgets-aktenzeichen_pattern", "{year}-{key}/{number:03d}")
    save(chromium)
    assert "Änderungen wurden gespeichert" in chromium.find_element(By.TAG_NAME, "body").text
    assert stored("aktenzeichen_pattern") == "{year}-{key}/{number:03d}"

    # The effect, seen where a clerk sees it: the add form of an Akte.
    chromium.get(f"{amt_admin['genehmigungen'].absolute_url()}/++add++Akte")
    year = datetime.date.today().year
    # Counters are never reused, so earlier tests may have taken numbers.
    text = chromium.find_element(By.TAG_NAME, "body").text
    assert re.search(rf"Voraussichtliches Aktenzeichen: {year}-632\.1/\d{{3}} ", text), text


def test_a_broken_pattern_is_refused_in_german_and_nothing_is_stored(functional_portal, amt_admin, chromium):
    portal_url = functional_portal.absolute_url()
    sign_in(chromium, portal_url, ADMIN)
    chromium.get(f"{portal_url}/@@mittelangeln-settings")
    replace_text(chromium, "form-widgets-login_max_failures", "9")
    replace_text(chromium, "form-widgets-aktenzeichen_pattern", "{key}/{nummer}")
    save(chromium)
    body = chromium.find_element(By.TAG_NAME, "body").text
    assert "Das Muster „{key}/{nummer}“ ist ungültig" in body
    assert "Traceback" not in body
    assert chromium.find_element(By.ID, "form-widgets-login_max_failures").get_attribute("value") == "9"
    assert stored("aktenzeichen_pattern") == "{key}/{number:04d}"
    assert stored("login_max_failures") == 5


def test_upgrade_1007_keeps_the_values_of_the_old_records(portal, setup_tool, plan, manager):
    """The state of profile 1006: twelve loose records with the Amt's own
    values, type information naming the classes' old modules."""
    registry = getUtility(IRegistry)
    kept = {
        "fachdienste": ["FD 1 – Zentrale Dienste", "FD 2 – Bauen"],
        "maengelmelder_fachdienst": "FD 2 – Bauen",
        "schuelerbefoerderung_fachdienst": "FD 1 – Zentrale Dienste",
        "homepage_origins": ["https://www.amt-mittelangeln.de"],
        "aktenzeichen_pattern": "{key}-{number}",
        "login_max_failures": 7,
        "form_upload_max_mb": 4,
    }
    for name in getFieldNames(IMittelangelnSettings):
        record_name = settings.record_name(name)
        if name.startswith("contact_") or name == "opening_hours":  # since 1012
            del registry.records[record_name]
            continue
        value = kept.get(name, registry[record_name])
        old_field = (
            registry_field.List(title=name, value_type=registry_field.TextLine())
            if isinstance(value, list)
            else registry_field.Int(title=name)
            if isinstance(value, int)
            else registry_field.TextLine(title=name)
        )
        del registry.records[record_name]
        registry.records[record_name] = Record(old_field, value)
    fti = api.portal.get_tool("portal_types")["Akte"]
    fti.klass = "mittelangeln.policy.content.akte.Akte"
    fti.schema = "mittelangeln.policy.content.akte.IAkte"
    api.portal.get_tool("portal_controlpanel").unregisterConfiglet("mittelangeln")

    v1007.upgrade(setup_tool)

    proxy = registry.forInterface(IMittelangelnSettings, prefix=settings.PREFIX)
    for name, value in kept.items():
        assert getattr(proxy, name) == value, name
    assert fti.klass == "mittelangeln.policy.eakte.content.akte.Akte"
    assert fti.schema == "mittelangeln.policy.eakte.content.akte.IAkte"
    assert "mittelangeln" in [action.getId() for action in api.portal.get_tool("portal_controlpanel").listActions()]
    akte = api.content.create(container=plan["genehmigungen"], type="Akte", title="Nach dem Upgrade")
    assert re.fullmatch(r"632\.1-\d+", akte.aktenzeichen), akte.aktenzeichen
