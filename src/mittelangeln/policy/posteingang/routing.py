"""Routing on intake: the first routing rule that matches an Eingang names
its Fachdienst and person (rules.py); the Eingang records which rule it
was, and an Eingang with a Fachdienst or person is assigned at once."""

from plone import api

from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.posteingang.rules import matching_rule


def route(eingang, text=""):
    """Apply the routing rules to a new Eingang (given values win)."""
    rule = matching_rule(eingang, text)
    if rule is not None:
        eingang.fachdienst = eingang.fachdienst or rule.fachdienst or None
        eingang.responsible = eingang.responsible or rule.responsible or None
        eingang.routed_by = translate(_("Rule “${name}”", mapping={"name": rule.name}))
    elif eingang.fachdienst or eingang.responsible:
        eingang.routed_by = translate(_("Given on intake"))
    eingang.reindexObject()
    if eingang.fachdienst or eingang.responsible:
        assign(eingang, eingang.routed_by)


def assign(eingang, comment):
    """eingegangen → zugewiesen, as the portal (the routing decided it)."""
    if api.content.get_state(eingang) == "eingegangen":
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(obj=eingang, transition="zuweisen", comment=comment)
