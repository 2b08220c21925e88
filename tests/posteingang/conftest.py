"""Fixtures of the Posteingang tests: PDFs and a delivery factory."""

import pytest

from mittelangeln.policy.posteingang.intake import Delivery
from mittelangeln.policy.posteingang.intake import IncomingFile
from mittelangeln.policy.textpdf import text_pdf
from tests.reporting import report_section


@pytest.fixture(scope="session")
def letter_pdf():
    return text_pdf([["Bauantrag Mühlenweg 3 Sörup", "Sehr geehrte Damen und Herren"], ["Anlage Lageplan"]])


@pytest.fixture
def delivery(letter_pdf):
    def make(subject="Bauantrag Mühlenweg 3", files=None, **fields):
        files = files if files is not None else [IncomingFile("brief.pdf", letter_pdf)]
        return Delivery(channel=fields.pop("channel", "post"), subject=subject, files=files, **fields)

    return make


def pytest_sessionfinish(session):
    """How many hostile inputs (tests/posteingang/hostile.py) were refused
    and taken, per family and intake path, for the terminal summary
    (tests/reporting.py: also from xdist workers)."""
    from tests.posteingang.hostile import RESULTS

    if not RESULTS:
        return
    totals = {}
    for family, path, _key, outcome in RESULTS:
        counts = totals.setdefault((family, path), {"refused": 0, "accepted": 0})
        counts[outcome] += 1
    inputs = len({(family, key) for family, _path, key, _outcome in RESULTS})
    lines = [f"{inputs} distinct, {len(RESULTS)} runs"]
    for (family, path), counts in sorted(totals.items()):
        lines.append(
            f"  {family} via {path}: {sum(counts.values())} inputs, "
            f"{counts['refused']} refused, {counts['accepted']} accepted"
        )
    report_section("Hostile inputs", lines)
