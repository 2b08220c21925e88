"""Screenshots of the main screens as their users see them, in Chromium.
`make screenshots` writes them to docs/screenshots/ for the README
(MITTELANGELN_SCREENSHOTS names the folder); a normal test run writes them
to a temporary folder and checks that each page wears the theme."""

import os
from pathlib import Path

import pytest
from plone import api
from selenium.webdriver.common.by import By

from mittelangeln.policy.testing.helpers import sign_in


AMT_BLUE = "rgba(0, 70, 110, 1)"


@pytest.fixture
def screens(staff_plan):
    """(file name, URL, user or None) of the screens, on the staff plan with
    one Akte and Vorgang and the published Mängelmelder."""
    portal = staff_plan["portal"]
    akte = api.content.create(
        container=staff_plan["genehmigungen"],
        type="Akte",
        title="Neubau Kita Mittelangeln",
        fachdienst="Fachdienst IV – Bauen und Umwelt",
    )
    api.content.create(container=akte, type="Vorgang", title="Bauantrag prüfen")
    form = api.content.create(
        container=portal["oeffentlich"],
        type="MaengelmelderFormular",
        id="maengelmelder",
        title="Mängelmelder",
        categories="Straßenbeleuchtung\nSchlagloch",
    )
    api.content.transition(obj=form, to_state="published")
    staff_plan["done"]()
    return portal, [
        ("maengelmelder.png", form.absolute_url(), None),
        ("aktenplan.png", staff_plan["aktenplan"].absolute_url(), "sachbearbeiter"),
        ("akte.png", akte.absolute_url(), "sachbearbeiter"),
    ]


def test_screenshots_of_the_main_screens(screens, chromium, tmp_path):
    portal, pages = screens
    folder = Path(os.environ.get("MITTELANGELN_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    signed_in = None
    for name, url, user in pages:
        if user != signed_in:
            chromium.delete_all_cookies()
            if user:
                sign_in(chromium, portal.absolute_url(), user)
            signed_in = user
        chromium.get(url)
        header = chromium.find_element(By.ID, "content-header")
        assert header.value_of_css_property("background-color") == AMT_BLUE, name
        chromium.save_screenshot(str(folder / name))
        assert (folder / name).read_bytes().startswith(b"\x89PNG"), name
