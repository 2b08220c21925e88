"""Lock-out after repeated failed logins, through basic auth, the login
form and the REST API alike."""

import datetime
import json
import sqlite3

import pytest

from mittelangeln.policy.security.lockout import LoginFailures
from mittelangeln.policy.testing.helpers import PASSWORD
from mittelangeln.policy.testing.helpers import browser_as
from tests.security.matrix_content import user_of


USER = user_of("fd1")


def signed_in_as(portal, login, password):
    """The user id the portal sees for a request with these credentials."""
    browser = browser_as(portal)  # with this password, not the test accounts' one
    browser.addHeader("Authorization", f"Basic {login}:{password}")
    browser.addHeader("Accept", "application/json")
    browser.open(f"{portal.absolute_url()}/@users/{login}")
    return login if browser.headers["status"].startswith("200") else None


def login_form(portal, login, password):
    browser = browser_as(portal)
    browser.open(f"{portal.absolute_url()}/login")
    browser.getControl(name="__ac_name").value = login
    browser.getControl(name="__ac_password").value = password
    browser.getControl(name="buttons.login").click()
    return browser.contents


def rest_login(portal, login, password):
    browser = browser_as(portal)
    browser.addHeader("Accept", "application/json")
    browser.post(
        f"{portal.absolute_url()}/@login",
        json.dumps({"login": login, "password": password}),
        content_type="application/json",
    )
    return browser.headers["status"].split()[0]


def fail(portal, times):
    for attempt in range(times):
        assert signed_in_as(portal, USER, f"falsch-{attempt}") is None


def test_five_failures_lock_the_right_password_out(matrix):
    portal = matrix["portal"]
    assert signed_in_as(portal, USER, PASSWORD) == USER
    fail(portal, 4)
    assert signed_in_as(portal, USER, PASSWORD) == USER  # four are not enough; success resets
    fail(portal, 5)
    assert signed_in_as(portal, USER, PASSWORD) is None
    assert rest_login(portal, USER, PASSWORD) == "401"
    assert "Zu viele fehlgeschlagene Anmeldungen" in login_form(portal, USER, PASSWORD)
    assert signed_in_as(portal, user_of("fd2"), PASSWORD) == user_of("fd2")  # other accounts unaffected


def test_the_same_wrong_password_counts_once(matrix):
    portal = matrix["portal"]
    for _ in range(10):
        assert signed_in_as(portal, USER, "immer-dasselbe") is None
    assert signed_in_as(portal, USER, PASSWORD) == USER


@pytest.mark.parametrize("channel", ["login_form", "rest_login"])
def test_failures_count_on_every_channel(matrix, channel):
    portal = matrix["portal"]
    for attempt in range(5):
        if channel == "login_form":
            login_form(portal, USER, f"falsch-{attempt}")
        else:
            assert rest_login(portal, USER, f"falsch-{attempt}") == "401"
    assert signed_in_as(portal, USER, PASSWORD) is None


def test_the_lock_ends_after_its_time(matrix):
    portal = matrix["portal"]
    fail(portal, 5)
    failures = LoginFailures()
    assert failures.locked_until(USER) is not None
    with sqlite3.connect(failures.path) as connection:
        past = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)).isoformat()
        connection.execute("UPDATE failures SET locked_until = ?", (past,))
    assert signed_in_as(portal, USER, PASSWORD) == USER
    assert not failures.has_failures(USER)
