"""Interfaces of the policy add-on."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IMittelangelnPolicyLayer(IDefaultBrowserLayer):
    """Browser layer, active where mittelangeln.policy is installed."""
