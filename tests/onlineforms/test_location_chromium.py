"""The Mängelmelder's "use my current location" in a real browser (Debian's
Chromium with an emulated device position): the coordinates are filled in
and stored with the report."""

import transaction
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.ui import WebDriverWait


POSITION = {"latitude": 54.6261, "longitude": 9.6012, "accuracy": 10}


def click(driver, element):
    """A click as the visitor makes it; far down the long form the headless
    window cannot scroll to it, so the browser's own click() is used."""
    driver.execute_script("arguments[0].click();", element)


def test_citizen_takes_over_the_device_location(online_forms, chromium):
    form = online_forms["maengelmelder"]
    origin = "/".join(form.absolute_url().split("/")[:3])
    chromium.execute_cdp_cmd("Browser.grantPermissions", {"origin": origin, "permissions": ["geolocation"]})
    chromium.execute_cdp_cmd("Emulation.setGeolocationOverride", POSITION)
    chromium.get(form.absolute_url())
    wait = WebDriverWait(chromium, 30)
    button = wait.until(expected_conditions.element_to_be_clickable((By.CSS_SELECTOR, ".location-button")))
    assert button.text == "Meinen aktuellen Standort übernehmen"
    click(chromium, button)
    latitude = chromium.find_element(By.ID, "form-widgets-latitude")
    wait.until(lambda driver: latitude.get_attribute("value") == "54.626100")
    assert chromium.find_element(By.ID, "form-widgets-longitude").get_attribute("value") == "9.601200"
    assert "Standort übernommen" in chromium.find_element(By.CSS_SELECTOR, ".location-status").text

    Select(chromium.find_element(By.ID, "form-widgets-category")).select_by_visible_text("Schlagloch")
    chromium.find_element(By.ID, "form-widgets-defect").send_keys("Loch am Standort")
    click(chromium, chromium.find_element(By.ID, "form-buttons-send"))
    reference = wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".reference-number"))).text

    transaction.begin()
    meldung = online_forms["portal"]["eingaenge"]["maengelmeldungen"][reference.lower()]
    assert (meldung.latitude, meldung.longitude) == (54.6261, 9.6012)
    assert meldung.address is None
