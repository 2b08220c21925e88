"""A citizen who uses no mouse sends the Mängelmelder (BITV 2.0 / WCAG
2.1.1): only key presses from the top of the page, in Chromium; every
control on the way shows where the focus is (WCAG 2.4.7)."""

import transaction
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select

from mittelangeln.policy.testing.helpers import wait


MAX_TABS = 80


def focused(driver):
    return driver.switch_to.active_element


def press(driver, *keys):
    """Keys as the keyboard sends them to whatever has the focus."""
    ActionChains(driver).send_keys(*keys).perform()


def tab_to(driver, element_id):
    """Press Tab until the element has the focus; each stop must show a
    focus indicator."""
    for _ in range(MAX_TABS):
        press(driver, Keys.TAB)
        element = focused(driver)
        outline = element.value_of_css_property("outline-style")
        shadow = element.value_of_css_property("box-shadow")
        assert outline != "none" or shadow != "none", f"no visible focus on {element.get_attribute('outerHTML')[:120]}"
        if element.get_attribute("id") == element_id:
            return element
    raise AssertionError(f"{element_id} not reached with {MAX_TABS} Tab presses")


def test_maengelmelder_without_a_mouse(online_forms, chromium):
    chromium.get(online_forms["maengelmelder"].absolute_url())
    category = tab_to(chromium, "form-widgets-category")
    press(chromium, "Schlagloch")  # a focused select takes the typed option
    assert Select(category).first_selected_option.text == "Schlagloch"
    tab_to(chromium, "form-widgets-address")
    press(chromium, "Dorfstraße 3")
    tab_to(chromium, "form-widgets-defect")
    press(chromium, "Tiefes Loch vor dem Haus, gemeldet ohne Maus")
    tab_to(chromium, "form-buttons-send")
    press(chromium, Keys.ENTER)

    reference = (
        wait(chromium)
        .until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".reference-number")))
        .text
    )
    transaction.begin()
    meldung = online_forms["portal"]["eingaenge"]["maengelmeldungen"][reference.lower()]
    assert meldung.defect == "Tiefes Loch vor dem Haus, gemeldet ohne Maus"
    assert meldung.address == "Dorfstraße 3"
    assert meldung.category == "Schlagloch"
