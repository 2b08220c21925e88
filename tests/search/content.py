"""Dokumente for the search page tests (functional layer, committed, so
that the HTTP server sees them) and the accounts who search."""

import transaction
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from plone.namedfile.file import NamedBlobFile

from mittelangeln.policy.testing.helpers import PASSWORD
from mittelangeln.policy.testing.helpers import build_plan


BAU = "Fachdienst IV – Bauen und Umwelt"
TEXTS = {
    "exakt": ("Antrag Dorfstraße", "Der Bauantrag für die Dorfstraße 12 liegt vor."),
    "plural": ("Eingänge im März", "Drei Bauanträge aus Sörup sind eingegangen."),
    "formular": ("Vordruck", "Bitte das Bauantragsformular vollständig ausfüllen."),
    "skript": ('<script>alert("titel")</script> Schranke', "Vermerk <script>alert(1)</script> zur Schranke & Co."),
    "fremd": ("Protokoll", "Protokoll der Sitzung des Amtsausschusses."),
}
# Only in a Personalakte: the personnel office may read it, nobody else.
PERSONAL = ("Abmahnung", "Vertrauliche Abmahnung wegen Verspätung.")
# login: group
USERS = {"bauamt": "fachdienst-iv-bauen-und-umwelt", "erzieherin": "kita", "personal": "personalstelle"}


def text_file(text, name):
    return NamedBlobFile(text.encode("utf-8"), contentType="text/plain", filename=f"{name}.txt")


def build(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    plan = build_plan(portal)
    akte = api.content.create(container=plan["genehmigungen"], type="Akte", title="Neubau Kita", fachdienst=BAU)
    vorgang = api.content.create(container=akte, type="Vorgang", title="Prüfung")
    dokumente = {}
    for name, (title, text) in TEXTS.items():
        dokumente[name] = api.content.create(
            container=vorgang, type="Dokument", id=name, title=title, kind="eingang", file=text_file(text, name)
        )
    personal = api.content.create(
        container=plan["aktenplan"], type="AktenplanPosition", id="023", title="Personalakten", key="023", retention="5"
    )
    personalakte = api.content.create(
        container=personal, type="Personalakte", id="jensen", title="Personalakte Jensen", employee_name="Jensen"
    )
    dokumente["personal"] = api.content.create(
        container=personalakte,
        type="Dokument",
        id="abmahnung",
        title=PERSONAL[0],
        description="Schreiben an Herrn Jensen",
        kind="ausgang",
        file=text_file(PERSONAL[1], "abmahnung"),
    )
    for username, group in USERS.items():
        api.user.create(email=f"{username}@example.org", username=username, password=PASSWORD)
        api.group.add_user(groupname=group, username=username)
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    return {"portal": portal, "vorgang": vorgang, **dokumente}
