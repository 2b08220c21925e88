"""The portal as a person sees it (issue 16), in Debian's Chromium: the
Amt's theme is on, so the header wears the Amt blue, the navigation is a
horizontal bar, the edit toolbar's menus stay closed until opened and the
logo is the Amt's. Each check fails when the theme is missing."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from selenium.webdriver.common.by import By

from mittelangeln.policy.testing.helpers import sign_in
from mittelangeln.policy.testing.helpers import wait


AMT_BLUE = "rgba(0, 70, 110, 1)"


def test_header_wears_the_amt_blue(functional_portal, chromium):
    chromium.get(functional_portal.absolute_url())
    header = chromium.find_element(By.ID, "content-header")
    assert header.value_of_css_property("background-color") == AMT_BLUE
    logo = chromium.find_element(By.CSS_SELECTOR, "#portal-logo img")
    assert "@@site-logo/logo.svg" in logo.get_attribute("src")
    assert logo.size["width"] > 100  # the image loaded and has its size


def test_navigation_is_a_horizontal_bar(functional_portal, chromium):
    """The areas (Aktuelles, Intranet, Fachdienste, ...) side by side."""
    portal_url = functional_portal.absolute_url()
    sign_in(chromium, portal_url, SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    chromium.get(portal_url)
    items = [item for item in chromium.find_elements(By.CSS_SELECTOR, "#portal-globalnav > li") if item.is_displayed()]
    assert len(items) >= 3
    tops = {item.location["y"] for item in items}
    assert len(tops) == 1, tops  # one row
    lefts = [item.location["x"] for item in items]
    assert lefts == sorted(lefts) and len(set(lefts)) == len(lefts)
    bar = chromium.find_element(By.ID, "mainnavigation-wrapper")
    assert bar.value_of_css_property("background-color") == "rgba(0, 51, 80, 1)"


def test_toolbar_menus_are_closed_until_opened(functional_portal, chromium):
    portal_url = functional_portal.absolute_url()
    sign_in(chromium, portal_url, SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    chromium.get(f"{portal_url}/aktuelles")
    toolbar = chromium.find_element(By.ID, "edit-zone")
    assert toolbar.is_displayed()
    assert toolbar.value_of_css_property("position") == "fixed"
    menu = chromium.find_element(By.CSS_SELECTOR, "#plone-contentmenu-factories ul")
    assert not menu.is_displayed()
    chromium.find_element(By.CSS_SELECTOR, "#plone-contentmenu-factories > a").click()
    wait(chromium).until(lambda driver: menu.is_displayed())
