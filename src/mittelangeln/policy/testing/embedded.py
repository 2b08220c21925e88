"""A portal of the embedded configuration (FileStorage, blobs, SQLite) in
a directory and on a port of its own, for tests that must not share
var/instance-test and port 18080 (the restore drill, the migration)."""

import os
import signal
import subprocess
import time
import urllib.error

from mittelangeln.policy.cluster.nodes import localise_wsgi_ini
from mittelangeln.policy.cluster.nodes import write_instance_script
from mittelangeln.policy.testing.portal_process import ROOT
from mittelangeln.policy.testing.portal_process import request


class EmbeddedPortal:
    """bin/instance-test's configuration (FileStorage, blobs, SQLite in the
    client home) with its data in ``var`` and HTTP on ``port``: the drill
    does not touch var/instance-test, which other tests use."""

    TEMPLATE_VAR = ROOT / "var" / "instance-test"
    TEMPLATE_ETC = ROOT / "parts" / "instance-test" / "etc"
    TEMPLATE_SCRIPT = ROOT / "bin" / "instance-test"

    def __init__(self, var, port):
        self.var = var
        self.port = port
        self.filestorage = var / "filestorage" / "Data.fs"
        self.blobs = var / "blobstorage"
        self.site_url = f"http://127.0.0.1:{port}/Mittelangeln"
        self.etc = var / "etc"
        self.script = self.etc / "instance"
        self.process = None

    def write_configuration(self):
        for name in ("etc", "filestorage", "blobstorage", "instance-test", "log", "cache"):
            (self.var / name).mkdir(parents=True, exist_ok=True)
        for name in ("zope.conf", "wsgi.ini"):
            text = (self.TEMPLATE_ETC / name).read_text().replace(str(self.TEMPLATE_VAR), str(self.var))
            (self.etc / name).write_text(localise_wsgi_ini(text, self.port, self.etc / "zope.conf"))
        write_instance_script(self.TEMPLATE_SCRIPT, self.TEMPLATE_ETC, self.etc, self.script)

    def run_source(self, source, env):
        path = self.etc / f"script-{time.monotonic_ns()}.py"
        path.write_text(source)
        try:
            return self.run_script(path, env)
        finally:
            path.unlink()

    def run_script(self, path, env):
        result = subprocess.run(
            [self.script, "run", path], env=env, capture_output=True, text=True, timeout=600, cwd=ROOT
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def start(self, env, timeout=300):
        self.log = self.var / "log" / "console.log"
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(
                [self.script, "console"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.output()
            try:
                if request(as_admin=False, site_url=self.site_url)[0] == 200:
                    return
            except (urllib.error.URLError, OSError):  # not listening yet, or busy starting
                time.sleep(0.5)
        self.stop()
        raise AssertionError(f"Portal antwortet nicht nach {timeout} s:\n{self.output()}")

    def output(self):
        return self.log.read_text(errors="replace")[-6000:]

    def stop(self, timeout=60):
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
