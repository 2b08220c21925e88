"""Sections for pytest's terminal summary that also arrive from pytest-xdist
workers: tests and conftest hooks call ``report_section``; tests/conftest.py
sends a worker's sections to the controller (``config.workeroutput``) and
prints them all at the end of the run.

A worker's own terminal summary is never shown, so a summary hook that reads
module-level results would print nothing under ``make test`` (-n 2);
conftest hooks that sum up results call ``report_section`` in their
``pytest_sessionfinish`` instead."""

WORKEROUTPUT_KEY = "mittelangeln_report_sections"

# {"title": str, "lines": [str]} in the order they were added (JSON-serialisable)
SECTIONS = []


def report_section(title, lines):
    """Show ``lines`` under ``title`` in the terminal summary of the run."""
    SECTIONS.append({"title": str(title), "lines": [str(line) for line in lines]})
