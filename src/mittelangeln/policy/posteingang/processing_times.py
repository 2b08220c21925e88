"""Processing times of the Posteingang: days from receipt to erledigt, with
median and 90th percentile per group (Fachdienst, channel). Pure
functions; statistics.py feeds them from the catalog."""

from dataclasses import dataclass

from mittelangeln.policy.onlineforms.statistics import percentile


SECONDS_PER_DAY = 86400


def days_between(received, done):
    """Days (fractional) from ``received`` to ``done``; never negative."""
    return max(0.0, (done - received).total_seconds() / SECONDS_PER_DAY)


def median(values):
    return percentile(list(values), 0.5)


def p90(values):
    return percentile(list(values), 0.9)


@dataclass(frozen=True)
class Summary:
    group: str
    count: int
    median: float
    p90: float


def summarize(durations):
    """{group: [days]} → [Summary] by group name."""
    return [
        Summary(group, len(days), median(days), p90(days))
        for group, days in sorted(durations.items(), key=lambda item: item[0])
        if days
    ]
