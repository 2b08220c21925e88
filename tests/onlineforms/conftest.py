"""Published online forms in the area Öffentlich (functional layer)."""

import pytest
import transaction
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles


CATEGORIES = "Straßenbeleuchtung\nSchlagloch\nIllegale Müllablagerung | Fachdienst III"
SCHOOLS = ["Grundschule Satrup", "Gemeinschaftsschule Satrup"]


@pytest.fixture
def online_forms(functional_portal):
    """The two forms, published; committed for the test browser."""
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    maengelmelder = api.content.create(
        container=portal["oeffentlich"],
        type="MaengelmelderFormular",
        id="maengelmelder",
        title="Mängelmelder",
        categories=CATEGORIES,
        confirmation_text="Wir melden uns nach der Prüfung.",
    )
    schuelerbefoerderung = api.content.create(
        container=portal["oeffentlich"],
        type="SchuelerbefoerderungFormular",
        id="schuelerbefoerderung",
        title="Schülerbeförderung",
        schools=SCHOOLS,
        school_year="2026/27",
    )
    for item in (maengelmelder, schuelerbefoerderung):
        api.content.transition(obj=item, to_state="published")
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    return {"portal": portal, "maengelmelder": maengelmelder, "schuelerbefoerderung": schuelerbefoerderung}
