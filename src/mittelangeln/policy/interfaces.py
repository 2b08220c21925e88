"""Interfaces of the policy add-on."""

from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IMittelangelnPolicyLayer(IDefaultBrowserLayer):
    """Browser layer, active where mittelangeln.policy is installed."""


class IAccessLogged(Interface):
    """Content whose views and downloads, and those of everything inside it,
    go into the access trail (Personalakte; later Schülerbeförderungsanträge)."""
