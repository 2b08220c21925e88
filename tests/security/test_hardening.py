"""Security headers, session cookie settings and CSRF protection."""

from pathlib import Path

from plone import api

import mittelangeln.policy
from mittelangeln.policy.security.session import harden_session
from mittelangeln.policy.testing.helpers import browser_as
from tests.security.matrix_content import object_id
from tests.security.matrix_content import user_of
from tests.security.matrix_table import KINDS


PUBLIC_FILE = next(kind for kind in KINDS if kind.key == "oeffentlich")


def headers_of(portal, url, principal="anonym", accept=None):
    browser = browser_as(portal, user_of(principal))
    if accept:
        browser.addHeader("Accept", accept)
    browser.open(url)
    return browser.headers


def test_homepage_api_gets_security_headers(matrix):
    portal = matrix["portal"]
    headers = headers_of(portal, f"{portal.absolute_url()}/oeffentlich", accept="application/json")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"


def test_html_pages_and_downloads_get_them_too(matrix):
    portal = matrix["portal"]
    page = headers_of(portal, portal.absolute_url())
    assert page["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" not in page  # Plone's inline scripts must run
    url = f"{portal.absolute_url()}/oeffentlich/{object_id(PUBLIC_FILE)}/@@download/file"
    download = headers_of(portal, url)
    assert download["X-Content-Type-Options"] == "nosniff"


def test_streamed_answers_get_them_too(matrix):
    """The iCalendar export writes its answer in parts (IPubBeforeStreaming,
    whose event has no request): it works and carries the headers."""
    portal = matrix["portal"]
    browser = browser_as(portal, user_of("redaktion"))
    browser.open(f"{portal.absolute_url()}/aktuelles/@@ics_view")
    assert browser.headers["status"].startswith("200")
    assert browser.headers["Content-Type"].startswith("text/calendar")
    assert browser.headers["X-Content-Type-Options"] == "nosniff"


def test_signed_in_responses_are_not_for_shared_caches(matrix):
    portal = matrix["portal"]
    assert headers_of(portal, f"{portal.absolute_url()}/aktuelles", "redaktion")["Cache-Control"] == (
        "private, no-cache"
    )


def test_session_cookie_settings(matrix):
    plugin = matrix["portal"].acl_users.session
    assert plugin.getProperty("secure") is True
    assert plugin.getProperty("timeout") == 8 * 60 * 60
    assert plugin.getProperty("cookie_lifetime") == 0
    harden_session(matrix["portal"], {"MITTELANGELN_SECURE_COOKIE": "0"})
    assert plugin.getProperty("secure") is False


def test_a_state_change_without_csrf_token_is_refused(matrix):
    """A workflow change posted from elsewhere (no authenticator token) does
    nothing; the same change through the portal's own form works."""
    portal = matrix["portal"]
    draft = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(getId="matrix-fachdienst-entwurf")[0]
    url = draft.getURL()
    browser = browser_as(portal, user_of("fd3"))
    browser.post(f"{url}/content_status_modify", "workflow_action=release")
    assert api.content.get_state(draft._unrestrictedGetObject()) == "draft"
    browser.open(f"{url}/view")
    browser.getLink(url=f"{url}/content_status_modify?workflow_action=release").click()
    assert api.content.get_state(draft._unrestrictedGetObject()) == "internal"


def test_no_module_switches_csrf_protection_off():
    package = Path(mittelangeln.policy.__file__).parent
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "IDisableCSRFProtection" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
