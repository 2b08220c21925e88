"""Median and 90th percentile of processing times (pure functions)."""

import datetime

import pytest

from mittelangeln.policy.posteingang.processing_times import days_between
from mittelangeln.policy.posteingang.processing_times import median
from mittelangeln.policy.posteingang.processing_times import p90
from mittelangeln.policy.posteingang.processing_times import summarize


def test_median_of_an_odd_and_an_even_count():
    assert median([5, 1, 3]) == 3
    assert median([4, 1, 3, 2]) == 2.5


def test_p90_interpolates_between_the_closest_ranks():
    assert p90(range(1, 11)) == pytest.approx(9.1)  # numpy.percentile(range(1, 11), 90)
    assert p90([2, 2, 2, 100]) == pytest.approx(70.6)
    assert p90([7]) == 7


def test_no_values_give_no_figure():
    assert median([]) is None and p90([]) is None


def test_days_between_counts_fractions_and_never_goes_negative():
    received = datetime.datetime(2026, 3, 2, 9, 0)
    assert days_between(received, datetime.datetime(2026, 3, 4, 21, 0)) == 2.5
    assert days_between(received, received - datetime.timedelta(hours=1)) == 0


def test_summaries_per_group_sorted_by_name_without_empty_groups():
    rows = summarize({"post": [1, 2, 3, 10], "email": [4], "upload": []})
    assert [(row.group, row.count, row.median) for row in rows] == [("email", 1, 4), ("post", 4, 2.5)]
    assert rows[1].p90 == pytest.approx(7.9)
