"""Shared display helpers of the E-Akte views."""

from zoneinfo import ZoneInfo

from plone import api


def portal_zone():
    return ZoneInfo(api.portal.get_registry_record("plone.portal_timezone", default="Europe/Berlin"))


def local_day(moment):
    """The calendar day of a Zope DateTime (catalog metadata) in the
    portal's time zone."""
    return moment.asdatetime().astimezone(portal_zone()).date()


def german_date(value):
    """31.12.2026, or None for no date; a Zope DateTime is a moment: its
    day in the portal's time zone."""
    if value and hasattr(value, "asdatetime"):
        value = local_day(value)
    return value.strftime("%d.%m.%Y") if value else None


def german_datetime(value, seconds=False):
    """A time-zone aware moment (or a Zope DateTime) in the portal's time
    zone: 31.12.2026 14:05."""
    if hasattr(value, "asdatetime"):
        value = value.asdatetime()
    return value.astimezone(portal_zone()).strftime("%d.%m.%Y %H:%M:%S" if seconds else "%d.%m.%Y %H:%M")


def state_title(portal_type, state):
    """The workflow's title of ``state`` for ``portal_type`` ("Geschlossen (zdA)")."""
    if not state:
        return None
    return api.portal.get_tool("portal_workflow").getTitleForStateOnType(state, portal_type)
