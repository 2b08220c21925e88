"""Processing of form submissions: reference numbers, the Mängelmeldung's
reasons, the Vier-Augen-Prinzip of the Schülerbeförderungsantrag."""

import datetime

from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from Products.CMFCore.WorkflowCore import WorkflowException
import pytest

from helpers import antrag_fields
from mittelangeln.policy.iban import check_iban
from mittelangeln.policy.iban import IBANInvalid

FD3 = "fachdienst-iii-ordnung-und-soziales"
YEAR = datetime.date.today().year


def meldung(portal, **fields):
    return api.content.create(
        container=portal["eingaenge"]["maengelmeldungen"],
        type="Maengelmeldung",
        id=f"m{len(portal['eingaenge']['maengelmeldungen'])}",
        category="Schlagloch",
        defect="Tiefes Loch vor der Schule",
        **fields,
    )


def antrag(portal):
    return api.content.create(
        container=portal["eingaenge"]["schuelerbefoerderung"],
        type="Schuelerbefoerderungsantrag",
        id="antrag",
        **antrag_fields(),
    )


def test_reference_numbers_count_per_kind_and_year(portal, manager):
    first, second = meldung(portal), meldung(portal)
    assert (first.reference, second.reference) == (f"MM-{YEAR}-00001", f"MM-{YEAR}-00002")
    assert first.Title() == f"MM-{YEAR}-00001 Schlagloch"
    assert antrag(portal).reference == f"SB-{YEAR}-00001"


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
        api.user.create(email=f"{username}@example.org", username=username)
        api.group.add_user(groupname=FD3, username=username)


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
