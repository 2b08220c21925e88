"""Fixtures of the Wiedervorlage tests: the staff_plan with an Akte and a
Vorgang of Fachdienst IV, the Personalakte Jensen and staff accounts in
their groups; a mail relay for the digests."""

import datetime

import pytest
from plone import api

from mittelangeln.policy.site.mail import apply_mail_settings
from mittelangeln.policy.testing.helpers import PASSWORD
from mittelangeln.policy.testing.helpers import mail_environment
from mittelangeln.policy.wiedervorlage.store import local_today


BAU = "fachdienst-iv-bauen-und-umwelt"
ORDNUNG = "fachdienst-iii-ordnung-und-soziales"
POSTSTELLE = "poststelle"

# login: (full name, groups)
STAFF = {
    "hansen": ("Anke Hansen", (BAU,)),
    "petersen": ("Jens Petersen", (BAU,)),
    "jessen": ("Maren Jessen", (BAU, POSTSTELLE)),  # in two groups
    "carstensen": ("Uwe Carstensen", (POSTSTELLE,)),
    "lorenzen": ("Inga Lorenzen", (ORDNUNG,)),
}


def add_person(login, fullname, groups):
    api.user.create(email=f"{login}@example.org", username=login, password=PASSWORD, properties={"fullname": fullname})
    for group in groups:
        api.group.add_user(groupname=group, username=login)


@pytest.fixture
def office(staff_plan, personalakte):
    """staff_plan plus STAFF, an Akte and a Vorgang of Fachdienst IV and the
    Personalakte; ``done()`` commits."""
    for login, (fullname, groups) in STAFF.items():
        add_person(login, fullname, groups)
    akte = api.content.create(
        container=staff_plan["genehmigungen"],
        type="Akte",
        title="Neubau Kita Mittelangeln",
        fachdienst="Fachdienst IV – Bauen und Umwelt",
    )
    vorgang = api.content.create(container=akte, type="Vorgang", title="Bauantrag prüfen")
    return {**staff_plan, "akte": akte, "vorgang": vorgang, "personalakte": personalakte}


@pytest.fixture
def today():
    return local_today()


@pytest.fixture
def days(today):
    """days(-2): the day before yesterday."""
    return lambda offset: today + datetime.timedelta(days=offset)


@pytest.fixture
def relay(smtp_server):
    """The portal's mail goes to a real SMTP server (aiosmtpd): its inbox."""
    inbox, port = smtp_server
    apply_mail_settings(mail_environment(port, sender="intranet@amt-mittelangeln.de"))
    return inbox
