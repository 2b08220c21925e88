"""pytest-plone fixtures for the integration and functional layers, and a
small Aktenplan with an Akte, a Vorgang and a Dokument, created as Manager."""

from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from plone.namedfile.file import NamedBlobFile
from pytest_plone import fixtures_factory
import pytest

from mittelangeln.policy.testing import FUNCTIONAL_TESTING
from mittelangeln.policy.testing import INTEGRATION_TESTING

pytest_plugins = ["pytest_plone"]

globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)


@pytest.fixture
def package_name() -> str:
    return "mittelangeln.policy"


@pytest.fixture
def manager(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    yield
    setRoles(portal, TEST_USER_ID, ["Member"])


@pytest.fixture
def plan(portal, manager):
    aktenplan = api.content.create(container=portal, type="Aktenplan", id="aktenplan", title="Aktenplan")
    bau = api.content.create(
        container=aktenplan,
        type="AktenplanPosition",
        id="6",
        title="Bau- und Vermessungswesen",
        key="6",
        retention="10",
    )
    genehmigungen = api.content.create(
        container=bau,
        type="AktenplanPosition",
        id="632-1",
        title="Baugenehmigungen",
        key="632.1",
        retention="30",
        archival_value="A",
    )
    return {"aktenplan": aktenplan, "bau": bau, "genehmigungen": genehmigungen}


@pytest.fixture
def akte(plan):
    return api.content.create(
        container=plan["genehmigungen"],
        type="Akte",
        title="Neubau Kita Mittelangeln",
        fachdienst="Fachdienst IV – Bauen und Umwelt",
    )


@pytest.fixture
def vorgang(akte):
    return api.content.create(container=akte, type="Vorgang", title="Bauantrag prüfen")


@pytest.fixture
def make_file():
    def make(data=b"Bauantrag Dorfstrasse 12", filename="antrag.txt", content_type="text/plain"):
        return NamedBlobFile(data, contentType=content_type, filename=filename)

    return make


@pytest.fixture
def dokument(vorgang, make_file):
    return api.content.create(container=vorgang, type="Dokument", title="Antrag", file=make_file(), kind="eingang")
