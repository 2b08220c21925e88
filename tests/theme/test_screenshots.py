"""Screenshots of every screen as its users see it, in Chromium (the table
in screens.py). `make screenshots` writes those the README shows to
docs/screenshots/ (MITTELANGELN_SCREENSHOTS names the folder); a normal test
run writes all of them to a temporary folder. Each screen must wear the
theme and show its own content, not the login form."""

import os
from pathlib import Path

from selenium.webdriver.common.by import By

from tests.theme.screens import SCREENS
from tests.theme.screens import open_screen


AMT_BLUE = "rgba(0, 70, 110, 1)"
IN_README = {"mein-arbeitsplatz", "aktenplan", "bauakte", "dokument", "maengelmelder", "eingaenge-maengelmeldungen"}


def test_screenshots_of_every_screen(screens, chromium, tmp_path):
    portal = screens["portal"]
    for_readme = os.environ.get("MITTELANGELN_SCREENSHOTS")
    folder = Path(for_readme or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    signed_in = None
    for screen in SCREENS:
        signed_in = open_screen(chromium, portal, screen, signed_in)
        header = chromium.find_element(By.ID, "content-header")
        assert header.value_of_css_property("background-color") == AMT_BLUE, screen.key
        if screen.user:
            assert chromium.find_elements(By.ID, "edit-zone"), screen.key  # the toolbar: signed in
        if for_readme and screen.key not in IN_README:
            continue
        path = folder / f"{screen.key}.png"
        chromium.save_screenshot(str(path))
        assert path.read_bytes().startswith(b"\x89PNG"), screen.key
