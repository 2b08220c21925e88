"""The real portal, as `make run` starts it, survives a restart.

Uses bin/instance-restart-test (buildout.cfg): the same instance as
bin/instance with its data in var/restart-test/ and HTTP on port 18080.
"""

import base64
import json
import os
import pathlib
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
INSTANCE = ROOT / "bin" / "instance-restart-test"
DATA = ROOT / "var" / "restart-test"
SITE_URL = "http://localhost:18080/Mittelangeln"
PASSWORD = "Neustart-Test-Passwort-1"


@pytest.fixture(scope="module")
def environment():
    # A fresh database each time; the other directories buildout made stay.
    for directory in ("filestorage", "blobstorage"):
        shutil.rmtree(DATA / directory, ignore_errors=True)
    for directory in ("filestorage", "blobstorage", "instance-restart-test", "log", "cache"):
        (DATA / directory).mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "MITTELANGELN_ADMIN_PASSWORD": PASSWORD, "MITTELANGELN_DEMO": "1"}
    yield env


def create_site(env):
    result = subprocess.run(
        [INSTANCE, "run", ROOT / "scripts" / "create_site.py"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result


def request(path="", data=None, method="GET", auth=True):
    req = urllib.request.Request(SITE_URL + path, method=method, data=data)
    req.add_header("Accept", "application/json" if auth else "text/html")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if auth:
        token = base64.b64encode(f"admin:{PASSWORD}".encode()).decode()
        req.add_header("Authorization", f"Basic {token}")
    with urllib.request.urlopen(req, timeout=60) as response:
        return response.status, response.read().decode("utf-8")


class Server:
    """bin/instance-restart-test fg, stopped like Ctrl-C stops `make run`."""

    def __init__(self, env, log_path):
        self.log_path = log_path
        self.log = open(log_path, "w")
        self.process = subprocess.Popen([INSTANCE, "fg"], env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.output()
            try:
                if request(auth=False)[0] == 200:
                    return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        raise AssertionError("server did not answer within 180 s:\n" + self.output())

    def output(self):
        self.log.flush()
        return pathlib.Path(self.log_path).read_text()

    def stop(self):
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=60)
        self.log.close()
        return pathlib.Path(self.log_path).read_text()


@pytest.fixture(scope="module")
def restarted(environment, tmp_path_factory):
    logs = tmp_path_factory.mktemp("logs")
    first_setup = create_site(environment)
    server = Server(environment, logs / "first.log")
    document = {"@type": "Document", "id": "notiz", "title": "Notiz vor dem Neustart"}
    status, _ = request(data=json.dumps(document).encode(), method="POST")
    assert status == 201
    first_log = server.stop()
    second_setup = create_site(environment)
    server = Server(environment, logs / "second.log")
    yield {
        "first_setup": first_setup.stdout,
        "second_setup": second_setup.stdout,
        "first_log": first_log,
        "server": server,
    }
    server.stop()


def test_first_run_creates_the_site(restarted):
    assert "Website 'Mittelangeln' (Amt Mittelangeln) angelegt." in restarted["first_setup"]


def test_second_run_does_not_recreate_the_site(restarted):
    assert "besteht bereits, nichts neu angelegt" in restarted["second_setup"]


def test_content_survives_restart(restarted):
    status, body = request("/notiz")
    assert status == 200
    assert json.loads(body)["title"] == "Notiz vor dem Neustart"


def test_front_page_is_german(restarted):
    status, body = request(auth=False)
    assert status == 200
    assert "<title>Amt Mittelangeln</title>" in body
    assert "Anmelden" in body


def test_startup_log_has_no_import_error(restarted):
    log = restarted["first_log"] + restarted["server"].output()
    assert "Serving on" in log or "serving on" in log.lower()
    assert "ImportError" not in log
    assert "Traceback" not in log
