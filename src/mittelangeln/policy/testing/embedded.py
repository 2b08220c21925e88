"""A portal of the embedded configuration (FileStorage, blobs, SQLite) in
a directory and on a port of its own, for tests that must not share
var/instance-test and port 18080 (the restore drill, the migration)."""

import os
import re
import signal
import subprocess
import time
import urllib.error

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
            text = re.sub(r"^fast-listen = .*$", f"fast-listen = 127.0.0.1:{self.port}", text, flags=re.MULTILINE)
            text = re.sub(r"^zope_conf = .*$", f"zope_conf = {self.etc / 'zope.conf'}", text, flags=re.MULTILINE)
            (self.etc / name).write_text(text)
        script = self.TEMPLATE_SCRIPT.read_text()
        for name in ("zope.conf", "wsgi.ini"):
            script = script.replace(repr(str(self.TEMPLATE_ETC / name)), repr(str(self.etc / name)))
        self.script.write_text(script)
        self.script.chmod(0o755)

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
