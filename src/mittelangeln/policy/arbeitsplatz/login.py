"""Signing in leads to Mein Arbeitsplatz, unless the person came from a page
of their own choosing (a link into an Akte, a page that asked them to sign
in): then Plone's ``came_from`` stays."""

from urllib.parse import urlsplit

from plone import api
from plone.base.interfaces import IRedirectAfterLogin
from zope.component import adapter
from zope.interface import Interface
from zope.interface import implementer

from mittelangeln.policy.interfaces import IMittelangelnPolicyLayer


VIEW_NAME = "mein-arbeitsplatz"
# Paths below the site root that mean "the site's front page".
FRONT_PAGE = {"", "view", "index_html", "@@view"}


def arbeitsplatz_url():
    return f"{api.portal.get().absolute_url()}/@@{VIEW_NAME}"


def is_front_page(url):
    portal_path = urlsplit(api.portal.get().absolute_url()).path.rstrip("/")
    path = urlsplit(url).path.rstrip("/")
    if path != portal_path and not path.startswith(portal_path + "/"):
        return False
    return path[len(portal_path) :].strip("/") in FRONT_PAGE


@implementer(IRedirectAfterLogin)
@adapter(Interface, IMittelangelnPolicyLayer)
class ArbeitsplatzAfterLogin:
    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self, came_from=None, is_initial_login=False):
        if not came_from or is_front_page(came_from):
            return arbeitsplatz_url()
        return came_from
