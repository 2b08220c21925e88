"""The screens layer (tests/theme/screens.py) for the tests that walk every
screen."""

from pytest_plone import fixtures_factory

from tests.theme.screens import SCREENS_TESTING


globals().update(fixtures_factory(((SCREENS_TESTING, "screens"),)))


def pytest_terminal_summary(terminalreporter):
    """The per-screen table of axe-core's violations (all impacts)."""
    from tests.theme.axe_report import RESULTS
    from tests.theme.axe_report import table
    from tests.theme.axe_report import write_report

    if not RESULTS:
        return
    terminalreporter.section("axe-core: WCAG 2.0/2.1 A+AA violations per screen (rules by impact)")
    for line in table():
        terminalreporter.write_line(line)
    path = write_report()
    if path:
        terminalreporter.write_line(f"Report: {path}")
