"""The screens layer (tests/theme/screens.py) for the tests that walk every
screen."""

from pytest_plone import fixtures_factory

from tests.theme.screens import SCREENS_TESTING


globals().update(fixtures_factory(((SCREENS_TESTING, "screens"),)))
