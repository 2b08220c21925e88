"""Demo content for presentations and training (profile ``demo``).

Idempotent: content that already exists is left as it is, so reapplying the
profile never duplicates or overwrites what users changed.
"""

from plone import api
from plone.app.textfield.value import RichTextValue

from mittelangeln.policy.demo_akten import create_demo_akten

DEMO_CONTENT = (
    {
        "type": "Folder",
        "id": "aktuelles",
        "title": "Aktuelles",
        "description": "Mitteilungen aus dem Amt für alle Mitarbeitenden.",
    },
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
    },
    {
        "type": "Folder",
        "id": "dokumente",
        "title": "Dokumente",
        "description": "Gescannte und digitale Dokumente mit Volltextsuche.",
    },
)


def create_demo_content(context=None):
    """Create what is missing of DEMO_CONTENT; return the new objects."""
    portal = api.portal.get()
    created = []
    for item in DEMO_CONTENT:
        container = portal[item["container"]] if "container" in item else portal
        if item["id"] in container.objectIds():
            continue
        fields = {"title": item["title"], "description": item["description"]}
        if "text" in item:
            fields["text"] = RichTextValue(item["text"], "text/html", "text/x-html-safe")
        created.append(api.content.create(container=container, type=item["type"], id=item["id"], **fields))
    plan = create_demo_akten(portal)
    if plan is not None:
        created.append(plan)
    return created
