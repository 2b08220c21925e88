"""Eingangsnummern: E-2026-00017, one counter per year, never reused and
unique under concurrency (the counters of eakte/numbering.py)."""

import datetime

from plone import api

from mittelangeln.policy.eakte.numbering import next_number


def eingangsnummer(year, number):
    return f"E-{year}-{number:05d}"


def take_number(year):
    """The next Eingangsnummer of ``year``."""
    return eingangsnummer(year, next_number(api.portal.get(), f"eingang:{year}"))


def ensure_number(eingang):
    """The Eingang's number, taken on first use (the add form makes its id from it)."""
    if not eingang.eingangsnummer:
        eingang.eingangsnummer = take_number((_received(eingang) or datetime.date.today()).year)
    return eingang.eingangsnummer


def _received(eingang):
    received = getattr(eingang, "eingangsdatum", None)
    return received.date() if received else None


class NameFromNumber:
    """INameFromTitle of an Eingang: its id is its number (e-2026-00017)."""

    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        return ensure_number(self.context)


def number_new_eingang(eingang, event):
    """An Eingang added with an id of its own still gets its number."""
    ensure_number(eingang)
