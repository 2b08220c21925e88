"""Two clerks filing Akten at the same moment get two different numbers.

Real concurrent transactions: two threads post Akten through the REST API of
the running portal (4 worker threads) into the same plan position at once.
"""

import json
import threading
import urllib.error

import pytest

from mittelangeln.policy.testing.portal_process import Server
from mittelangeln.policy.testing.portal_process import create_site
from mittelangeln.policy.testing.portal_process import fresh_environment
from mittelangeln.policy.testing.portal_process import request


THREADS = 2
PER_THREAD = 50


def post(path, payload):
    return request(path, data=json.dumps(payload).encode(), method="POST")


@pytest.fixture(scope="module")
def filed(tmp_path_factory):
    env = fresh_environment()
    env["MITTELANGELN_DEMO"] = "0"
    create_site(env)
    server = Server(env, tmp_path_factory.mktemp("logs") / "server.log")
    try:
        post("", {"@type": "Aktenplan", "id": "aktenplan", "title": "Aktenplan"})
        post("/aktenplan", {"@type": "AktenplanPosition", "id": "6", "title": "Bau", "key": "6", "retention": "10"})
        results, errors = [], []

        def clerk(name):
            for i in range(PER_THREAD):
                try:
                    status, body = post(
                        "/aktenplan/6",
                        {"@type": "Akte", "title": f"{name} {i}", "fachdienst": "Fachdienst IV – Bauen und Umwelt"},
                    )
                    results.append((status, json.loads(body)["aktenzeichen"]))
                except urllib.error.HTTPError as error:
                    errors.append((error.code, error.read()[:500]))

        threads = [threading.Thread(target=clerk, args=(f"Sachbearbeitung {n}",)) for n in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.stop()
    return {"results": results, "errors": errors}


def test_every_creation_succeeds(filed):
    assert filed["errors"] == []
    assert len(filed["results"]) == THREADS * PER_THREAD
    assert {status for status, _ in filed["results"]} == {201}


def test_numbers_are_distinct(filed):
    numbers = [aktenzeichen for _, aktenzeichen in filed["results"]]
    assert len(set(numbers)) == THREADS * PER_THREAD
    assert all(n.startswith("6/") for n in numbers)
