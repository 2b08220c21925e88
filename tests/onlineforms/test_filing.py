"""Filing finished submissions into the E-Akte: record, attachments and
Bescheid become Dokumente of a Vorgang."""

import pytest
import transaction
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.namedfile.file import NamedBlobImage

from mittelangeln.policy.onlineforms.filing import FilingError
from mittelangeln.policy.onlineforms.filing import file_submission
from mittelangeln.policy.onlineforms.filing import find_target
from mittelangeln.policy.testing.helpers import add_antrag
from mittelangeln.policy.testing.helpers import add_meldung
from mittelangeln.policy.testing.helpers import add_member
from mittelangeln.policy.testing.helpers import browser_as
from mittelangeln.policy.testing.helpers import build_plan
from mittelangeln.policy.testing.helpers import finish_meldung
from mittelangeln.policy.testing.helpers import image_bytes
from mittelangeln.policy.testing.helpers import pdf_text


FD4 = "fachdienst-iv-bauen-und-umwelt"


def photo():
    return NamedBlobImage(image_bytes(size=(30, 20)), contentType="image/jpeg", filename="laterne.jpg")


@pytest.fixture
def meldung(portal, akte):
    item = add_meldung(
        portal,
        "meldung",
        category="Straßenbeleuchtung",
        address="Dorfstraße 3",
        defect="Laterne flackert <b>nachts</b>",
        contact_name="Jens Petersen",
        photo_1=photo(),
    )
    return item


def test_a_finished_report_gets_a_vorgang_in_the_akte(meldung, akte, tmp_path):
    finish_meldung(meldung)
    vorgang = file_submission(meldung, find_target(akte.aktenzeichen))
    assert vorgang.aq_parent == akte
    assert vorgang.Title() == f"{meldung.reference} Straßenbeleuchtung"
    dokumente = {d.Title(): d for d in vorgang.objectValues()}
    record = dokumente[f"Online-Eingang {meldung.reference}"]
    assert record.kind == "eingang" and record.correspondent == "Jens Petersen"
    text = pdf_text(record.file.data, tmp_path)
    text = " ".join(text.split())
    assert "Laterne flackert <b>nachts</b>" in text and "Dorfstraße 3" in text
    assert dokumente[f"Anlage zu {meldung.reference}: laterne.jpg"].file.data == meldung.photo_1.data
    assert meldung.filed_in == api.content.get_uuid(vorgang)
    with pytest.raises(FilingError, match="bereits abgelegt"):
        file_submission(meldung, akte)


def test_unfinished_reports_are_not_filed(meldung, akte):
    with pytest.raises(FilingError, match="Nur abgeschlossene"):
        file_submission(meldung, akte)
    assert list(akte.objectIds()) == []


def test_a_decided_application_is_filed_with_its_bescheid(portal, vorgang):
    antrag = add_antrag(portal, "a")
    for transition in ("start_check", "submit_for_approval"):
        api.content.transition(obj=antrag, transition=transition)
    add_member("genehmiger", "fachdienst-iii-ordnung-und-soziales")
    login(portal, "genehmiger")  # Vier-Augen-Prinzip: not the one who checked
    api.content.transition(obj=antrag, transition="reject", comment="Schulweg unter 2 km.")
    setRoles(portal, TEST_USER_ID, ["Manager"])
    login(portal, TEST_USER_NAME)
    file_submission(antrag, find_target(vorgang.aktenzeichen))
    bescheid = vorgang[[i for i in vorgang.objectIds() if "bescheid" in i][0]]
    assert bescheid.kind == "bescheid" and bescheid.file.data == antrag.bescheid.data


def test_unknown_or_invisible_target_is_named(portal, meldung, akte):
    with pytest.raises(FilingError, match="keine Akte und keinen Vorgang mit dem Aktenzeichen „999/1“"):
        find_target("999/1")
    add_member("kita-user", "kita")
    login(portal, "kita-user")
    with pytest.raises(FilingError, match="keine Akte und keinen Vorgang"):
        find_target(akte.aktenzeichen)


def test_filing_needs_the_right_to_add_there(portal, meldung, akte):
    finish_meldung(meldung)
    add_member("kaemmerin", "fachdienst-ii-finanzen")
    login(portal, "kaemmerin")
    with pytest.raises(FilingError, match="keinen Vorgang"):
        file_submission(meldung, akte)
    setRoles(portal, TEST_USER_ID, ["Manager"])
    assert list(akte.objectIds()) == []


def test_clerk_files_through_the_form(online_forms):
    portal = online_forms["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    akte = api.content.create(
        container=build_plan(portal)["genehmigungen"],
        type="Akte",
        title="Straßenbeleuchtung",
        fachdienst="Fachdienst IV – Bauen und Umwelt",
    )
    item = add_meldung(portal, "m")
    finish_meldung(item)
    add_member("bauamt", FD4)
    transaction.commit()

    browser = browser_as(portal, "bauamt")
    browser.open(item.absolute_url() + "/@@ablegen")
    browser.getControl(name="aktenzeichen").value = "632.1/9999"
    browser.getControl(name="form.buttons.file").click()
    assert browser.headers["status"].startswith("400")
    assert "Es gibt keine Akte und keinen Vorgang mit dem Aktenzeichen „632.1/9999“" in browser.contents
    assert browser.getControl(name="aktenzeichen").value == "632.1/9999"
    browser.getControl(name="aktenzeichen").value = akte.aktenzeichen
    browser.getControl(name="form.buttons.file").click()
    assert browser.url.startswith(akte.absolute_url() + "/")
    assert f"Abgelegt in {akte.aktenzeichen}-1." in browser.contents
