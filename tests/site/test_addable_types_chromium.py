"""The add menu ("Hinzufügen") in Chromium, as the people who use it see
it: only the types that belong there (issue 16)."""

import pytest
import transaction
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from selenium.webdriver.common.by import By

from mittelangeln.policy.security.groups import REDAKTION
from mittelangeln.policy.testing.helpers import PASSWORD
from mittelangeln.policy.testing.helpers import add_member
from mittelangeln.policy.testing.helpers import sign_in
from mittelangeln.policy.testing.helpers import wait


def add_menu_entries(driver, url, shot):
    """{link id: text} of the entries of the opened add menu of ``url``;
    a screenshot of it goes to ``shot``."""
    driver.get(url)
    driver.find_element(By.CSS_SELECTOR, "#plone-contentmenu-factories > a").click()
    menu = driver.find_element(By.CSS_SELECTOR, "#plone-contentmenu-factories ul")
    wait(driver).until(lambda _driver: menu.is_displayed())
    driver.save_screenshot(shot)
    links = menu.find_elements(By.CSS_SELECTOR, "li a")
    return {link.get_attribute("id"): link.text.strip() for link in links}


@pytest.mark.parametrize(
    ("username", "path", "expected"),
    [
        (SITE_OWNER_NAME, "", {"aktenplan", "document", "folder", "link"}),
        (REDAKTION, "aktuelles", {"document", "event", "file", "folder", "image", "link", "news-item"}),
    ],
    ids=["admin-site-root", "redaktion-aktuelles"],
)
def test_the_add_menu_shows_only_what_belongs_there(functional_portal, chromium, tmp_path, username, path, expected):
    portal = functional_portal
    password = SITE_OWNER_PASSWORD
    if username != SITE_OWNER_NAME:
        setRoles(portal, TEST_USER_ID, ["Manager"])
        add_member("redakteurin", username)
        setRoles(portal, TEST_USER_ID, ["Member"])
        transaction.commit()
        username, password = "redakteurin", PASSWORD
    sign_in(chromium, portal.absolute_url(), username, password)
    url = "/".join(part for part in (portal.absolute_url(), path) if part)
    entries = add_menu_entries(chromium, url, str(tmp_path / "add-menu.png"))
    assert set(entries) == expected
    assert all(entries.values())  # each with its German title
