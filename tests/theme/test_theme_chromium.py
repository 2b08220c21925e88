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


# Each colour channel's share of the luminance (WCAG 2.1, relative luminance).
def _luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(foreground, background):
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# The computed text colour of an element and the first opaque background
# colour behind it (its own or an ancestor's), as [r, g, b].
COMPUTED_COLOURS = """
const rgb = (value) => value.match(/[\\d.]+/g).map(Number);
let element = arguments[0];
const colour = rgb(getComputedStyle(element).color);
while (element && rgb(getComputedStyle(element).backgroundColor)[3] === 0) {
    element = element.parentElement;
}
return [colour.slice(0, 3), rgb(getComputedStyle(element || document.body).backgroundColor).slice(0, 3)];
"""


def test_footer_is_a_readable_contentinfo_landmark(functional_portal, chromium):
    """As a citizen on the public area: the footer is the page's one
    contentinfo landmark, visible, with the legal links, and its links and
    text reach WCAG AA contrast (4.5:1) on the dark footer colour."""
    chromium.get(f"{functional_portal.absolute_url()}/oeffentlich")
    footer = chromium.find_element(By.CSS_SELECTOR, "footer#portal-footer-wrapper")
    chromium.execute_script("arguments[0].scrollIntoView()", footer)
    assert footer.is_displayed()
    assert footer.aria_role == "contentinfo"
    landmarks = chromium.find_elements(By.CSS_SELECTOR, "footer, [role=contentinfo]")
    assert [element.aria_role for element in landmarks].count("contentinfo") == 1
    assert footer.value_of_css_property("background-color") == "rgba(31, 42, 51, 1)"
    links = {link.text: link for link in footer.find_elements(By.TAG_NAME, "a")}
    assert {"Impressum", "Datenschutzerklärung", "Erklärung zur Barrierefreiheit"} <= set(links)
    texts = footer.find_elements(By.CSS_SELECTOR, "h2, address, p")
    assert len(texts) >= 4
    for element in [*links.values(), *texts]:
        assert element.is_displayed()
        colour, background = chromium.execute_script(COMPUTED_COLOURS, element)
        assert _contrast(colour, background) >= 4.5, (element.text, colour, background)
