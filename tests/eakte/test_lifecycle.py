"""Lifecycle of Akte and Vorgang: zdA, reopen with reason, Aussonderung."""

import datetime

import pytest
from plone import api

from mittelangeln.policy.eakte.indexers import effective_retention


def transition_ids(obj):
    workflow = api.portal.get_tool("portal_workflow")
    return {t["id"] for t in workflow.getTransitionsFor(obj)}


def test_new_akte_and_vorgang_are_open(akte, vorgang):
    assert api.content.get_state(akte) == "open"
    assert api.content.get_state(vorgang) == "open"


def test_akte_cannot_close_while_vorgang_open(akte, vorgang):
    assert "close" not in transition_ids(akte)
    with pytest.raises(api.exc.InvalidParameterError):
        api.content.transition(obj=akte, transition="close")


def test_close_sets_date_and_starts_retention(akte, vorgang):
    api.content.transition(obj=vorgang, transition="complete")
    api.content.transition(obj=akte, transition="close")
    today = datetime.date.today()
    assert api.content.get_state(akte) == "closed"
    assert akte.closed == today
    brain = api.content.find(UID=api.content.get_uuid(akte))[0]
    assert brain.retention_until == datetime.date(today.year + 30, 12, 31)  # 632.1 keeps Akten 30 years


def test_closed_akte_takes_no_new_vorgang_from_clerk(portal, akte, vorgang):
    api.content.transition(obj=vorgang, transition="complete")
    api.content.transition(obj=akte, transition="close")
    api.user.create(email="c@example.org", username="clerk", password="Sicheres-Passwort-1")
    api.user.grant_roles(username="clerk", obj=akte, roles=["Editor", "Contributor"])
    assert not api.user.has_permission("Add portal content", username="clerk", obj=akte)
    assert not api.user.has_permission("Modify portal content", username="clerk", obj=akte)


def test_reopen_needs_the_form_and_records_reason(portal, http_request, akte):
    api.content.transition(obj=akte, transition="close")
    workflow = api.portal.get_tool("portal_workflow")
    reopen = [t for t in workflow.listActionInfos(object=akte) if t["id"] == "reopen"][0]
    assert reopen["url"].endswith("/@@akte-wiedereroeffnen")
    view = akte.restrictedTraverse("@@akte-wiedereroeffnen")
    http_request.form.update({"form.buttons.reopen": "1", "reason": "  "})
    from plone.protect.authenticator import createToken

    http_request.form["_authenticator"] = createToken()
    page = view()
    assert "Bitte geben Sie eine Begründung" in page
    assert api.content.get_state(akte) == "closed"
    http_request.form["reason"] = "Widerspruch des Bauherrn eingegangen"
    view()
    assert api.content.get_state(akte) == "open"
    assert akte.closed is None
    history = workflow.getInfoFor(akte, "review_history")
    assert history[-1]["comments"] == "Widerspruch des Bauherrn eingegangen"


def test_aussonderung_marking(akte):
    api.content.transition(obj=akte, transition="close")
    api.content.transition(obj=akte, transition="mark_for_aussonderung")
    assert api.content.get_state(akte) == "aussonderung"
    api.content.transition(obj=akte, transition="unmark_aussonderung")
    assert api.content.get_state(akte) == "closed"


def test_vorgang_done_and_reopen(vorgang):
    api.content.transition(obj=vorgang, transition="complete")
    assert api.content.get_state(vorgang) == "done"
    api.content.transition(obj=vorgang, transition="reopen")
    assert api.content.get_state(vorgang) == "open"


def test_dokument_follows_its_vorgang(portal, vorgang, dokument):
    api.user.create(email="c@example.org", username="clerk", password="Sicheres-Passwort-1")
    api.user.grant_roles(username="clerk", obj=vorgang, roles=["Editor"])
    assert api.user.has_permission("Modify portal content", username="clerk", obj=dokument)
    api.content.transition(obj=vorgang, transition="complete")
    assert not api.user.has_permission("Modify portal content", username="clerk", obj=dokument)


def test_retention_inherited_and_overridable(akte):
    assert effective_retention(akte) == "30"
    akte.retention_override = "dauernd"
    akte.retention_override_reason = "Denkmalgeschütztes Gebäude"
    assert effective_retention(akte) == "dauernd"


def test_override_without_reason_is_invalid():
    from zope.interface import Invalid

    from mittelangeln.policy.eakte.content.akte import IAkte

    class Data:
        retention_override = "10"
        retention_override_reason = ""

    with pytest.raises(Invalid) as error:
        IAkte.validateInvariants(Data())
    assert "Begründung" in str(error.value)


def test_transition_history_visible(akte):
    api.content.transition(obj=akte, transition="close", comment="Vorgang abgeschlossen")
    history = api.portal.get_tool("portal_workflow").getInfoFor(akte, "review_history")
    assert [h["action"] for h in history][-1] == "close"
