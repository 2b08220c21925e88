"""documentviewer's page images and page text obey the Dokument's permissions."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.namedfile.file import NamedBlobFile
from plone.testing.zope import Browser

import pytest
import transaction

from mittelangeln.policy.scans.queue import process_queue
from mittelangeln.policy.textpdf import text_pdf

PASSWORD = "Sicheres-Passwort-1"


@pytest.fixture
def converted(functional_portal):
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    plan = api.content.create(container=portal, type="Aktenplan", id="aktenplan", title="Aktenplan")
    position = api.content.create(
        container=plan, type="AktenplanPosition", id="023", title="Personalakten", key="023", retention="5"
    )
    akte = api.content.create(
        container=position,
        type="Personalakte",
        id="jensen",
        title="Personalakte Jensen",
        fachdienst="Fachdienst I – Zentrale Dienste",
        employee_name="Thomas Jensen",
        personnel_number="1002",
    )
    dokument = api.content.create(
        container=akte,
        type="Dokument",
        id="zeugnis",
        title="Arbeitszeugnis",
        file=NamedBlobFile(
            text_pdf([["Arbeitszeugnis Thomas Jensen vertraulich"]]),
            contentType="application/pdf",
            filename="zeugnis.pdf",
        ),
    )
    for username in ("sachbearbeiter", "personal"):
        api.user.create(email=f"{username}@example.org", username=username, password=PASSWORD)
    api.user.grant_roles(username="sachbearbeiter", obj=plan, roles=["Editor", "Reader"])
    api.group.add_user(groupname="personalstelle", username="personal")
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    assert process_queue(portal, commit=transaction.commit) == 1
    uid = api.content.get_uuid(dokument)
    base = f"{portal.absolute_url()}/@@dvpdffiles/{uid[0]}/{uid[1]}/{uid}"
    return {"portal": portal, "base": base}


def fetch(portal, url, username=None):
    browser = Browser(portal.aq_parent)
    browser.raiseHttpErrors = False
    if username:
        browser.addHeader("Authorization", f"Basic {username}:{PASSWORD}")
    browser.open(url)
    body = browser.contents
    return int(browser.headers["status"].split()[0]), body if isinstance(body, bytes) else body.encode()


@pytest.mark.parametrize("path", ["large/dump_1.gif", "small/dump_1.gif", "text/dump_1.txt", "pdf/dump.pdf"])
def test_personnel_office_gets_pages_and_text(converted, path):
    status, body = fetch(converted["portal"], f"{converted['base']}/{path}", "personal")
    assert status == 200
    if path.endswith(".txt"):
        assert b"vertraulich" in body
    elif path.endswith(".pdf"):
        assert body[:5] == b"%PDF-"
    else:
        assert body[:3] == b"GIF"


@pytest.mark.parametrize("username", ["sachbearbeiter", None])
@pytest.mark.parametrize("path", ["large/dump_1.gif", "small/dump_1.gif", "text/dump_1.txt", "pdf/dump.pdf"])
def test_others_get_neither_pages_nor_text(converted, username, path):
    status, body = fetch(converted["portal"], f"{converted['base']}/{path}", username)
    assert status in (401, 403, 404) or b"Unzureichende Berechtigungen" in body or b"Anmelden" in body
    assert b"vertraulich" not in body
    assert body[:3] != b"GIF"
