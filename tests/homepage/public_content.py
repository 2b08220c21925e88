"""Builders of public documents for the feed tests (a module of its own:
test modules import it, and every test folder has a conftest)."""

import json
from urllib.parse import urlencode

import transaction
from DateTime import DateTime
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from plone.namedfile.file import NamedBlobFile

from mittelangeln.policy.testing.helpers import browser_as
from mittelangeln.policy.textpdf import text_pdf


BAU = "Fachdienst IV – Bauen und Umwelt"
ORDNUNG = "Fachdienst III – Ordnung und Soziales"
# One word the feed must never show, in every item that is not public.
SECRET = "Geheimwort"


def pdf(*lines):
    return NamedBlobFile(text_pdf([list(lines)]), contentType="application/pdf", filename="dokument.pdf")


def public(container, type_name, item_id, state="published", effective=None, expires=None, **fields):
    fields.setdefault("gemeinde", "Gemeinde Sörup")
    fields.setdefault("fachdienst", BAU)
    obj = api.content.create(container=container, type=type_name, id=item_id, **fields)
    obj.setEffectiveDate(effective or DateTime() - 2)
    if expires is not None:
        obj.setExpirationDate(expires)
    if state != "draft":
        api.content.transition(obj=obj, to_state=state)
    obj.reindexObject()
    return obj


def get(portal, query=None, headers=None, username=None, path=""):
    """GET the feed: (status, JSON body or None, headers)."""
    browser = browser_as(portal, username, handle_errors=False)
    browser.addHeader("Accept", "application/json")
    for name, value in (headers or {}).items():
        browser.addHeader(name, value)
    url = f"{portal.absolute_url()}/@oeffentliche-dokumente{path}"
    browser.open(url + ("?" + urlencode(query, doseq=True) if query else ""))
    status = int(browser.headers["status"].split()[0])
    body = json.loads(browser.contents) if browser.contents else None
    return status, body, browser.headers


def ids(body):
    """The ids of the items of a feed answer."""
    return {item["seite"].rsplit("/", 1)[1] for item in body["items"]}


def etag_of(portal):
    status, _, headers = get(portal)
    assert status == 200
    return headers["ETag"]


def still_fresh(portal, etag):
    """Does the feed answer a revalidation with ``etag`` by 304?"""
    status, _, _ = get(portal, headers={"If-None-Match": etag})
    return status == 304


def as_manager(portal, change):
    """Run ``change`` as Manager and commit it."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    change()
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()
