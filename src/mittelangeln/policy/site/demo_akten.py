"""Demo E-Akte: the classic 0-9 Aktenplan with Akten, Bauakten and
Personalakten, so that a presentation shows a lived-in system."""

import datetime

from plone import api
from plone.namedfile.file import NamedBlobFile

from mittelangeln.policy.eakte.aktenplan_csv import DEMO_CSV
from mittelangeln.policy.eakte.aktenplan_csv import import_aktenplan
from mittelangeln.policy.textpdf import text_pdf


ZENTRAL = "Fachdienst I – Zentrale Dienste"
FINANZEN = "Fachdienst II – Finanzen"
ORDNUNG = "Fachdienst III – Ordnung und Soziales"
BAUEN = "Fachdienst IV – Bauen und Umwelt"

AKTEN = [
    ("00", ZENTRAL, "Hauptsatzung des Amtes Mittelangeln"),
    ("01", ZENTRAL, "Sitzungen des Amtsausschusses 2026"),
    ("91", FINANZEN, "Haushaltssatzung 2026"),
    ("93", FINANZEN, "Hundesteuer: Satzung und Veranlagung"),
    ("11", ORDNUNG, "Dorffest Satrup 2026: Veranstaltungsgenehmigung"),
    ("22", ORDNUNG, "Schülerbeförderung Schuljahr 2026/27"),
    ("45", ORDNUNG, "Kindertagesstätte Sörup: Betriebserlaubnis"),
    ("612", BAUEN, "Bebauungsplan Nr. 12 „Am Mühlenteich“"),
]

BAUAKTEN = [
    {
        "title": "Neubau Einfamilienhaus Dorfstraße 12",
        "gemarkung": "Satrup",
        "flur": "3",
        "flurstuecke": ["45/2"],
        "site_address": "Dorfstraße 12, 24986 Mittelangeln",
        "bauherr": "Jens Petersen",
        "project": "Einfamilienhaus mit Carport",
        "permit_number": "BG 2026/0117",
        "vorgaenge": [("Bauantrag", ["Bauantrag Einfamilienhaus Dorfstrasse 12", "Bauherr: Jens Petersen"])],
    },
    {
        "title": "Umbau Scheune zu Wohnzwecken, Hauptstraße 5",
        "gemarkung": "Rüde",
        "flur": "1",
        "flurstuecke": ["12/3", "12/4"],
        "site_address": "Hauptstraße 5, 24986 Mittelangeln",
        "bauherr": "Anke Hansen",
        "project": "Nutzungsänderung Scheune",
        "permit_number": "",
        "vorgaenge": [
            ("Bauvoranfrage", ["Bauvoranfrage Nutzungsaenderung Scheune", "Flurstueck 12/3 und 12/4"]),
            ("Stellungnahme Denkmalschutz", ["Stellungnahme der unteren Denkmalschutzbehoerde"]),
        ],
    },
    {
        "title": "Erweiterung Feuerwehrgerätehaus Sörup",
        "gemarkung": "Sörup",
        "flur": "7",
        "flurstuecke": ["101"],
        "site_address": "Schulstraße 3, 24966 Sörup",
        "bauherr": "Gemeinde Sörup",
        "project": "Anbau Fahrzeughalle",
        "permit_number": "BG 2025/0342",
        "vorgaenge": [("Bauabnahme", ["Protokoll der Schlussabnahme Fahrzeughalle"])],
    },
]

PERSONALAKTEN = [
    {"employee_name": "Maria Schmidt", "personnel_number": "1001", "employed_from": datetime.date(2015, 4, 1)},
    {"employee_name": "Thomas Jensen", "personnel_number": "1002", "employed_from": datetime.date(2020, 8, 1)},
]


def create_demo_akten(portal):
    """Create the demo E-Akte unless the site already has an Aktenplan."""
    if "aktenplan" in portal.objectIds():
        return None
    plan = api.content.create(container=portal, type="Aktenplan", id="aktenplan", title="Aktenplan")
    report = import_aktenplan(plan, DEMO_CSV.read_bytes())
    if not report.ok:
        raise ValueError("Demo-Aktenplan fehlerhaft: " + "; ".join(report.problems))
    for key, fachdienst, title in AKTEN:
        api.content.create(container=position(key), type="Akte", title=title, fachdienst=fachdienst)
    for data in BAUAKTEN:
        create_bauakte(data)
    for data in PERSONALAKTEN:
        api.content.create(
            container=position("023"),
            type="Personalakte",
            title=f"Personalakte {data['employee_name']}",
            fachdienst=ZENTRAL,
            **data,
        )
    return plan


def position(key):
    brains = api.content.find(portal_type="AktenplanPosition", plan_key=key, unrestricted=True)
    return brains[0].getObject()


def create_bauakte(data):
    fields = {k: v for k, v in data.items() if k != "vorgaenge" and v}
    akte = api.content.create(container=position("632.1"), type="Bauakte", fachdienst=BAUEN, **fields)
    for title, lines in data["vorgaenge"]:
        vorgang = api.content.create(container=akte, type="Vorgang", title=title)
        api.content.create(
            container=vorgang,
            type="Dokument",
            title=title,
            kind="eingang",
            file=NamedBlobFile(text_pdf([lines]), contentType="application/pdf", filename=f"{vorgang.getId()}.pdf"),
        )
    return akte
