"""The real portal survives a restart: `make run` twice."""

import json

import pytest

from mittelangeln.policy.testing.portal_process import Server
from mittelangeln.policy.testing.portal_process import create_site
from mittelangeln.policy.testing.portal_process import fresh_environment
from mittelangeln.policy.testing.portal_process import request


@pytest.fixture(scope="module")
def restarted(tmp_path_factory):
    logs = tmp_path_factory.mktemp("logs")
    env = fresh_environment()
    first_setup = create_site(env)
    server = Server(env, logs / "first.log")
    document = {"@type": "Document", "id": "notiz", "title": "Notiz vor dem Neustart"}
    try:
        status, _ = request(data=json.dumps(document).encode(), method="POST")
    finally:
        first_log = server.stop()
    assert status == 201
    second_setup = create_site(env)
    server = Server(env, logs / "second.log")
    yield {"first_setup": first_setup, "second_setup": second_setup, "first_log": first_log, "server": server}
    server.stop()


def test_first_run_creates_the_site(restarted):
    assert "Website 'Mittelangeln' (Amt Mittelangeln) angelegt." in restarted["first_setup"]


def test_second_run_does_not_recreate_the_site(restarted):
    assert "besteht bereits, nichts neu angelegt" in restarted["second_setup"]
    assert "angelegt." not in restarted["second_setup"].replace("nichts neu angelegt.", "")


def test_content_survives_restart(restarted):
    status, body = request("/notiz")
    assert status == 200
    assert json.loads(body)["title"] == "Notiz vor dem Neustart"


def test_front_page_is_german(restarted):
    status, body = request(as_admin=False)
    assert status == 200
    assert "<title>Amt Mittelangeln</title>" in body
    assert 'lang="de"' in body
    assert "Anmelden" in body


def test_startup_log_has_no_import_error(restarted):
    log = restarted["first_log"] + restarted["server"].output()
    assert "Serving on http://0.0.0.0:18080" in log
    assert "ImportError" not in log
    assert "Traceback" not in log
