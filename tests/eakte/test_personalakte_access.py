"""A Personalakte is seen only by the personnel office and Leitung.

Every channel is checked for a clerk who may read and edit everything else
in the Aktenplan: HTML view, REST API, catalog search and file download.
"""

import json

import pytest
from plone import api
from plone.namedfile.file import NamedBlobFile

from mittelangeln.policy.testing.helpers import fetch


@pytest.fixture
def personnel_setup(staff_plan):
    position = staff_plan["personal"]
    akte = api.content.create(
        container=position,
        type="Personalakte",
        id="mustermann",
        title="Personalakte Mustermann",
        fachdienst="Fachdienst I – Zentrale Dienste",
        employee_name="Erika Mustermann",
        personnel_number="4711",
    )
    dokument = api.content.create(
        container=akte,
        type="Dokument",
        id="arbeitsvertrag",
        title="Arbeitsvertrag",
        file=NamedBlobFile(b"Gehalt: vertraulich", contentType="text/plain", filename="vertrag.txt"),
    )
    ordinary = api.content.create(
        container=position,
        type="Akte",
        id="allgemein",
        title="Allgemeine Personalangelegenheiten",
        fachdienst="Fachdienst I – Zentrale Dienste",
    )
    staff_plan["done"]()
    return {"portal": staff_plan["portal"], "akte": akte, "dokument": dokument, "ordinary": ordinary}


def status_of(setup, username, url, accept=None):
    status, body, _type = fetch(setup["portal"], url, username, accept)
    return status, body


def is_denied(status, body):
    """Plone answers a logged-in user without permission with its
    "Unzureichende Berechtigungen" page (after a redirect), the API with 401."""
    return status in (401, 403, 404) or "Unzureichende Berechtigungen" in body


@pytest.mark.parametrize("target", ["akte", "dokument"])
def test_html_view_denied_for_clerk(personnel_setup, target):
    status, body = status_of(personnel_setup, "sachbearbeiter", personnel_setup[target].absolute_url())
    assert is_denied(status, body)
    assert "Mustermann" not in body


def test_clerk_still_sees_ordinary_akte(personnel_setup):
    status, body = status_of(personnel_setup, "sachbearbeiter", personnel_setup["ordinary"].absolute_url())
    assert status == 200
    assert "Allgemeine Personalangelegenheiten" in body


@pytest.mark.parametrize("target", ["akte", "dokument"])
def test_rest_api_denied_for_clerk(personnel_setup, target):
    url = personnel_setup[target].absolute_url()
    status, body = status_of(personnel_setup, "sachbearbeiter", url, accept="application/json")
    assert status in (401, 403, 404)
    assert "Mustermann" not in body and "4711" not in body


def test_rest_search_hides_personalakte(personnel_setup):
    url = personnel_setup["portal"].absolute_url() + "/@search?SearchableText=Mustermann"
    status, body = status_of(personnel_setup, "sachbearbeiter", url, accept="application/json")
    assert status == 200
    assert json.loads(body)["items_total"] == 0


def test_catalog_search_hides_personalakte_and_documents(personnel_setup):
    with api.env.adopt_user(username="sachbearbeiter"):
        found = {b.getId for b in api.content.find(path="/".join(personnel_setup["akte"].aq_parent.getPhysicalPath()))}
        by_text = api.content.find(SearchableText="Mustermann OR vertraulich")
    assert "allgemein" in found
    assert "mustermann" not in found
    assert "arbeitsvertrag" not in found
    assert len(by_text) == 0


def test_file_download_denied_for_clerk(personnel_setup):
    url = personnel_setup["dokument"].absolute_url() + "/@@download/file"
    status, body = status_of(personnel_setup, "sachbearbeiter", url)
    assert is_denied(status, body)
    assert "vertraulich" not in body


def test_anonymous_denied(personnel_setup):
    url = personnel_setup["dokument"].absolute_url() + "/@@download/file"
    status, body = status_of(personnel_setup, None, url)
    assert is_denied(status, body) or "Anmelden" in body
    assert "vertraulich" not in body


@pytest.mark.parametrize("username", ["personal", "leiterin"])
def test_personnel_office_and_leitung_see_it(personnel_setup, username):
    url = personnel_setup["dokument"].absolute_url() + "/@@download/file"
    status, body = status_of(personnel_setup, username, url)
    assert status == 200
    assert "vertraulich" in body
    with api.env.adopt_user(username=username):
        assert len(api.content.find(SearchableText="Mustermann", portal_type="Personalakte")) == 1


def test_local_roles_blocked(personnel_setup):
    akte = personnel_setup["akte"]
    assert akte.__ac_local_roles_block__ is True
    # computed by security.localroles, not stored on the Personalakte
    assert "Reader" in api.user.get_roles(username="leiterin", obj=akte)
    assert "Editor" in api.user.get_roles(username="personal", obj=akte)
    assert "Editor" not in api.user.get_roles(username="leiterin", obj=akte)
    assert not akte.get_local_roles_for_userid("personalstelle")
    assert "Editor" not in api.user.get_roles(username="sachbearbeiter", obj=akte)
    assert "Reader" not in api.user.get_roles(username="sachbearbeiter", obj=akte)
