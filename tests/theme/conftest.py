"""The screens layer (tests/theme/screens.py) for the tests that walk every
screen.

The layer is a second sandbox on the policy fixture, as the permission
matrix's is; two such sandboxes must not be set up at once (the second
would be built on the first one's content). So the screens layer is not
kept for the session: its tests carry it as their ``layer``, which
zope.pytestlayer keeps set up from one such test to the next and tears down
after the last (tests/conftest.py runs them before the matrix)."""

from pytest_plone import fixtures_factory

from tests.reporting import report_section
from tests.theme.screens import SCREENS_TESTING


globals().update(fixtures_factory(((SCREENS_TESTING, "screens"),), keep_session=False))


def pytest_collection_modifyitems(items):
    for item in items:
        if "screens" in item.fixturenames:
            item.layer = SCREENS_TESTING


def pytest_sessionfinish(session):
    """The per-screen table of axe-core's violations (all impacts), for the
    terminal summary (tests/reporting.py: it also comes from xdist workers)."""
    from tests.theme.axe_report import RESULTS
    from tests.theme.axe_report import table
    from tests.theme.axe_report import write_report

    if not RESULTS:
        return
    lines = table()
    path = write_report()
    if path:
        lines.append(f"Report: {path}")
    report_section("axe-core: WCAG 2.0/2.1 A+AA violations per screen (rules by impact)", lines)
