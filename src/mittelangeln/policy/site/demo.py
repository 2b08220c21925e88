"""Demo content for presentations and training (profile ``demo``).

Idempotent: content that already exists is left as it is, so reapplying the
profile never duplicates or overwrites what users changed.
"""

import datetime

from plone import api
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobFile

from mittelangeln.policy.site.demo_akten import create_demo_akten
from mittelangeln.policy.site.demo_posteingang import create_demo_posteingang
from mittelangeln.policy.textpdf import text_pdf


# The areas themselves (aktuelles, oeffentlich, ...) come from the default
# profile (security/areas.py); the demo fills them. Impressum, Datenschutz
# and the Erklärung zur Barrierefreiheit are on every site (legal/pages.py).
DEMO_CONTENT = (
    {
        "type": "Document",
        "id": "willkommen",
        "title": "Willkommen im Intranet des Amtes Mittelangeln",
        "description": "Startpunkt für Verwaltung, Ehrenamt und Einrichtungen.",
        "text": (
            "<p>Hier finden Sie Akten, den digitalen Posteingang, Formulare "
            "und Mitteilungen des Amtes Mittelangeln.</p>"
        ),
        "container": "aktuelles",
        "state": "internal",
    },
    # Mein Arbeitsplatz shows news and open submissions (arbeitsplatz/).
    {
        "type": "News Item",
        "id": "schulung-e-akte",
        "title": "Schulung zur E-Akte",
        "description": "Einführung in Aktenplan, Akten und Vorgänge für alle Mitarbeitenden.",
        "text": "<p>Die Schulung findet im Sitzungssaal statt. Bitte melden Sie sich im Fachdienst I an.</p>",
        "container": "aktuelles",
        "state": "internal",
    },
    {
        "type": "Maengelmeldung",
        "id": "demo-meldung-spielplatz",
        "title": "Spielplatz",
        "description": "",
        "fields": {
            "category": "Spielplatz",
            "address": "Spielplatz am Mühlenteich, Satrup",
            "defect": "Die Kette der linken Schaukel ist gerissen.",
        },
        "container": "eingaenge/maengelmeldungen",
    },
    {
        "type": "Document",
        "id": "oeffnungszeiten",
        "title": "Öffnungszeiten der Amtsverwaltung",
        "description": "Wann das Amt Mittelangeln für Bürgerinnen und Bürger geöffnet ist.",
        "text": "<p>Montag bis Freitag 8 bis 12 Uhr, Donnerstag zusätzlich 14 bis 18 Uhr.</p>",
        "container": "oeffentlich",
        "state": "published",
    },
    {
        "type": "MaengelmelderFormular",
        "id": "maengelmelder",
        "title": "Mängelmelder",
        "description": "Melden Sie uns Schäden an Straßen, Wegen, Beleuchtung und Spielplätzen.",
        "text": (
            "<p>Markieren Sie den Ort oder nennen Sie die Adresse und beschreiben Sie den Mangel. "
            "Mit Ihrer E-Mail-Adresse erhalten Sie eine Eingangsbestätigung und Nachricht, "
            "wenn sich der Bearbeitungsstand ändert.</p>"
        ),
        "fields": {
            "categories": (
                "Straßenbeleuchtung\nSchlagloch oder Straßenschaden\nSpielplatz\nVerkehrszeichen\n"
                "Illegale Müllablagerung | Fachdienst III\nSonstiges"
            ),
            "confirmation_text": "Wir melden uns, sobald die Meldung geprüft ist.",
        },
        "container": "oeffentlich",
        "state": "published",
    },
    {
        "type": "SchuelerbefoerderungFormular",
        "id": "schuelerbefoerderung",
        "title": "Antrag auf Schülerbeförderung",
        "description": "Übernahme der Fahrkosten zur Schule für das Schuljahr 2026/27.",
        "text": (
            "<p>Für Schülerinnen und Schüler, deren Schulweg die Mindestentfernung überschreitet. "
            "Bitte halten Sie die IBAN und die Schulbescheinigung bereit.</p>"
        ),
        "fields": {
            "schools": [
                "Grundschule Satrup",
                "Grundschule Sörup",
                "Gemeinschaftsschule Satrup",
                "Gymnasium Süderbrarup",
            ],
            "school_year": "2026/27",
        },
        "container": "oeffentlich",
        "state": "published",
    },
    {
        "type": "Bekanntmachung",
        "id": "bebauungsplan-12",
        "title": "Öffentliche Auslegung des Bebauungsplans Nr. 12 „Am Markt“",
        "description": "Der Entwurf liegt vier Wochen im Amt aus und ist hier einsehbar.",
        "text": "<p>Stellungnahmen können während der Auslegung schriftlich abgegeben werden.</p>",
        "fields": {"gemeinde": "Gemeinde Mittelangeln", "fachdienst": "Fachdienst IV – Bauen und Umwelt"},
        "container": "oeffentlich/dokumente",
        "state": "published",
    },
    {
        "type": "Satzung",
        "id": "hundesteuersatzung",
        "title": "Hundesteuersatzung der Gemeinde Sörup",
        "description": "Steuersätze und Befreiungen.",
        "fields": {
            "gemeinde": "Gemeinde Sörup",
            "fachdienst": "Fachdienst II – Finanzen",
            "valid_from": lambda: datetime.date(2026, 1, 1),
            "version": "1. Nachtragssatzung",
            "file": lambda: NamedBlobFile(
                text_pdf([["Hundesteuersatzung der Gemeinde Soerup", "Steuersatz fuer den ersten Hund: 60 Euro"]]),
                contentType="application/pdf",
                filename="hundesteuersatzung.pdf",
            ),
        },
        "container": "oeffentlich/dokumente",
        "state": "published",
    },
    {
        "type": "OeffentlichesFormular",
        "id": "maengelmelder-link",
        "title": "Mängelmelder",
        "description": "Schäden an Straßen, Wegen und Beleuchtung online melden.",
        "fields": {
            "gemeinde": "Amt Mittelangeln",
            "fachdienst": "Fachdienst IV – Bauen und Umwelt",
            "link": lambda: api.portal.get().absolute_url() + "/oeffentlich/maengelmelder",
        },
        "container": "oeffentlich/dokumente",
        "state": "published",
    },
    {
        "type": "Pressemitteilung",
        "id": "buergerbuero-samstag",
        "title": "Bürgerbüro öffnet an zwei Samstagen",
        "description": "Zusätzliche Termine für Ausweise und Meldeangelegenheiten.",
        "text": "<p>Das Bürgerbüro in Satrup öffnet im Dezember an zwei Samstagen von 9 bis 12 Uhr.</p>",
        "fields": {"gemeinde": "Amt Mittelangeln", "fachdienst": "Fachdienst III – Ordnung und Soziales"},
        "container": "oeffentlich/dokumente",
        "state": "published",
    },
)


def create_demo_content(context=None):
    """Create what is missing of DEMO_CONTENT; return the new objects."""
    portal = api.portal.get()
    created = []
    for item in DEMO_CONTENT:
        container = portal.unrestrictedTraverse(item["container"]) if "container" in item else portal
        if item["id"] in container.objectIds():
            continue
        # Values that need the portal or the tools (files, URLs) are made here.
        extra = {name: value() if callable(value) else value for name, value in item.get("fields", {}).items()}
        fields = {"title": item["title"], "description": item["description"], **extra}
        if "text" in item:
            fields["text"] = RichTextValue(item["text"], "text/html", "text/x-html-safe")
        obj = api.content.create(container=container, type=item["type"], id=item["id"], **fields)
        if "state" in item:
            api.content.transition(obj=obj, to_state=item["state"])
        created.append(obj)
    plan = create_demo_akten(portal)
    if plan is not None:
        created.append(plan)
    created += create_demo_posteingang(portal)
    return created
