"""Shared display helpers of the E-Akte views."""

from plone import api


def german_date(value):
    """31.12.2026, or None for no date."""
    return value.strftime("%d.%m.%Y") if value else None


def state_title(portal_type, state):
    """The workflow's title of ``state`` for ``portal_type`` ("Geschlossen (zdA)")."""
    if not state:
        return None
    return api.portal.get_tool("portal_workflow").getTitleForStateOnType(state, portal_type)
