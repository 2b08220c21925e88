"""HAProxy (Debian's package) in front of the cluster's instances.

Round robin without stickiness: the portal keeps no session state in an
instance (authentication is a signed cookie, the ZODB and the shared state
live in PostgreSQL). A node is taken out after two failed health checks and
back after two good ones. A request is sent again to another node only when
the connection failed (HAProxy's default ``retry-on conn-failure``): a form
submission that reached an instance is never sent twice.
"""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path


CONFIGURATION = """\
# Written by bin/cluster (mittelangeln.policy.cluster.haproxy); do not edit.
global
    maxconn 512
    stats socket {socket} mode 600 level admin

defaults
    mode http
    option forwardfor
    option redispatch
    retries 3
    timeout connect 5s
    timeout client 300s
    timeout server 300s
    timeout check 5s

frontend portal
    bind {bind}:{port}
    # The client's address is the one HAProxy sees, never one it was told.
    http-request del-header X-Forwarded-For
    default_backend instances

backend instances
    balance roundrobin
    option httpchk GET {health}
    http-check expect status 200
    default-server inter 2s fall 2 rise 2
{servers}
"""


class Balancer:
    def __init__(self, var, port, bind="127.0.0.1", health_path="/@@health"):
        self.var = Path(var)
        self.port = int(port)
        self.bind = bind
        self.health_path = health_path
        # A directory of its own: var/run and var/log belong to PostgreSQL's
        # user when root runs the cluster.
        self.directory = self.var / "haproxy"
        self.config = self.directory / "haproxy.cfg"
        self.pid_file = self.directory / "haproxy.pid"
        self.socket = self.directory / "haproxy.sock"
        self.log = self.directory / "haproxy.log"

    def write_configuration(self, node_ports):
        servers = "\n".join(f"    server node-{n} 127.0.0.1:{port} check" for n, port in enumerate(node_ports, 1))
        self.config.write_text(
            CONFIGURATION.format(
                socket=self.socket, bind=self.bind, port=self.port, health=self.health_path, servers=servers
            )
        )

    def pid(self):
        """The pid of this balancer's HAProxy, if it runs (a pid file left by
        a crash may name another process by now)."""
        try:
            pid = int(self.pid_file.read_text())
            command_line = Path(f"/proc/{pid}/cmdline").read_bytes()
        except (OSError, ValueError):
            return None
        return pid if b"haproxy" in command_line and str(self.config).encode() in command_line else None

    def is_running(self):
        return self.pid() is not None

    def start(self, node_ports):
        """Start HAProxy for these nodes unless it runs (then reload it with
        them); True if this call started it."""
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.write_configuration(node_ports)
        check = subprocess.run(["haproxy", "-c", "-q", "-f", self.config], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"HAProxy-Konfiguration fehlerhaft: {check.stderr or check.stdout}")
        running = self.pid()
        command = ["haproxy", "-D", "-f", str(self.config), "-p", str(self.pid_file)]
        if running:
            command += ["-sf", str(running)]  # take over from the running one
        with open(self.log, "a") as log:
            subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, check=True)
        return running is None

    def stop(self, timeout=20):
        pid = self.pid()
        if pid is None:
            return
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while self.pid() and time.monotonic() < deadline:
            time.sleep(0.1)
        self.pid_file.unlink(missing_ok=True)

    def command(self, text):
        """A command to HAProxy's runtime API (e.g. "show stat")."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(str(self.socket))
            connection.sendall(text.encode() + b"\n")
            chunks = []
            while chunk := connection.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def server_states(self):
        """{"node-1": "UP", ...} from HAProxy's statistics."""
        lines = self.command("show stat").splitlines()
        header = lines[0].lstrip("# ").split(",")
        states = {}
        for line in lines[1:]:
            fields = dict(zip(header, line.split(",")))
            if fields.get("pxname") == "instances" and fields.get("svname", "").startswith("node-"):
                states[fields["svname"]] = fields["status"]
        return states
