"""Routing rules (kept in the control panel): sender address or domain,
keywords in subject or text, channel → Fachdienst and person.

Placeholder until the rules' control panel lands: no rule matches."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    name: str
    fachdienst: str = ""
    responsible: str = ""


def matching_rule(eingang, text=""):
    return None
