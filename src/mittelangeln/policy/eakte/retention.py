"""Retention periods (Aufbewahrungsfristen) and the date they run out."""

import datetime
import re

from zope.interface import Invalid

from mittelangeln.policy.i18n import TranslatedError
from mittelangeln.policy.i18n import _


PERMANENT = "dauernd"
_YEARS = re.compile(r"^[1-9][0-9]?$")


class RetentionInvalid(TranslatedError, Invalid):
    """A retention setting the schema refuses (str() in the UI language)."""


def is_valid_retention(value):
    """A number of years (1-99) or "dauernd"."""
    return value == PERMANENT or bool(_YEARS.match(value or ""))


def check_retention(value):
    """zope.schema constraint with a translated message."""
    if not is_valid_retention(value):
        raise RetentionInvalid(
            _(
                "Invalid retention period “${value}”: allowed are years (1 to 99) or “${permanent}”.",
                mapping={"value": value, "permanent": PERMANENT},
            )
        )
    return True


def retention_until(closed, retention):
    """Last day of retention: the period starts at the end of the year in
    which the file was closed (zdA). None while open or kept permanently."""
    if closed is None or not retention or retention == PERMANENT:
        return None
    return datetime.date(closed.year + int(retention), 12, 31)
