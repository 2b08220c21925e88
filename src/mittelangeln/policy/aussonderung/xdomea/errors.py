"""The one exception of the xdomea library."""

from mittelangeln.policy.i18n import TranslatedError


class MessageRefused(TranslatedError, ValueError):
    """An xdomea message or hand-over ZIP that is not taken.

    str() is the German text. ``problems`` lists German texts, one per object
    or file, for a report (may be empty when the message says it all).
    """

    def __init__(self, message, problems=()):
        super().__init__(message)
        self.problems = list(problems)
