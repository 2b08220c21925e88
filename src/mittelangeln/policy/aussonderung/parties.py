"""The parties of the xdomea messages: the Amt and its archive (settings)."""

from mittelangeln.policy import settings
from mittelangeln.policy.aussonderung.xdomea.model import Party


def sender():
    """The Amt, author of the messages the portal writes."""
    return Party(**settings.aussonderung_sender())


def archive():
    """The archive, reader of the messages the portal writes."""
    return Party(**settings.aussonderung_archive())
