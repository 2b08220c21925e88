"""Public documents in Öffentlich → Dokumente, in every state that matters
for the homepage feed, next to intranet content (functional layer)."""

import datetime

import pytest
import transaction
from DateTime import DateTime
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles

from mittelangeln.policy.testing.helpers import add_meldung
from mittelangeln.policy.testing.helpers import build_plan
from tests.homepage.public_content import BAU
from tests.homepage.public_content import ORDNUNG
from tests.homepage.public_content import SECRET
from tests.homepage.public_content import pdf
from tests.homepage.public_content import public


@pytest.fixture
def documents(functional_portal):
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    area = portal["oeffentlich"]["dokumente"]
    items = {
        "bekanntmachung": public(
            area,
            "Bekanntmachung",
            "bebauungsplan",
            title="Bebauungsplan Nr. 12 Satrup",
            description="Öffentliche Auslegung",
            file=pdf("Bebauungsplan Auslegung Rathaus"),
            expires=DateTime() + 30,
        ),
        "satzung": public(
            area,
            "Satzung",
            "hundesteuer",
            title="Hundesteuersatzung",
            gemeinde="Gemeinde Havetoft",
            fachdienst=ORDNUNG,
            valid_from=datetime.date(2026, 1, 1),
            version="2. Nachtrag",
            file=pdf("Steuersatz je Hund"),
            effective=DateTime("2026-01-01"),
        ),
        "formular": public(
            area,
            "OeffentlichesFormular",
            "wohngeld",
            title="Antrag auf Wohngeld",
            fachdienst=ORDNUNG,
            link="https://www.amt-mittelangeln.de/formulare/wohngeld",
        ),
        "presse": public(
            area, "Pressemitteilung", "sommerfest", title="Sommerfest im Amt", gemeinde="Amt Mittelangeln"
        ),
        # Never in the feed:
        "entwurf": public(area, "Bekanntmachung", "entwurf", "draft", title=f"Entwurf {SECRET}"),
        "eingereicht": public(area, "Bekanntmachung", "eingereicht", "pending", title=f"Eingereicht {SECRET}"),
        "archiviert": public(area, "Bekanntmachung", "archiviert", "archived", title=f"Archiviert {SECRET}"),
        "abgelaufen": public(
            area,
            "Bekanntmachung",
            "abgelaufen",
            title=f"Abgelaufen {SECRET}",
            expires=DateTime() - 1,
            effective=DateTime() - 30,
        ),
        "kuenftig": public(area, "Bekanntmachung", "kuenftig", title=f"Künftig {SECRET}", effective=DateTime() + 3),
    }
    retracted = public(area, "Bekanntmachung", "zurueckgezogen", title=f"Zurückgezogen {SECRET}")
    api.content.transition(obj=retracted, transition="retract")
    items["zurueckgezogen"] = retracted
    plan = build_plan(portal)
    akte = api.content.create(container=plan["genehmigungen"], type="Akte", title=f"Akte {SECRET}", fachdienst=BAU)
    vorgang = api.content.create(container=akte, type="Vorgang", title=f"Vorgang {SECRET}")
    items["dokument"] = api.content.create(
        container=vorgang, type="Dokument", title=f"Dokument {SECRET}", kind="eingang", file=pdf(SECRET)
    )
    items["meldung"] = add_meldung(portal, "m", defect=f"Schaukel {SECRET}")
    page = api.content.create(container=portal["oeffentlich"], type="Document", id="seite", title=f"Seite {SECRET}")
    api.content.transition(obj=page, to_state="published")  # public, but not a public document kind
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    return {"portal": portal, **items}
