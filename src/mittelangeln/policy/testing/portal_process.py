"""Drive bin/instance-test, the real portal as `make run` starts it.

bin/instance-test (buildout.cfg) is bin/instance with its data in
var/instance-test/ and HTTP on port 18080.
"""

import base64
import os
import pathlib
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request

from mittelangeln.policy.cluster.nodes import Cluster


# The checkout: src/mittelangeln/policy/testing/ is four levels below it.
ROOT = pathlib.Path(__file__).resolve().parents[4]
INSTANCE = ROOT / "bin" / "instance-test"
DATA = ROOT / "var" / "instance-test"
SITE_URL = "http://localhost:18080/Mittelangeln"
ADMIN_PASSWORD = "Funktionstest-Passwort-1"


def fresh_environment():
    """Empty database and blobs; the other directories buildout made stay."""
    for directory in ("filestorage", "blobstorage"):
        shutil.rmtree(DATA / directory, ignore_errors=True)
    for directory in ("filestorage", "blobstorage", "instance-test", "log", "cache"):
        (DATA / directory).mkdir(parents=True, exist_ok=True)
    return {**os.environ, "MITTELANGELN_ADMIN_PASSWORD": ADMIN_PASSWORD, "MITTELANGELN_DEMO": "1"}


def fresh_cluster(name, http_port, postgres_port):
    """A cluster in var/<name>/ with no data; whatever an interrupted run
    left there (processes, files) is stopped and removed first."""
    cluster = Cluster(var=ROOT / "var" / name, http_port=http_port, postgres_port=postgres_port)
    cluster.destroy()
    return cluster


def cluster_environment(**variables):
    """Environment of cluster nodes in tests: known admin password, demo
    content, no periodic tasks; ``variables`` on top."""
    return {
        **os.environ,
        "MITTELANGELN_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "MITTELANGELN_DEMO": "1",
        "MITTELANGELN_PERIODIC_TASKS": "0",
        **variables,
    }


def run_script(env, script):
    """`bin/instance-test run script`; returns stdout, fails on errors."""
    result = subprocess.run([INSTANCE, "run", script], env=env, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def create_site(env):
    return run_script(env, ROOT / "scripts" / "create_site.py")


def request(path="", data=None, method="GET", as_admin=True, site_url=SITE_URL, credentials=None, accept=None):
    """(status, body) of a request to the site; ``credentials`` (login,
    password) instead of the admin's; an error status raises HTTPError."""
    req = urllib.request.Request(site_url + path, method=method, data=data)
    req.add_header("Accept", accept or ("application/json" if as_admin or credentials else "text/html"))
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if as_admin or credentials:
        login, password = credentials or ("admin", ADMIN_PASSWORD)
        token = base64.b64encode(f"{login}:{password}".encode()).decode()
        req.add_header("Authorization", f"Basic {token}")
    with urllib.request.urlopen(req, timeout=60) as response:
        return response.status, response.read().decode("utf-8")


def status_of(path="", **arguments):
    """The HTTP status of request(...), also for an error status."""
    try:
        return request(path, **arguments)[0]
    except urllib.error.HTTPError as error:
        return error.code


def restore_sigint():
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Server:
    """bin/instance-test console, stopped with SIGINT like Ctrl-C stops `make run`."""

    def __init__(self, env, log_path):
        self.log_path = pathlib.Path(log_path)
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [INSTANCE, "console"],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            # A test run started in the background (nohup, `cmd &` in a script)
            # inherits an ignored SIGINT, and the portal would not stop on it.
            preexec_fn=restore_sigint,
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.output()
            try:
                if request(as_admin=False)[0] == 200:
                    return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        self.stop()
        raise AssertionError("server did not answer within 180 s:\n" + self.output())

    def output(self):
        self.log.flush()
        return self.log_path.read_text()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                # Never leave a portal on the test port for the next tests.
                self.process.kill()
                self.process.wait()
                raise
        self.log.close()
        return self.log_path.read_text()
