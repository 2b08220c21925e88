"""The form rate limit on SQLite and PostgreSQL alike."""

import hashlib

import pytest
from plone import api

from mittelangeln.policy.onlineforms.rate_limit import SubmissionLimit


@pytest.fixture
def two_per_hour(portal, backend):
    api.portal.set_registry_record("mittelangeln.form_submissions_per_hour", 2)


def test_an_address_is_limited_after_the_allowed_count(two_per_hour):
    limit = SubmissionLimit()
    for _ in range(2):
        assert not limit.exceeded("192.0.2.1")
        limit.record("192.0.2.1")
    assert limit.exceeded("192.0.2.1")
    assert not limit.exceeded("192.0.2.2")


def test_two_limit_objects_count_together(two_per_hour):
    SubmissionLimit().record("198.51.100.7")
    SubmissionLimit().record("198.51.100.7")
    assert SubmissionLimit().exceeded("198.51.100.7")


def test_addresses_are_stored_only_as_keyed_hashes(two_per_hour):
    limit = SubmissionLimit()
    limit.record("203.0.113.9")
    with limit.store.transaction() as cursor:
        (stored,) = cursor.execute("SELECT address FROM submissions").fetchall()
        (secret,) = cursor.execute("SELECT value FROM secrets").fetchall()
    assert "203.0.113.9" not in stored[0]
    assert len(secret[0]) == 64
    assert stored[0] != hashlib.sha256(b"203.0.113.9").hexdigest()[:24]  # not found by trying addresses
