"""Figures for process optimisation: how long submissions take, per form and
category, and how old the open ones are.

Counted from the catalog, so everyone sees figures only about the
submissions they may see (a Fachdienst its own, Leitung all).
"""

import math
from dataclasses import dataclass

from DateTime import DateTime
from plone import api

from mittelangeln.policy.onlineforms.submissions import FINAL_STATES


SUBMISSION_TYPES = tuple(FINAL_STATES)
# Open items by age in days: (label, lowest age, highest age or None).
AGE_BANDS = (("0–7", 0, 7), ("8–30", 8, 30), ("31–90", 31, 90), ("> 90", 91, None))


def percentile(values, share):
    """Linear interpolation between closest ranks (numpy's default);
    ``share`` from 0 to 1. None without values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    lower, upper = math.floor(position), math.ceil(position)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


@dataclass
class Durations:
    form: str
    category: str
    days: list

    @property
    def count(self):
        return len(self.days)

    @property
    def median(self):
        return percentile(self.days, 0.5)

    @property
    def p90(self):
        return percentile(self.days, 0.9)


def age_band(days):
    for label, lowest, highest in AGE_BANDS:
        if days >= lowest and (highest is None or days <= highest):
            return label
    return AGE_BANDS[-1][0]


def collect(now=None):
    """(durations per form and category, with one "all" row per form;
    {form: {age band: open count}})."""
    now = DateTime() if now is None else now
    finished, open_by_age = {}, {}
    for brain in api.content.find(portal_type=list(SUBMISSION_TYPES)):
        form = brain.portal_type
        if brain.submission_finished:
            days = float(brain.submission_finished - brain.created)
            for category in (brain.submission_category or "–", None):
                finished.setdefault((form, category), []).append(days)
        else:
            bands = open_by_age.setdefault(form, {label: 0 for label, _, _ in AGE_BANDS})
            bands[age_band(max(0, math.floor(now - brain.created)))] += 1  # clock skew: not "> 90"
    durations = [
        Durations(form, category, days)
        for (form, category), days in sorted(
            finished.items(), key=lambda item: (item[0][0], item[0][1] is None, item[0][1] or "")
        )
    ]
    return durations, open_by_age
