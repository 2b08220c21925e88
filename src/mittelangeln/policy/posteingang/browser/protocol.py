"""@@posteingang-protokoll on the Posteingang area: what the intake
channels refused, with the German reason, for the Poststelle to follow up."""

from Products.Five.browser import BrowserView
from zExceptions import NotFound

from mittelangeln.policy.formatting import german_datetime
from mittelangeln.policy.posteingang import protocol
from mittelangeln.policy.posteingang.browser.view import channel_title
from mittelangeln.policy.posteingang.intake import AREA


class IntakeProtocolView(BrowserView):
    def __call__(self):
        # Registered for every area (its permission is the Poststelle's
        # there); the protocol belongs to the Posteingang only.
        if self.context.getId() != AREA:
            raise NotFound(self.__name__)
        return self.index()

    def entries(self):
        return [
            {
                "time": german_datetime(entry["time"]),
                "channel": channel_title(entry["channel"]),
                "source": entry["source"],
                "reason": entry["reason"],
            }
            for entry in protocol.entries()
        ]
