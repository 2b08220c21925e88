"""The cluster: PostgreSQL, N Zope instances on RelStorage and HAProxy.

Buildout writes one instance configuration (parts/instance-cluster/etc/:
zope.conf and wsgi.ini, node 1 of var/cluster/). Every node K gets a copy in
``<var>/node-K/etc/`` with its own port (the balancer's port + K), data
directory (client home, logs, blob cache) and the cluster's PostgreSQL.
The values to replace are read from the buildout's files, so buildout.cfg
stays their only source.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from mittelangeln.policy.cluster.haproxy import Balancer
from mittelangeln.policy.cluster.postgres import Postgres


# The checkout: src/mittelangeln/policy/cluster/ is four levels below it.
ROOT = Path(__file__).resolve().parents[4]
TEMPLATE_DIR = ROOT / "parts" / "instance-cluster" / "etc"
SCRIPT = ROOT / "bin" / "instance-cluster"
HEALTH_PATH = "/@@health"
STARTED_FILE = "started.json"


class ClusterError(RuntimeError):
    """Something of the cluster did not start; the message says what (German)."""


@dataclass(frozen=True)
class Template:
    """The buildout's instance configuration and the values it was made for."""

    zope_conf: str
    wsgi_ini: str
    node_dir: str
    client_home_name: str
    var: str
    http_port: int
    postgres_port: int

    @classmethod
    def read(cls, directory=TEMPLATE_DIR):
        directory = Path(directory)
        try:
            zope_conf = (directory / "zope.conf").read_text()
            wsgi_ini = (directory / "wsgi.ini").read_text()
        except FileNotFoundError:
            raise ClusterError(f"Keine Cluster-Konfiguration in {directory}: bitte zuerst buildout ausführen.")
        client_home = Path(_match(r"^%define CLIENTHOME (\S+)$", zope_conf, "CLIENTHOME"))
        node_dir = client_home.parent
        return cls(
            zope_conf=zope_conf,
            wsgi_ini=wsgi_ini,
            node_dir=str(node_dir),
            client_home_name=client_home.name,
            var=str(node_dir.parent),
            http_port=int(_match(r"^fast-listen = 127\.0\.0\.1:(\d+)$", wsgi_ini, "fast-listen")),
            postgres_port=int(_match(r"\bport=(\d+)", zope_conf, "port")),
        )


def _match(pattern, text, what):
    found = re.search(pattern, text, re.MULTILINE)
    if not found:
        raise ClusterError(f"Cluster-Konfiguration unvollständig: {what} fehlt.")
    return found.group(1)


def localise_wsgi_ini(text, port, zope_conf):
    """A generated wsgi.ini listening on 127.0.0.1:``port`` with ``zope_conf``."""
    text = re.sub(r"^fast-listen = .*$", f"fast-listen = 127.0.0.1:{port}", text, flags=re.MULTILINE)
    return re.sub(r"^zope_conf = .*$", f"zope_conf = {zope_conf}", text, flags=re.MULTILINE)


def write_instance_script(template_script, template_etc, etc, target):
    """Buildout's instance script ``template_script`` reading zope.conf and
    wsgi.ini from ``etc`` instead of ``template_etc`` (its -C and -w cannot
    be given twice on the command line), written executable to ``target``."""
    script = Path(template_script).read_text()
    for name in ("zope.conf", "wsgi.ini"):
        script = script.replace(repr(str(Path(template_etc) / name)), repr(str(Path(etc) / name)))
    target.write_text(script)
    target.chmod(0o755)


class Node:
    """One Zope instance of the cluster."""

    def __init__(self, cluster, number):
        self.cluster = cluster
        self.number = number
        self.directory = cluster.var / f"node-{number}"
        self.port = cluster.http_port + number
        self.url = f"http://127.0.0.1:{self.port}"
        self.zope_conf = self.directory / "etc" / "zope.conf"
        self.wsgi_ini = self.directory / "etc" / "wsgi.ini"
        self.script = self.directory / "etc" / "instance"
        self.log = self.directory / "log" / "console.log"
        self.process = None

    def write_configuration(self):
        template = self.cluster.template
        node_dir = str(self.directory)

        def localise(text):
            text = text.replace(template.node_dir, node_dir)
            text = text.replace(f"{template.var}/run", str(self.cluster.postgres.socket_dir))
            return re.sub(r"\bport=\d+", f"port={self.cluster.postgres.port}", text)

        for name in ("etc", "log", "cache", "blobcache", template.client_home_name):
            (self.directory / name).mkdir(parents=True, exist_ok=True)
        zope_conf = localise(template.zope_conf)
        wsgi_ini = localise(template.wsgi_ini)
        wsgi_ini = localise_wsgi_ini(wsgi_ini, self.port, self.zope_conf)
        self.zope_conf.write_text(zope_conf)
        self.wsgi_ini.write_text(wsgi_ini)
        write_instance_script(SCRIPT, self.cluster.template_dir, self.zope_conf.parent, self.script)

    def command(self, *arguments):
        return [str(self.script), *arguments]

    def run_script(self, script, env=None, timeout=600, arguments=(), capture=True):
        """`bin/instance-cluster run script arguments...` with this node's
        configuration; returns its output (None with capture=False: the
        script writes to this process's terminal), raises ClusterError on
        failure."""
        self.write_configuration()
        result = subprocess.run(
            self.command("run", str(script), *map(str, arguments)),
            env=env or os.environ.copy(),
            capture_output=capture,
            text=True,
            timeout=timeout,
            cwd=ROOT,
        )
        if result.returncode != 0:
            output = f":\n{result.stdout}{result.stderr}" if capture else f" (Exit-Code {result.returncode})"
            raise ClusterError(f"{script} auf Knoten {self.number} fehlgeschlagen{output}")
        return result.stdout

    def run_source(self, source, env=None, timeout=600):
        """run_script for a script given as text."""
        script = self.directory / "etc" / f"script-{time.monotonic_ns()}.py"
        script.parent.mkdir(parents=True, exist_ok=True)
        script.write_text(source)
        try:
            return self.run_script(script, env, timeout)
        finally:
            script.unlink(missing_ok=True)

    def start(self, env=None):
        """Start the instance in a process group of its own (stop and kill
        reach the whole group: bin/instance-cluster runs Zope as a child)."""
        self.write_configuration()
        log = open(self.log, "a")
        self.process = subprocess.Popen(
            self.command("console"),
            env=env or os.environ.copy(),
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            start_new_session=True,
        )
        log.close()
        (self.directory / "node.pid").write_text(str(self.process.pid))

    def pid(self):
        if self.process is not None:
            return self.process.pid
        try:
            return int((self.directory / "node.pid").read_text())
        except (FileNotFoundError, ValueError):
            return None

    def is_running(self):
        pid = self.pid()
        if pid is None:
            return False
        if self.process is not None:
            return self.process.poll() is None
        # A pid file of an earlier run: only if that process is this node's.
        # bin/instance-cluster console replaces itself (execve) by the Zope
        # process, whose command line names the node's wsgi.ini.
        try:
            return str(self.directory).encode() in Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return False

    def health(self, timeout=5):
        """(HTTP status, JSON answer) of the node's health view; (None, None)
        when it does not answer."""
        try:
            with urllib.request.urlopen(self.url + HEALTH_PATH, timeout=timeout) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, _json_or_none(error.read())
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            return None, None

    def wait_until_healthy(self, timeout=240):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.is_running():
                raise ClusterError(f"Knoten {self.number} hat sich beendet:\n{self.output()}")
            if self.health()[0] == 200:
                return
            time.sleep(0.5)
        raise ClusterError(f"Knoten {self.number} antwortet nicht gesund nach {timeout} s:\n{self.output()}")

    def output(self, tail=6000):
        try:
            return self.log.read_text(errors="replace")[-tail:]
        except FileNotFoundError:
            return ""

    def kill(self, signal_number=signal.SIGKILL):
        pid = self.pid()
        if pid is None or not self.is_running():
            return
        try:
            os.killpg(pid, signal_number)
        except ProcessLookupError:
            pass
        if signal_number == signal.SIGKILL and self.process is not None:
            self.process.wait()

    def stop(self, timeout=60):
        """Stop like Ctrl-C stops `make run`; kill the group after timeout."""
        if not self.is_running():
            return
        self.kill(signal.SIGINT)
        deadline = time.monotonic() + timeout
        while self.is_running() and time.monotonic() < deadline:
            time.sleep(0.2)
        if self.is_running():
            self.kill(signal.SIGKILL)
        (self.directory / "node.pid").unlink(missing_ok=True)


def _json_or_none(body):
    try:
        return json.loads(body)
    except ValueError:
        return None


class Cluster:
    """PostgreSQL, nodes 1..N and HAProxy under one var directory."""

    def __init__(self, var=None, http_port=None, postgres_port=None, template_dir=TEMPLATE_DIR):
        self.template_dir = Path(template_dir)
        self.template = Template.read(template_dir)
        self.var = Path(var or self.template.var).resolve()
        self.http_port = int(http_port or self.template.http_port - 1)
        self.url = f"http://127.0.0.1:{self.http_port}"
        self.postgres = Postgres(self.var, postgres_port or self.template.postgres_port)
        self.balancer = Balancer(self.var, self.http_port)
        self._nodes = {}

    def node(self, number):
        if number not in self._nodes:
            self._nodes[number] = Node(self, number)
        return self._nodes[number]

    def running_nodes(self):
        """Numbers of the nodes whose process runs (from their pid files,
        also for nodes another process started)."""
        numbers = []
        for directory in self.var.glob("node-*"):
            number = directory.name.removeprefix("node-")
            if number.isdigit() and self.node(int(number)).is_running():
                numbers.append(int(number))
        return sorted(numbers)

    def start(self, instances=2, env=None, node_env=None, prepare=None):
        """Start PostgreSQL unless it runs, call ``prepare(cluster)`` (e.g. to
        create the site), start nodes 1..instances unless they run, and
        HAProxy; wait until all are healthy. ``node_env(number)`` may give a
        node environment of its own. Adds what it started to the record that
        stop() follows (a second start of a running cluster keeps the first's
        record)."""
        previous = self._recorded()
        started = {
            "postgres": self.postgres.start() or previous.get("postgres", False),
            "nodes": list(previous.get("nodes", [])),
            "balancer": previous.get("balancer", False),
        }
        self.record(started)
        if prepare is not None:
            prepare(self)
        nodes = [self.node(number) for number in range(1, instances + 1)]
        for node in nodes:
            if node.is_running():
                continue
            node.start(env=(node_env(node.number) if node_env else env))
            if node.number not in started["nodes"]:
                started["nodes"].append(node.number)
            self.record(started)
        for node in nodes:
            node.wait_until_healthy()
        started["balancer"] = self.balancer.start([node.port for node in nodes]) or started["balancer"]
        self.record(started)
        return started

    def stop(self):
        """Stop what start() started (from its record): HAProxy, the nodes,
        then PostgreSQL."""
        record = self._recorded()
        if record.get("balancer"):
            self.balancer.stop()
        for number in record.get("nodes", []):
            self.node(number).stop()
        if record.get("postgres"):
            self.postgres.stop()
        (self.var / STARTED_FILE).unlink(missing_ok=True)

    def destroy(self):
        """Stop every process of this cluster (also those an interrupted run
        left) and delete its data: tests and benchmarks start afresh."""
        self.stop()
        for number in self.running_nodes():
            self.node(number).stop()
        self.balancer.stop()
        if self.postgres.is_running():
            self.postgres.stop("immediate")
        shutil.rmtree(self.var, ignore_errors=True)

    def record(self, started):
        self.var.mkdir(parents=True, exist_ok=True)
        (self.var / STARTED_FILE).write_text(json.dumps(started))

    def _recorded(self):
        try:
            return json.loads((self.var / STARTED_FILE).read_text())
        except (FileNotFoundError, ValueError):
            return {}
