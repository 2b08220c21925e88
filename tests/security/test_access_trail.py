"""Views and downloads of a Personalakte and its Dokumente leave an entry in
the access trail, allowed and denied alike; Leitung and data protection read
it, others do not; old entries are deleted after the retention period."""

import datetime

from plone import api

from mittelangeln.policy.security.trail import purge_expired
from mittelangeln.policy.security.trail_store import AccessTrail
from tests.security.matrix_content import matrix_object
from tests.security.matrix_content import object_id
from tests.security.matrix_content import user_of
from tests.security.matrix_table import KINDS
from tests.security.test_permission_matrix import get


DOKUMENT = next(kind for kind in KINDS if kind.key == "personalakte_dokument")


def dokument(portal):
    return matrix_object(DOKUMENT)


def page_url(portal, obj, path):
    uid = api.content.get_uuid(obj)
    return f"{portal.absolute_url()}/@@dvpdffiles/{uid[0]}/{uid[1]}/{uid}/{path}"


def entries():
    return [(e.user, e.channel, e.allowed, e.path.rsplit("/", 1)[-1]) for e in reversed(AccessTrail().entries())]


def test_allowed_and_denied_views_are_recorded(matrix):
    portal = matrix["portal"]
    obj = dokument(portal)
    assert get(portal, obj.absolute_url(), "personalstelle")[0] == 200
    for principal in ("fd4", "anonym"):  # refused: the login or "insufficient privileges" page
        assert "Inhalt nur".encode() not in get(portal, obj.absolute_url(), principal)[1]
    name = object_id(DOKUMENT)
    assert entries() == [
        (user_of("personalstelle"), "ansicht", True, name),
        (user_of("fd4"), "ansicht", False, name),
        ("anonym", "ansicht", False, name),
    ]


def test_every_channel_is_recorded(matrix):
    portal = matrix["portal"]
    obj = dokument(portal)
    user = user_of("leitung")
    get(portal, f"{obj.absolute_url()}/@@download/file", "leitung")
    get(portal, obj.absolute_url(), "leitung", accept="application/json")
    rest_url = obj.absolute_url().replace(portal.absolute_url(), f"{portal.absolute_url()}/++api++")
    assert get(portal, rest_url, "leitung")[0] == 200
    get(portal, page_url(portal, obj, "large/dump_1.gif"), "leitung")
    get(portal, page_url(portal, obj, "text/dump_1.txt"), "leitung")
    get(portal, page_url(portal, obj, "small/dump_1.gif"), "leitung")  # thumbnail: comes with a view
    get(portal, page_url(portal, obj, "text/dump_1.txt"), "fd1")
    name = object_id(DOKUMENT)
    assert entries() == [
        (user, "download", True, name),
        (user, "rest", True, name),
        (user, "rest", True, name),
        (user, "seitenbild-large", True, name),
        (user, "seitentext", True, name),
        (user_of("fd1"), "seitentext", False, name),
    ]


def test_the_personalakte_itself_and_nothing_else_is_recorded(matrix):
    portal = matrix["portal"]
    akte = dokument(portal).aq_parent
    get(portal, akte.absolute_url(), "personalstelle")
    get(portal, portal["aktuelles"].absolute_url(), "personalstelle")
    get(portal, portal["aktenplan"].absolute_url(), "personalstelle")
    assert entries() == [(user_of("personalstelle"), "ansicht", True, akte.getId())]


def test_leitung_and_data_protection_read_the_trail_others_do_not(matrix):
    portal = matrix["portal"]
    get(portal, dokument(portal).absolute_url(), "fd4")
    url = f"{portal.absolute_url()}/@@zugriffsprotokoll?nur_verweigert=1"
    heading = "Zugriffsprotokoll</h1>".encode()
    row = f"<td>{user_of('fd4')}</td>".encode()
    for principal in ("leitung", "datenschutz"):
        status, body = get(portal, url, principal)
        assert status == 200
        assert heading in body and row in body and "verweigert".encode() in body
    for principal in ("fd4", "personalstelle", "redaktion", "anonym"):
        status, body = get(portal, url, principal)
        assert heading not in body and row not in body


def test_entries_older_than_the_retention_are_deleted(matrix):
    trail = AccessTrail()
    now = datetime.datetime.now(datetime.timezone.utc)
    trail.record("alt", "/x", "u", "Alt", "ansicht", "GET", True, when=now - datetime.timedelta(days=400))
    trail.record("neu", "/x", "u", "Neu", "ansicht", "GET", True, when=now - datetime.timedelta(days=10))
    assert purge_expired(trail, now=now) == 1  # default retention 365 days
    assert [entry.user for entry in trail.entries()] == ["neu"]


def test_schuelerbefoerderungsantraege_are_recorded_too(matrix):
    portal = matrix["portal"]
    antrag = next(kind for kind in KINDS if kind.key == "schuelerbefoerderungsantrag")
    brain = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(getId=object_id(antrag))[0]
    get(portal, brain.getURL(), "fd3")
    get(portal, brain.getURL(), "fd1")
    name = object_id(antrag)
    assert entries() == [(user_of("fd3"), "ansicht", True, name), (user_of("fd1"), "ansicht", False, name)]
