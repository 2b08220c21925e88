"""Days as the Amt counts them: in the portal's time zone."""

from zoneinfo import ZoneInfo

from plone import api


def local_day(moment):
    """The calendar day of a Zope DateTime in the portal's time zone."""
    zone = ZoneInfo(api.portal.get_registry_record("plone.portal_timezone", default="Europe/Berlin"))
    return moment.asdatetime().astimezone(zone).date()
