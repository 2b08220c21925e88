"""Fixtures of Mein Arbeitsplatz: one account per kind of user, an Aktenplan
with Akten of Fachdienst IV, submissions and news; on the functional layer,
committed for the test browser and Chromium."""

import datetime

import pytest
import transaction
from DateTime import DateTime
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import login
from plone.app.testing import setRoles
from zope.interface import alsoProvides

from mittelangeln.policy.interfaces import IMittelangelnPolicyLayer
from mittelangeln.policy.testing.helpers import PASSWORD
from mittelangeln.policy.testing.helpers import antrag_fields
from mittelangeln.policy.testing.helpers import build_plan


BAUEN = "Fachdienst IV – Bauen und Umwelt"
FINANZEN = "Fachdienst II – Finanzen"

# user name: (full name, groups)
USERS = {
    "bauamt": ("Jens Bauer", ["fachdienst-iv-bauen-und-umwelt"]),
    "bauamt2": ("Karin Kolle", ["fachdienst-iv-bauen-und-umwelt"]),
    "kasse": ("Frauke Feddersen", ["fachdienst-ii-finanzen"]),
    "leiterin": ("Dr. Maren Lund", ["leitung"]),
    "personal": ("Peter Paulsen", ["personalstelle"]),
    "buergermeister": ("Hans Hansen", ["ehrenamt"]),
    "erzieherin": ("Lena Lorenzen", ["kita"]),
    "redakteurin": ("Rieke Rasmussen", ["redaktion"]),
}


def make_users():
    for username, (fullname, groups) in USERS.items():
        api.user.create(
            email=f"{username}@example.org", username=username, password=PASSWORD, properties={"fullname": fullname}
        )
        for group in groups:
            api.group.add_user(groupname=group, username=username)


def make_content(portal):
    """Plan with two Akten of Fachdienst IV (one a Bauakte), a Personalakte,
    submissions of both kinds and a news item; as Manager."""
    built = build_plan(portal)
    built["akte"] = api.content.create(
        container=built["genehmigungen"], type="Akte", title="Neubau Kita Mittelangeln", fachdienst=BAUEN
    )
    built["bauakte"] = api.content.create(
        container=built["genehmigungen"],
        type="Bauakte",
        title="Neubau Dorfstraße 12",
        fachdienst=BAUEN,
        gemarkung="Satrup",
        flur="3",
        flurstuecke=["45/2", "45/3"],
    )
    built["personalakte"] = api.content.create(
        container=api.content.create(
            container=built["aktenplan"], type="AktenplanPosition", id="023", title="Personalakten", key="023"
        ),
        type="Personalakte",
        title="Personalakte Jensen",
        fachdienst="Fachdienst I – Zentrale Dienste",
        employee_name="Thomas Jensen",
        personnel_number="1002",
    )
    meldungen = portal["eingaenge"]["maengelmeldungen"]
    built["old_meldung"] = submission(meldungen, "Maengelmeldung", 3, category="Spielplatz", defect="Schaukel kaputt")
    built["new_meldung"] = submission(meldungen, "Maengelmeldung", 0, category="Schlagloch", defect="Loch")
    built["done_meldung"] = submission(meldungen, "Maengelmeldung", 9, category="Laterne", defect="Dunkel")
    api.content.transition(obj=built["done_meldung"], transition="check")
    api.content.transition(obj=built["done_meldung"], transition="start")
    api.content.transition(obj=built["done_meldung"], transition="complete")
    built["antrag"] = submission(
        portal["eingaenge"]["schuelerbefoerderung"], "Schuelerbefoerderungsantrag", 5, **antrag_fields()
    )
    built["news"] = api.content.create(
        container=portal["aktuelles"], type="News Item", title="Schulung zur E-Akte am 3. Dezember"
    )
    api.content.transition(obj=built["news"], to_state="internal")
    built["kita_news"] = api.content.create(
        container=portal["einrichtungen"]["kita"], type="News Item", title="Laternenumzug der Kita"
    )
    api.content.transition(obj=built["kita_news"], to_state="internal")
    return built


def submission(container, portal_type, days_old, **fields):
    item = api.content.create(container=container, type=portal_type, title="Eingang", **fields)
    item.creation_date = DateTime(datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=days_old))
    item.reindexObject()
    return item


@pytest.fixture
def site(portal, request):
    """Integration layer: users and content; the test user is a Member again."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    make_users()
    built = make_content(portal)
    setRoles(portal, TEST_USER_ID, ["Member"])
    alsoProvides(portal.REQUEST, IMittelangelnPolicyLayer)
    return {"portal": portal, **built}


@pytest.fixture
def as_user(site):
    """Sign in as a user of USERS (integration layer)."""

    def sign_in(username):
        login(site["portal"], username)

    return sign_in


@pytest.fixture
def functional_site(functional_portal):
    """Functional layer: users and content, committed."""
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    make_users()
    built = make_content(portal)
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    return {"portal": portal, **built}
