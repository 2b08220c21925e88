"""pytest-plone fixtures for the integration and functional layers."""

import pytest
from pytest_plone import fixtures_factory

from mittelangeln.policy.testing import FUNCTIONAL_TESTING
from mittelangeln.policy.testing import INTEGRATION_TESTING

pytest_plugins = ["pytest_plone"]

globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)


@pytest.fixture
def package_name() -> str:
    return "mittelangeln.policy"
