"""Property-based test of @oeffentliche-dokumente driven by its published
OpenAPI description (schemathesis, every check, positive and negative data,
against the functional test server); and the same run fails when the
description promises what the code does not do."""

import json
import re
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner
from schemathesis.cli import schemathesis as schemathesis_cli

from mittelangeln.policy.homepage.feed.query import MAX_BATCH


DESCRIPTION = "oeffentliche-dokumente-openapi.json"
SETTINGS = Path(__file__).with_name("schemathesis.toml")


def fuzz(location, *options):
    """Run ``schemathesis run`` in this process against the test server:
    (exit code, report)."""
    result = CliRunner().invoke(
        schemathesis_cli,
        [
            f"--config-file={SETTINGS}",
            "run",
            location,
            "--checks=all",
            "--mode=all",
            "--phases=examples,coverage,fuzzing",
            "--max-examples=60",
            "--seed=20261129",
            "--workers=1",
            "--generation-database=none",
            "--request-timeout=30",
            "--no-color",
            *options,
        ],
        catch_exceptions=False,
    )
    return result.exit_code, result.output


def test_the_feed_keeps_every_promise_of_its_description(documents):
    portal = documents["portal"]
    exit_code, report = fuzz(f"{portal.absolute_url()}/{DESCRIPTION}")
    assert exit_code == 0, report
    assert re.search(r"Operations: +2 selected / 2 total", report), report
    generated = int(re.search(r"(\d+) generated, \1 passed", report).group(1))
    assert generated > 100, report
    print(f"OpenAPI fuzz: {generated} generated requests, all checks passed")


@pytest.mark.parametrize(
    "promise, failed_check",
    [
        # A larger page than the code serves: valid data rejected.
        (lambda spec: listing_parameter(spec, "b_size")["schema"].update(maximum=MAX_BATCH * 10), "accepted"),
        # "von" as free text: the code answers 400 to what the description allows.
        (lambda spec: listing_parameter(spec, "von")["schema"].pop("format"), "accepted"),
        # An error body without the "parameter" the code sends.
        (
            lambda spec: error_schema(spec).update(additionalProperties=False, required=["type", "message", "code"]),
            "schema",
        ),
    ],
    ids=["b_size-maximum", "von-not-a-date", "error-shape"],
)
def test_disagreement_between_description_and_code_fails(documents, tmp_path, promise, failed_check):
    portal = documents["portal"]
    spec = fetch_description(portal)
    promise(spec)
    location = tmp_path / "openapi.json"
    location.write_text(json.dumps(spec), encoding="utf-8")
    exit_code, report = fuzz(str(location), f"--url={portal.absolute_url()}", "--max-failures=1")
    assert exit_code != 0, report
    assert failed_check in report.lower(), report


def listing_parameter(spec, name):
    parameters = spec["paths"]["/@oeffentliche-dokumente"]["get"]["parameters"]
    return next(parameter for parameter in parameters if parameter["name"] == name)


def error_schema(spec):
    return spec["components"]["schemas"]["Fehler"]["properties"]["error"]


def fetch_description(portal):
    response = requests.get(f"{portal.absolute_url()}/{DESCRIPTION}", timeout=30)
    assert response.status_code == 200
    return response.json()
