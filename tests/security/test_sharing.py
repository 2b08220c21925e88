"""A clerk shares one Vorgang with a group; the grant shows on the item and
in the overview; who may not share, cannot."""

import json

from mittelangeln.policy.testing.helpers import browser_as
from tests.security.matrix_content import matrix_object
from tests.security.matrix_content import user_of
from tests.security.matrix_table import KINDS
from tests.security.test_permission_matrix import get


SHARED = next(kind for kind in KINDS if kind.key == "vorgang_geteilt")


def vorgang(portal):
    return matrix_object(SHARED)


def share(portal, obj, principal, group):
    browser = browser_as(portal, user_of(principal))
    browser.addHeader("Accept", "application/json")
    browser.post(
        f"{obj.absolute_url()}/@sharing",
        json.dumps({"entries": [{"id": group, "type": "group", "roles": {"Reader": True}}]}),
        content_type="application/json",
    )
    return int(browser.headers["status"].split()[0])


def access_box(portal, principal):
    body = get(portal, vorgang(portal).absolute_url(), principal)[1].decode()
    return body.split('class="mittelangeln-grants', 1)[1].split("</section>", 1)[0]


def test_grant_is_shown_on_the_item(matrix):
    box = access_box(matrix["portal"], "fd4")
    assert "<strong>Ehrenamt</strong>:\n        lesen" in box and "freigegeben" in box
    assert "<strong>Fachdienst IV – Bauen und Umwelt</strong>" in box and "nach den Regeln des Portals" in box
    assert "<strong>Alle Mitarbeitenden</strong>" in box  # inherited from the Aktenplan
    assert "oder Gruppen freigeben" in box  # fd4 works on the Akte and may share


def test_readers_see_the_box_without_the_share_link(matrix):
    box = access_box(matrix["portal"], "fd1")
    assert "Ehrenamt" in box
    assert "oder Gruppen freigeben" not in box


def test_overview_lists_what_the_user_may_see(matrix):
    portal = matrix["portal"]
    url = f"{portal.absolute_url()}/@@freigaben"
    assert vorgang(portal).absolute_url().encode() in get(portal, url, "fd1")[1]
    assert vorgang(portal).absolute_url().encode() in get(portal, url, "ehrenamt")[1]
    assert vorgang(portal).absolute_url().encode() not in get(portal, url, "kita")[1]


def test_clerk_of_the_fachdienst_shares_a_vorgang(matrix):
    portal = matrix["portal"]
    obj = vorgang(portal)
    assert get(portal, obj.absolute_url(), "kita")[1].find(b"Matrix vorgang_geteilt") == -1
    assert share(portal, obj, "fd4", "kita") == 204
    assert b"Matrix vorgang_geteilt" in get(portal, obj.absolute_url(), "kita")[1]
    overview = get(portal, f"{portal.absolute_url()}/@@freigaben?fuer=kita", "fd4")[1]
    assert obj.absolute_url().encode() in overview


def test_readers_cannot_share(matrix):
    portal = matrix["portal"]
    obj = vorgang(portal)
    assert share(portal, obj, "fd1", "kita") in (401, 403)
    assert share(portal, obj, "ehrenamt", "kita") in (401, 403)
    assert "kita" not in dict(obj.get_local_roles())


def sharing_entries(portal, obj, principal, search=""):
    query = f"?search={search}" if search else ""
    status, body = get(portal, f"{obj.absolute_url()}/@sharing{query}", principal, accept="application/json")
    assert status == 200, status
    return [entry["id"] for entry in json.loads(body)["entries"]]


def test_sharing_does_not_offer_all_signed_in_users(matrix):
    """Neither on a Vorgang nor on an area, neither listed nor found."""
    portal = matrix["portal"]
    for obj, principal in ((vorgang(portal), "fd4"), (portal["aktuelles"], "redaktion")):
        assert "kita" in sharing_entries(portal, obj, principal, search="kita")  # search works ...
        assert "AuthenticatedUsers" not in sharing_entries(portal, obj, principal)
        assert "AuthenticatedUsers" not in sharing_entries(portal, obj, principal, search="Auth")
        page = get(portal, f"{obj.absolute_url()}/@@sharing", principal)[1].decode()
        assert "Kita" in page or "Ehrenamt" in page  # ... and the tab lists groups
        assert "AuthenticatedUsers" not in page and "Angemeldete Benutzer" not in page


def test_grant_to_all_signed_in_users_is_refused(matrix):
    portal = matrix["portal"]
    obj = vorgang(portal)
    browser = browser_as(portal, user_of("fd4"))
    browser.addHeader("Accept", "application/json")
    browser.post(
        f"{obj.absolute_url()}/@sharing",
        json.dumps({"entries": [{"id": "AuthenticatedUsers", "type": "group", "roles": {"Reader": True}}]}),
        content_type="application/json",
    )
    assert browser.headers["status"].startswith("400")
    assert "nicht möglich" in json.loads(browser.contents)["message"]
    assert "AuthenticatedUsers" not in dict(obj.get_local_roles())
