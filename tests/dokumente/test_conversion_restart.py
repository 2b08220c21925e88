"""A conversion queued before a restart completes after it (real portal)."""

import base64
import json
import time

import pytest

from mittelangeln.policy.dokumente.scanimport.generator import scanned_pdf
from mittelangeln.policy.testing.portal_process import Server
from mittelangeln.policy.testing.portal_process import create_site
from mittelangeln.policy.testing.portal_process import fresh_environment
from mittelangeln.policy.testing.portal_process import request


def post(path, payload):
    return request(path, data=json.dumps(payload).encode(), method="POST")


def search(word):
    status, body = request(f"/@search?SearchableText={word}&portal_type=Dokument")
    return json.loads(body)["items_total"]


@pytest.fixture(scope="module")
def restarted(tmp_path_factory):
    logs = tmp_path_factory.mktemp("logs")
    env = fresh_environment()
    env["MITTELANGELN_DEMO"] = "0"
    env["MITTELANGELN_CONVERSION_WORKER"] = "0"
    create_site(env)
    server = Server(env, logs / "without-worker.log")
    try:
        post("", {"@type": "Aktenplan", "id": "aktenplan", "title": "Aktenplan"})
        post("/aktenplan", {"@type": "AktenplanPosition", "id": "6", "title": "Bau", "key": "6", "retention": "10"})
        post(
            "/aktenplan/6",
            {"@type": "Akte", "id": "akte", "title": "Akte", "fachdienst": "Fachdienst IV – Bauen und Umwelt"},
        )
        pdf = scanned_pdf([["Nachtrag", "Schornsteinfegerabnahme bestanden"]], seed=3)
        status, _ = post(
            "/aktenplan/6/akte",
            {
                "@type": "Dokument",
                "id": "scan",
                "title": "Scan",
                "kind": "eingang",
                "file": {
                    "data": base64.b64encode(pdf).decode(),
                    "encoding": "base64",
                    "filename": "scan.pdf",
                    "content-type": "application/pdf",
                },
            },
        )
        assert status == 201
        found_before = search("Schornsteinfegerabnahme")
    finally:
        server.stop()
    env["MITTELANGELN_CONVERSION_WORKER"] = "1"
    env["MITTELANGELN_CONVERSION_INTERVAL"] = "1"
    server = Server(env, logs / "with-worker.log")
    try:
        deadline = time.monotonic() + 120
        found_after = 0
        while time.monotonic() < deadline and not found_after:
            time.sleep(1)
            found_after = search("Schornsteinfegerabnahme")
        page = request("/aktenplan/6/akte/scan", as_admin=True)[1]
    finally:
        log = server.stop()
    return {"before": found_before, "after": found_after, "log": log, "page": page}


def test_not_converted_before_restart(restarted):
    assert restarted["before"] == 0


def test_converted_after_restart(restarted):
    assert restarted["after"] == 1, restarted["log"][-3000:]
    assert "conversion worker started" in restarted["log"]
