"""Fixtures of the security tests: the permission-matrix layer (content of
every kind, one user per group) and the probe count in the summary."""

from pytest_plone import fixtures_factory

from tests.reporting import report_section
from tests.security.matrix_content import MATRIX_TESTING


globals().update(fixtures_factory(((MATRIX_TESTING, "matrix"),)))


PROBES = []  # (principal, kind, channel, expected, actual) of every matrix probe
VIEW_PROBES = []  # every request of the generated view probe, as principals without access
VIEW_PROBES_WITH_ACCESS = []  # ... and as principals who may see the object (no 5xx)


def pytest_sessionfinish(session):
    """The probe counts for the terminal summary (tests/reporting.py: they
    also come from xdist workers)."""
    lines = []
    if VIEW_PROBES or VIEW_PROBES_WITH_ACCESS:
        lines.append(
            f"View probe: {len(VIEW_PROBES)} requests as principals without access, "
            f"{len(VIEW_PROBES_WITH_ACCESS)} as principals with access"
        )
    if PROBES:
        unexpected_allows = sum(1 for *_, expected, actual in PROBES if actual and not expected)
        unexpected_denies = sum(1 for *_, expected, actual in PROBES if expected and not actual)
        lines.append(
            f"Permission matrix: {len(PROBES)} probes, {unexpected_allows} unexpected allows, "
            f"{unexpected_denies} unexpected denies"
        )
    if lines:
        report_section("Permission matrix and view probe", lines)
