"""Processing of form submissions: reference numbers, the Mängelmeldung's
reasons, the Vier-Augen-Prinzip of the Schülerbeförderungsantrag."""

import datetime
import re

import pytest
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import login
from plone.app.testing import setRoles
from Products.CMFCore.WorkflowCore import WorkflowException

from mittelangeln.policy.onlineforms.iban import IBANInvalid
from mittelangeln.policy.onlineforms.iban import check_iban
from mittelangeln.policy.testing.helpers import add_antrag
from mittelangeln.policy.testing.helpers import add_meldung
from mittelangeln.policy.testing.helpers import add_member
from mittelangeln.policy.testing.helpers import pdf_text


FD3 = "fachdienst-iii-ordnung-und-soziales"
YEAR = datetime.date.today().year


def meldung(portal, **fields):
    number = len(portal["eingaenge"]["maengelmeldungen"])
    return add_meldung(portal, f"m{number}", category="Schlagloch", defect="Tiefes Loch vor der Schule", **fields)


def antrag(portal):
    return add_antrag(portal, "antrag")


def number_of(reference):
    prefix, year, number = reference.split("-")
    return prefix, int(year), int(number)


def test_reference_numbers_count_per_kind_and_year(portal, manager):
    # Counters live beside the test's transaction (numbering.py), so earlier
    # tests of the layer may have taken numbers: compare, don't presume.
    first, second = meldung(portal), meldung(portal)
    assert re.fullmatch(rf"MM-{YEAR}-\d{{5}}", first.reference)
    prefix, year, number = number_of(first.reference)
    assert number_of(second.reference) == (prefix, year, number + 1)
    assert first.Title() == f"{first.reference} Schlagloch"
    sb_prefix, sb_year, _ = number_of(antrag(portal).reference)
    assert (sb_prefix, sb_year) == ("SB", YEAR)


def test_decisions_against_the_reporter_need_a_reason(portal, manager):
    item = meldung(portal)
    workflow = api.portal.get_tool("portal_workflow")
    with pytest.raises(WorkflowException, match="Bitte geben Sie den Grund"):
        workflow.doActionFor(item, "reject")
    with pytest.raises(WorkflowException, match="Bitte geben Sie den Grund"):
        workflow.doActionFor(item, "mark_duplicate", comment="   ")
    assert api.content.get_state(item) == "received"
    api.content.transition(obj=item, transition="reject", comment="Privatgrundstück, nicht zuständig")
    assert api.content.get_state(item) == "rejected"


@pytest.fixture
def clerks(portal):
    for username in ("pruefer", "genehmiger"):
        add_member(username, FD3)


def checked_by_pruefer(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    item = antrag(portal)
    login(portal, "pruefer")
    api.content.transition(obj=item, transition="start_check")
    api.content.transition(obj=item, transition="submit_for_approval")
    return item


def test_the_checker_cannot_approve_a_second_person_can(portal, clerks):
    item = checked_by_pruefer(portal)
    workflow = api.portal.get_tool("portal_workflow")
    assert [t["id"] for t in workflow.getTransitionsFor(item)] == ["send_back"]
    with pytest.raises(WorkflowException):
        workflow.doActionFor(item, "approve")
    assert api.content.get_state(item) == "for_approval"
    login(portal, "genehmiger")
    assert {"approve", "reject"} <= {t["id"] for t in workflow.getTransitionsFor(item)}
    api.content.transition(obj=item, transition="approve")
    assert api.content.get_state(item) == "approved"


def test_checking_again_after_send_back_keeps_the_rule(portal, clerks):
    """The one who sends it for approval last is the one who may not decide."""
    item = checked_by_pruefer(portal)
    login(portal, "genehmiger")
    api.content.transition(obj=item, transition="send_back")
    api.content.transition(obj=item, transition="submit_for_approval")
    assert "approve" not in {t["id"] for t in api.portal.get_tool("portal_workflow").getTransitionsFor(item)}
    login(portal, "pruefer")
    api.content.transition(obj=item, transition="approve")
    assert api.content.get_state(item) == "approved"


@pytest.mark.parametrize("iban", ["DE89370400440532013000", "de89 3704 0044 0532 0130 00", "DK5000400440116243"])
def test_valid_ibans(iban):
    assert check_iban(iban) is True


@pytest.mark.parametrize(
    "iban",
    ["DE89370400440532013001", "DE8937040044053201300", "XX00", "", "DE89 3704 0044 0532 0130 0O", "<script>"],
)
def test_invalid_ibans(iban):
    with pytest.raises(IBANInvalid):
        check_iban(iban)


def test_approval_writes_the_bescheid(portal, clerks, tmp_path):
    item = checked_by_pruefer(portal)
    api.user.get(username="genehmiger").setMemberProperties({"fullname": "Gesine Şahin-Łukasik"})
    login(portal, "genehmiger")
    api.content.transition(obj=item, transition="approve")
    assert item.bescheid.contentType == "application/pdf"
    assert item.bescheid.filename == f"Bescheid-{item.reference}.pdf"
    text = pdf_text(item.bescheid.data, tmp_path, layout=True)
    assert "Ihrem Antrag wird stattgegeben." in text
    assert "Lena Hansen" in text and "Grundschule Satrup" in text and "2026/27" in text
    assert "Gesine Şahin-Łukasik" in text  # letters beyond Latin-1 come out right
    assert "3000" in text and "0532" not in text  # only the end of the IBAN


def test_rejection_needs_a_reason_that_the_bescheid_gives(portal, clerks, tmp_path):
    item = checked_by_pruefer(portal)
    login(portal, "genehmiger")
    with pytest.raises(WorkflowException, match="Bitte geben Sie den Grund"):
        api.portal.get_tool("portal_workflow").doActionFor(item, "reject")
    assert getattr(item, "bescheid", None) is None
    api.content.transition(obj=item, transition="reject", comment="Der Schulweg ist kürzer als 2 km.")
    text = pdf_text(item.bescheid.data, tmp_path, layout=True)
    assert "Ihr Antrag wird abgelehnt." in text
    assert "Der Schulweg ist kürzer als 2 km." in text
