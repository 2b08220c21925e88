"""Addresses of objects in e-mails.

The periodic tasks run without a browser's request, so Zope would name the
portal http://nohost/…; $MITTELANGELN_PORTAL_URL (the portal's address as
people open it, e.g. https://intranet.amt-mittelangeln.de) takes its place."""

import os

from plone import api


PORTAL_URL_VARIABLE = "MITTELANGELN_PORTAL_URL"


def link(obj, view=None):
    """The address of ``obj`` (the portal if None), optionally of a view of it."""
    portal = api.portal.get()
    obj = portal if obj is None else obj
    url = obj.absolute_url()
    base = os.environ.get(PORTAL_URL_VARIABLE, "").strip().rstrip("/")
    if base:
        url = base + url[len(portal.absolute_url()) :]
    return f"{url}/@@{view}" if view else url
