"""Mein Arbeitsplatz in Chromium, signed in through the login form as a
clerk of Fachdienst IV, a volunteer and the Kita: each lands on the page
and sees only the boxes that concern them; the quick search works by
keyboard. Screenshots go to MITTELANGELN_SCREENSHOTS or a temporary folder."""

import os
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from mittelangeln.policy.testing.helpers import sign_in
from mittelangeln.policy.testing.helpers import wait


@pytest.fixture
def folder(tmp_path):
    path = Path(os.environ.get("MITTELANGELN_SCREENSHOTS") or tmp_path)
    path.mkdir(parents=True, exist_ok=True)
    return path


def screenshot(driver, path):
    """The whole page, not only the window."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1400, max(height, 1000))
    driver.save_screenshot(str(path))
    assert path.read_bytes().startswith(b"\x89PNG")


def box_titles(driver):
    return [element.text for element in driver.find_elements(By.CSS_SELECTOR, ".arbeitsplatz-box > h2")]


@pytest.mark.parametrize(
    "username,titles",
    [
        (
            "bauamt",
            [
                "Schnellsuche",
                "Mein Posteingang",
                "Offene Online-Eingänge",
                "Wiedervorlagen",
                "Zuletzt von mir bearbeitet",
                "Neuigkeiten",
                "Meine Bereiche",
            ],
        ),
        ("buergermeister", ["Neuigkeiten", "Meine Bereiche"]),
        ("erzieherin", ["Neuigkeiten", "Meine Bereiche"]),
    ],
)
def test_each_user_lands_on_their_arbeitsplatz(functional_site, chromium, folder, username, titles):
    portal_url = functional_site["portal"].absolute_url()
    sign_in(chromium, portal_url, username)
    wait(chromium).until(lambda driver: driver.current_url.endswith("/@@mein-arbeitsplatz"))
    assert chromium.find_element(By.TAG_NAME, "h1").text == "Mein Arbeitsplatz"
    assert box_titles(chromium) == titles
    screenshot(chromium, folder / f"arbeitsplatz-{username}.png")


def test_the_clerk_finds_a_bauakte_by_flurstueck_with_the_keyboard(functional_site, chromium, folder):
    portal_url = functional_site["portal"].absolute_url()
    sign_in(chromium, portal_url, "bauamt")
    wait(chromium).until(lambda driver: driver.current_url.endswith("/@@mein-arbeitsplatz"))
    field = chromium.find_element(By.ID, "arbeitsplatz-suche")
    label = chromium.find_element(By.CSS_SELECTOR, "label[for='arbeitsplatz-suche']")
    assert label.text == "Aktenzeichen oder Flurstück"
    field.send_keys("45/2" + Keys.ENTER)
    wait(chromium).until(lambda driver: "@@aktensuche" in driver.current_url)
    rows = chromium.find_elements(By.CSS_SELECTOR, ".mittelangeln-aktensuche tbody tr")
    assert [row.find_element(By.TAG_NAME, "a").text for row in rows] == ["Neubau Dorfstraße 12"]
    screenshot(chromium, folder / "aktensuche-bauamt.png")
    chromium.find_element(By.LINK_TEXT, "Neubau Dorfstraße 12").click()
    wait(chromium).until(lambda driver: driver.current_url == functional_site["bauakte"].absolute_url())


def test_work_done_shows_on_the_arbeitsplatz(functional_site, chromium, folder):
    """The clerk adds a Vorgang in the browser; back on the Arbeitsplatz it is
    listed first under "Zuletzt von mir bearbeitet"."""
    portal_url = functional_site["portal"].absolute_url()
    sign_in(chromium, portal_url, "bauamt")
    chromium.get(f"{functional_site['bauakte'].absolute_url()}/++add++Vorgang")
    title = wait(chromium).until(lambda driver: driver.find_element(By.ID, "form-widgets-IBasic-title"))
    title.send_keys("Bauantrag Carport")
    chromium.find_element(By.ID, "form-buttons-save").click()
    wait(chromium).until(lambda driver: "Bauantrag Carport" in driver.find_element(By.TAG_NAME, "h1").text)
    chromium.get(f"{portal_url}/@@mein-arbeitsplatz")
    first = chromium.find_element(By.CSS_SELECTOR, "#box-zuletzt-bearbeitet li a")
    assert first.text.endswith("Bauantrag Carport")
    screenshot(chromium, folder / "arbeitsplatz-bauamt-nach-arbeit.png")
