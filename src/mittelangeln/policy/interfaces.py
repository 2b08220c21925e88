"""Interfaces of the policy add-on."""

from zope.interface import Attribute
from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IMittelangelnPolicyLayer(IDefaultBrowserLayer):
    """Browser layer, active where mittelangeln.policy is installed."""


class IAccessLogged(Interface):
    """Content whose views and downloads, and those of everything inside it,
    go into the access trail (Personalakte; later Schülerbeförderungsanträge)."""


class IArea(Interface):
    """An area of the portal (security/areas.py): structure whose state
    only administrators change (guards of mittelangeln_bereich_workflow)."""


class IArbeitsplatzBox(Interface):
    """One box of the start page "Mein Arbeitsplatz" (``@@mein-arbeitsplatz``).

    A box is a named multi-adapter of (site root, request), registered in the
    ZCML of the feature it belongs to; the page shows the available boxes by
    ``order``. Here so that any feature (e.g. a later Posteingang or
    Wiedervorlage) can add a box without importing the start page."""

    order = Attribute("Place on the page, lower first (search 10, submissions 20, recent work 40, news 60, links 80)")
    title = Attribute("Heading of the box (a message)")

    def available():
        """Does the box concern the current user at all? False where it
        would be empty by design (not merely empty today)."""

    def render():
        """The box's content as HTML, below its heading."""
