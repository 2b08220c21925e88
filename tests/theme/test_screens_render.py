"""Every screen of the table opens for its user: status 200, the Amt's
theme around it, the user signed in and not refused (a screen that silently
showed the login form or the "insufficient privileges" page would pass the
accessibility and language checks)."""

import pytest

from mittelangeln.policy.testing.helpers import browser_as
from tests.theme.screens import SCREENS


@pytest.mark.parametrize("screen", [s for s in SCREENS if not s.send_form], ids=lambda s: s.key)
def test_screen_opens_for_its_user(screens, screen):
    portal = screens["portal"]
    browser = browser_as(portal, screen.user)
    browser.open(screen.url(portal))
    assert browser.headers["status"].startswith("200"), browser.headers["status"]
    assert "++theme++mittelangeln" in browser.contents
    if screen.user:
        assert "__ac_password" not in browser.contents or screen.key == "anmeldung"
        # Refused, Plone answers 200 with its "insufficient privileges" page.
        assert "insufficient-privileges" not in browser.url, browser.url
        assert "Unzureichende Berechtigungen" not in browser.contents
