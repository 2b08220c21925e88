"""Site Setup → Konvertierungs-Warteschlange and ``GET @conversion-backlog``:
for Site Administrators and Managers only; failed jobs are queued again
with a POST carrying the CSRF token."""

import json

import pytest
import transaction
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.protect.authenticator import createToken

from mittelangeln.policy.dokumente.queue import job_for
from mittelangeln.policy.testing.helpers import PASSWORD
from mittelangeln.policy.testing.helpers import browser_as
from mittelangeln.policy.testing.helpers import fetch
from tests.monitoring.conftest import queue_jobs


ADMIN = "verwaltung"
STAFF = "sachbearbeiter"


@pytest.fixture
def panel(staff_plan):
    """The staff accounts of ``staff_plan``, a Site Administrator and jobs
    in every state, committed."""
    api.user.create(
        email=f"{ADMIN}@example.org", username=ADMIN, password=PASSWORD, roles=("Member", "Site Administrator")
    )
    akte = api.content.create(container=staff_plan["genehmigungen"], type="Akte", title="Kita")
    vorgang = api.content.create(container=akte, type="Vorgang", title="Antrag")
    dokumente = queue_jobs(vorgang)
    staff_plan["done"]()
    return {"portal": staff_plan["portal"], **dokumente}


def panel_url(portal):
    return f"{portal.absolute_url()}/@@conversion-backlog"


def state_of(dokument):
    transaction.begin()  # what the requests committed
    return job_for(dokument)["state"]


def test_the_panel_shows_figures_oldest_and_failed_jobs(panel):
    portal = panel["portal"]
    browser = browser_as(portal, ADMIN)
    browser.open(f"{portal.absolute_url()}/@@overview-controlpanel")
    assert "Konvertierungs-Warteschlange" in browser.contents
    browser.open(panel_url(portal))
    assert browser.headers["status"].startswith("200")
    page = browser.contents
    assert "<h1>Konvertierungs-Warteschlange</h1>" in page
    assert '<dd class="col-sm-8 backlog-pending">2</dd>' in page
    assert '<dd class="col-sm-8 backlog-running">1</dd>' in page
    assert '<dd class="col-sm-8 backlog-failed">1</dd>' in page
    oldest = panel["pending"][0]
    assert f'<a href="{oldest.absolute_url()}">Bauantrag</a>' in page
    assert "wartet seit weniger als einer Minute" in page
    broken = panel["failed"]
    assert f'<a href="{broken.absolute_url()}">Kaputt</a>' in page
    assert job_for(broken)["reason"] in page
    assert browser.getControl("Erneut einreihen")


def test_a_failed_job_is_queued_again(panel):
    portal, broken = panel["portal"], panel["failed"]
    browser = browser_as(portal, ADMIN)
    browser.open(panel_url(portal))
    token = browser.getControl(name="_authenticator").value
    browser.getControl("Erneut einreihen").click()
    assert browser.url == panel_url(portal)
    assert "„Kaputt“ wurde erneut zur Konvertierung eingereiht." in browser.contents
    assert "Keine Konvertierung ist fehlgeschlagen." in browser.contents
    assert '<dd class="col-sm-8 backlog-pending">3</dd>' in browser.contents
    assert state_of(broken) == "pending"

    # The same form once more (a second click, another tab): nothing to do.
    browser.post(panel_url(portal), f"uid={api.content.get_uuid(broken)}&_authenticator={token}")
    assert "Die Konvertierung von „Kaputt“ ist nicht fehlgeschlagen (Stand: Konvertierung ausstehend)." in (
        browser.contents
    )
    assert state_of(broken) == "pending"


def authenticator(browser, portal):
    browser.open(panel_url(portal))
    return browser.getControl(name="_authenticator").value


def test_without_the_csrf_token_nothing_is_queued(panel):
    portal, broken = panel["portal"], panel["failed"]
    browser = browser_as(portal, ADMIN)
    browser.post(panel_url(portal), f"uid={api.content.get_uuid(broken)}&requeue=")
    assert "Das Formular war veraltet; bitte versuchen Sie es noch einmal." in browser.contents
    assert state_of(broken) == "failed"


@pytest.mark.parametrize("uid", ["gibt-es-nicht", "", "<script>alert(1)</script>"])
def test_an_unknown_uid_gets_a_german_message(panel, uid):
    portal = panel["portal"]
    browser = browser_as(portal, ADMIN)
    token = authenticator(browser, portal)
    browser.post(panel_url(portal), f"uid={uid}&_authenticator={token}")
    assert browser.headers["status"].startswith("200")
    assert "Diesen Konvertierungsauftrag gibt es nicht (mehr)." in browser.contents
    assert "<script>alert(1)</script>" not in browser.contents
    assert state_of(panel["failed"]) == "failed"


def test_the_job_of_a_deleted_dokument_cannot_be_queued_again(panel):
    portal, broken = panel["portal"], panel["failed"]
    uid = api.content.get_uuid(broken)
    browser = browser_as(portal, ADMIN)
    token = authenticator(browser, portal)
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(broken)
    transaction.commit()
    browser.post(panel_url(portal), f"uid={uid}&_authenticator={token}")
    assert browser.headers["status"].startswith("200")
    assert "Das Dokument dieses Konvertierungsauftrags gibt es nicht mehr." in browser.contents
    assert "(Dokument gibt es nicht mehr)" in browser.contents
    assert "Erneut einreihen" not in browser.contents


@pytest.mark.parametrize("username", [STAFF, None])
def test_staff_and_anonymous_do_not_reach_the_panel(panel, username):
    portal, broken = panel["portal"], panel["failed"]
    browser = browser_as(portal, username)
    browser.open(panel_url(portal))
    assert "Kaputt" not in browser.contents
    assert "Konvertierungs-Warteschlange" not in browser.contents
    assert (
        browser.headers["status"].startswith(("401", "403"))
        or "insufficient-privileges" in browser.url
        or (username is None and "/login" in browser.url)
    )
    # Nor may they queue a job again, even with a valid token of their own.
    if username:
        login(portal, username)
    token = createToken()
    logout()
    browser.post(panel_url(portal), f"uid={api.content.get_uuid(broken)}&_authenticator={token}")
    assert "Kaputt" not in browser.contents
    assert state_of(broken) == "failed"


def test_the_rest_service_gives_the_figures(panel):
    portal = panel["portal"]
    status, body, content_type = fetch(
        portal, f"{portal.absolute_url()}/@conversion-backlog", ADMIN, accept="application/json"
    )
    assert (status, content_type) == (200, "application/json")
    answer = json.loads(body)
    oldest = panel["pending"][0]
    assert 0 <= answer.pop("oldest_pending_age_seconds") < 600
    assert answer == {
        "pending": 2,
        "running": 1,
        "failed": 1,
        "oldest_pending_uid": api.content.get_uuid(oldest),
        "oldest_pending_title": "Bauantrag",
        "oldest_pending_url": oldest.absolute_url(),
    }


@pytest.mark.parametrize("username", [STAFF, None])
def test_the_rest_service_refuses_staff_and_anonymous(panel, username):
    """plone.restapi answers a missing permission with 401, signed in or not."""
    portal = panel["portal"]
    status, body, _content_type = fetch(
        portal, f"{portal.absolute_url()}/@conversion-backlog", username, accept="application/json"
    )
    assert status == 401
    assert "Bauantrag" not in body
    assert '"pending"' not in body
