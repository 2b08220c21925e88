"""The intake protocol: a refused delivery is listed in German for the
Poststelle on @@posteingang-protokoll; nobody else reads it, and the view
answers on the Posteingang area only."""

import transaction
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles

from mittelangeln.policy.posteingang import protocol
from mittelangeln.policy.posteingang.files import IntakeRefused
from mittelangeln.policy.posteingang.intake import IncomingFile
from mittelangeln.policy.posteingang.intake import register
from mittelangeln.policy.testing.helpers import fetch
from tests.posteingang.staff import add_posteingang_staff


def refuse_an_empty_scan(portal, delivery):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    add_posteingang_staff()
    try:
        register(delivery(files=[IncomingFile("leer.pdf", b"")]))
    except IntakeRefused as refusal:
        protocol.refused("scan", "Hotfolder: leer.pdf", str(refusal))
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()


def test_the_poststelle_reads_the_refusal_in_german(functional_portal, delivery):
    refuse_an_empty_scan(functional_portal, delivery)
    status, body, _type = fetch(
        functional_portal, f"{functional_portal.absolute_url()}/posteingang/@@posteingang-protokoll", "post"
    )
    assert status == 200
    assert "Hotfolder: leer.pdf" in body
    assert "Die Datei „leer.pdf“ ist leer." in body


def test_a_fachdienst_may_not_read_it(functional_portal, delivery):
    refuse_an_empty_scan(functional_portal, delivery)
    status, body, _type = fetch(
        functional_portal, f"{functional_portal.absolute_url()}/posteingang/@@posteingang-protokoll", "bauamt"
    )
    assert "leer.pdf" not in body
    assert status in (401, 403) or "require_login" in body or "insufficient" in body


def test_elsewhere_it_is_not_found(functional_portal, delivery):
    refuse_an_empty_scan(functional_portal, delivery)
    url = f"{functional_portal.absolute_url()}/fachdienste/fachdienst-iv-bauen-und-umwelt/@@posteingang-protokoll"
    status, body, _type = fetch(functional_portal, url, "bauamt")
    assert status == 404
    assert "leer.pdf" not in body
