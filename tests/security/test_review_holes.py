"""The four holes of the outside review (issue 15), each closed at its root:
views without a permission of their own answered for invisible objects,
WebDAV and @transactions showed metadata to everyone signed in, and a
refused @workflow call stored the dates it was given. Every test here failed
on main before the fix."""

import base64
import json

import pytest
import transaction
from plone.testing.zope import Browser as ZopeBrowser

from mittelangeln.policy.security.trail_store import AccessTrail
from mittelangeln.policy.testing.helpers import PASSWORD
from tests.security.matrix_content import matrix_object
from tests.security.matrix_content import user_of
from tests.security.matrix_table import KINDS
from tests.security.test_permission_matrix import Probe
from tests.security.test_permission_matrix import get


def raw_request(portal, url, principal, method, body=b"", headers=None):
    """(status, body) of any HTTP method, through WebTest (PROPFIND, POST JSON)."""

    testapp = ZopeBrowser(portal.aq_parent).testapp
    headers = dict(headers or {})
    if principal != "anonym":
        token = base64.b64encode(f"{user_of(principal)}:{PASSWORD}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    path = url.replace("http://nohost", "")
    response = testapp.request(path, method=method, body=body, headers=headers, expect_errors=True)
    return response.status_int, response.body


def last_transaction(portal):
    transaction.begin()
    return portal._p_jar.db().lastTransaction()


@pytest.mark.parametrize(
    "path",
    ["@@plone_context_state/object_title", "@@title", "Title", "@@plone_context_state/workflow_state"],
)
@pytest.mark.parametrize("principal", ["anonym", "ehrenamt", "fd1"])
def test_no_title_or_state_of_an_invisible_submission(matrix, principal, path):
    antrag = matrix_object("schuelerbefoerderungsantrag")
    status, body = get(matrix["portal"], f"{antrag.absolute_url()}/{path}", principal)
    assert status < 500
    assert antrag.pupil_name.encode() not in body
    assert antrag.reference.encode() not in body
    assert b"pending" not in body and b"submitted" not in body


def test_breadcrumbs_of_a_personalakte_dokument_are_refused_and_recorded(matrix):
    dokument = matrix_object("personalakte_dokument")
    personalakte = dokument.aq_parent.aq_parent if dokument.aq_parent.portal_type == "Vorgang" else dokument.aq_parent
    status, body = get(matrix["portal"], f"{dokument.absolute_url()}/@@breadcrumbs_view/breadcrumbs", "fd1")
    assert status < 500
    assert personalakte.Title().encode() not in body
    assert personalakte.aktenzeichen.encode() not in body
    recorded = [(entry.user, entry.allowed) for entry in AccessTrail().entries()]
    assert recorded == [(user_of("fd1"), False)]


@pytest.mark.parametrize("principal", ["fd1", "ehrenamt"])
def test_webdav_shows_nothing_and_writes_nothing(matrix, principal):
    portal = matrix["portal"]
    akte = matrix_object("akte")
    before = last_transaction(portal)
    status, body = raw_request(portal, akte.absolute_url(), principal, "PROPFIND", headers={"Depth": "0"})
    assert status in (401, 403, 405), status
    assert akte.Title().encode() not in body
    assert last_transaction(portal) == before


@pytest.mark.parametrize("principal", ["ehrenamt", "fd1", "redaktion"])
def test_transactions_only_for_administrators(matrix, principal):
    portal = matrix["portal"]
    status, body = get(portal, f"{portal.absolute_url()}/@transactions", principal, accept="application/json")
    assert status in (401, 403), status
    assert b"/plone/" not in body and b"username" not in body


@pytest.mark.parametrize(
    "principal,key,payload",
    [
        ("anonym", "bekanntmachung", {"expires": "2020-01-01T00:00:00"}),
        ("ehrenamt", "aktuelles", {"expires": "2020-01-01T00:00:00"}),
        ("anonym", "formular_veroeffentlicht", {"effective": "2099-01-01T00:00:00"}),
        ("ehrenamt", "aktuelles", {}),
    ],
)
def test_a_refused_workflow_call_stores_no_dates(matrix, principal, key, payload):
    portal = matrix["portal"]
    obj = matrix_object(key)
    before = (obj.effective_date, obj.expiration_date)
    status, _body = raw_request(
        portal,
        f"{obj.absolute_url()}/@workflow/retract",
        principal,
        "POST",
        body=json.dumps(payload).encode(),
        headers={"Accept": "application/json", "Content-Type": "application/json"},
    )
    assert status >= 400
    transaction.begin()
    obj = matrix_object(key)
    assert (obj.effective_date, obj.expiration_date) == before


@pytest.mark.parametrize("key,principal", [("akte_dokument", "fd1"), ("personalakte_dokument", "personalstelle")])
def test_reads_through_every_channel_commit_nothing(matrix, key, principal):
    """Every channel of the permission matrix as a user who may read, plus
    HEAD, OPTIONS, PROPFIND, @@ajax-search and the sitemap: the database's
    last transaction stays the same."""
    portal = matrix["portal"]
    kind = next(kind for kind in KINDS if kind.key == key)
    probe = Probe(portal, kind, principal)
    before = last_transaction(portal)
    for channel in kind.channels():
        assert getattr(probe, channel)(), channel  # allowed, so the read really ran
    for method in ("HEAD", "OPTIONS", "PROPFIND"):
        assert raw_request(portal, probe.url, principal, method, headers={"Depth": "0"})[0] < 500
    get(portal, f"{portal.absolute_url()}/@@ajax-search?SearchableText={kind.search_word}", principal)
    assert last_transaction(portal) == before
