"""What the benchmarks share: arguments, progress, figures, timing, the
portal process, HTTP load and the report table with its goals.

Standard library only: benchmarks/api.py runs with .venv/bin/python outside
the portal and imports it too. What needs Zope and Plone (the bench site) is
in harness_plone.py.

Every driver finds this module beside itself with the same first lines
(`bin/instance-bench run` execs the file, so __file__ there is the
interpreter's; the compiled code keeps the script's path):

    # ruff: noqa: E402
    import os
    import sys


    # benchmarks/ on the path: bin/instance run execs this file (see harness.py).
    sys.path.insert(0, os.path.dirname(os.path.abspath(sys._getframe().f_code.co_filename)))

    import harness
"""

import argparse
import math
import multiprocessing
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import namedtuple
from contextlib import closing
from http.client import HTTPConnection


HERE = os.path.dirname(os.path.abspath(__file__))  # benchmarks/
ROOT = os.path.dirname(HERE)
BENCH = os.path.join(ROOT, "var", "bench")  # var of bin/instance-bench (buildout.cfg)
INSTANCE = os.path.join(ROOT, "bin", "instance-bench")
HOST, PORT, SITE = "127.0.0.1", 18090, "Mittelangeln"  # http-address of bin/instance-bench, site id


# -- arguments ---------------------------------------------------------------


def script_args(argv=None):
    """The script's own arguments. `bin/instance run SCRIPT ARGS...` hands the
    script sys.argv as [interpreter, "-c", SCRIPT, ARGS...] (the recipe's
    wrapper), `python SCRIPT ARGS...` as [SCRIPT, ARGS...]."""
    argv = sys.argv if argv is None else argv
    return argv[3:] if len(argv) >= 3 and argv[1] == "-c" else argv[1:]


def script_name(argv=None):
    """File name of the running script, e.g. "search.py"."""
    argv = sys.argv if argv is None else argv
    return os.path.basename(argv[2] if len(argv) >= 3 and argv[1] == "-c" else argv[0])


def argument_parser(doc):
    """A parser named after the script, described by the first paragraph of its docstring."""
    return argparse.ArgumentParser(prog=script_name(), description=doc.split("\n\n")[0])


# -- progress and figures ----------------------------------------------------


def log(message):
    """Progress goes to stderr, the report to stdout."""
    print(message, file=sys.stderr, flush=True)


def hms(seconds):
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m{seconds % 60:02d}s"
    return f"{seconds // 60}m{seconds % 60:02d}s"


def percentile(values, fraction):
    """Nearest rank; NaN without values."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)] if ordered else float("nan")


def ms_stats(seconds):
    """(p50, p95, max) of durations in seconds, in milliseconds."""
    return percentile(seconds, 0.5) * 1000, percentile(seconds, 0.95) * 1000, max(seconds) * 1000


def rss_mb():
    """Resident memory of this process in MB (0 where /proc is missing)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def storage_sizes():
    """Sizes of Data.fs and the blobs in var/bench/ ("Data.fs N MB, blobs N MB"), "" without a Data.fs."""
    data_fs = os.path.join(BENCH, "filestorage", "Data.fs")
    if not os.path.exists(data_fs):
        return ""
    blob_bytes = 0
    for root, _dirs, files in os.walk(os.path.join(BENCH, "blobstorage")):
        for name in files:
            try:
                blob_bytes += os.path.getsize(os.path.join(root, name))
            except OSError:
                pass
    return f"Data.fs {os.path.getsize(data_fs) / 2**20:,.0f} MB, blobs {blob_bytes / 2**20:,.0f} MB"


# -- timing ------------------------------------------------------------------


class Stopwatch:
    """`with Stopwatch() as watch: ...`, then watch.seconds (while running: so far)."""

    def __init__(self):
        self.started = time.perf_counter()
        self.stopped = None

    def __enter__(self):
        self.started = time.perf_counter()
        self.stopped = None
        return self

    def __exit__(self, *exc):
        self.stopped = time.perf_counter()

    @property
    def seconds(self):
        return (time.perf_counter() if self.stopped is None else self.stopped) - self.started


def time_each(function, items):
    """function(item) for each item: (seconds of each call, result of each call)."""
    seconds, results = [], []
    for item in items:
        start = time.perf_counter()
        results.append(function(item))
        seconds.append(time.perf_counter() - start)
    return seconds, results


# -- the report --------------------------------------------------------------

# A column of table(): header, width, format of a value, what precedes it, alignment.
Column = namedtuple("Column", "header width fmt sep align", defaults=("{}", " ", ">"))


def table(columns, rows, rule=None):
    """Lines of a table: the header, a line of `rule` characters if given, the rows
    (one value per column; a value wider than its column is not cut)."""

    def line(cells):
        return "".join(f"{column.sep}{cell:{column.align}{column.width}}" for column, cell in zip(columns, cells))

    header = line(column.header for column in columns)
    body = [line(column.fmt.format(value) for column, value in zip(columns, row)) for row in rows]
    return [header, *([rule * len(header)] if rule else []), *body]


def verdict(ok, met="met", missed="MISSED"):
    return met if ok else missed


def goal_note(value, goal, op="≥", unit=""):
    """E.g. "goal ≥ 5.0×: met": value at least goal."""
    return f"goal {op} {goal}{unit}: {verdict(value >= goal)}"


# -- the bench instance --------------------------------------------------------


def fresh_storage():
    """An empty database in var/bench/ (what `make bench-search` does before starting)."""
    for name in ("filestorage", "blobstorage"):
        shutil.rmtree(os.path.join(BENCH, name), ignore_errors=True)
    for name in ("filestorage", "blobstorage", "log", "instance-bench", "cache"):
        os.makedirs(os.path.join(BENCH, name), exist_ok=True)


def instance_run(script, args=(), **options):
    """`bin/instance-bench run SCRIPT ARGS...` from the checkout; options go to subprocess.run."""
    return subprocess.run([INSTANCE, "run", script, *map(str, args)], cwd=ROOT, check=True, **options)


class Portal:
    """bin/instance-bench in the foreground of a child process, until `ready_path` answers 200:

    with Portal(f"/{SITE}/@oeffentliche-dokumente", "bench-api-portal.log"):
        ...
    """

    def __init__(self, ready_path, log_name="bench-portal.log"):
        self.ready_path = ready_path
        self.log_path = os.path.join(BENCH, "log", log_name)
        self.process = None

    def __enter__(self):
        with open(self.log_path, "w") as logfile:
            self.process = subprocess.Popen(
                [INSTANCE, "console"],
                cwd=ROOT,
                stdout=logfile,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if get(self.ready_path)[0] == 200:
                    return self
            except OSError:
                pass
            if self.process.poll() is not None:
                raise SystemExit(f"the portal stopped; see {os.path.relpath(self.log_path, ROOT)}")
            time.sleep(1)
        self.__exit__()  # __exit__ runs only after a successful __enter__
        raise SystemExit("the portal did not answer within 5 minutes")

    def __exit__(self, *exc):
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


# -- HTTP ----------------------------------------------------------------------


def get(path, headers=None):
    """One GET to the portal on a connection of its own: (status, headers, body)."""
    with closing(HTTPConnection(HOST, PORT, timeout=60)) as connection:
        connection.request("GET", path, headers={"Accept": "application/json", **(headers or {})})
        response = connection.getresponse()
        return response.status, response.headers, response.read()  # headers: case-insensitive


class RawClient:
    """A keep-alive HTTP/1.1 client with the least work per request, so the
    client processes take as little CPU from the portal as possible
    (http.client parses every header block with the email package)."""

    def __init__(self, path, headers):
        lines = [f"GET {path} HTTP/1.1", f"Host: {HOST}:{PORT}", "Accept: application/json"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        self.request = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        self.sock = None
        self.buffer = b""

    def get(self):
        """One request; its status code."""
        if self.sock is None:
            self.sock = socket.create_connection((HOST, PORT), timeout=60)
            self.buffer = b""
        self.sock.sendall(self.request)
        head = self.read_until(b"\r\n\r\n")
        status = int(head[9:12])
        lowered = head.lower()
        if status in (204, 304):
            pass  # no body, whatever the headers say
        elif b"\r\ntransfer-encoding: chunked" in lowered:
            while True:
                size = int(self.read_until(b"\r\n").split(b";")[0], 16)
                self.read_exactly(size + 2)
                if size == 0:
                    break
        else:
            start = lowered.find(b"\r\ncontent-length:")
            length = int(lowered[start + 17 : lowered.index(b"\r\n", start + 2)]) if start >= 0 else 0
            self.read_exactly(length)
        if b"\r\nconnection: close" in lowered:
            self.close()
        return status

    def read_until(self, marker):
        while marker not in self.buffer:
            self.fill()
        data, _, self.buffer = self.buffer.partition(marker)
        return data

    def read_exactly(self, count):
        while len(self.buffer) < count:
            self.fill()
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("the portal closed the connection")
        self.buffer += chunk

    def close(self):
        if self.sock is not None:
            self.sock.close()
        self.sock = None


def _client(path, headers, expected, warmup, seconds, barrier, results):
    connection = RawClient(path, headers)
    barrier.wait()
    started = time.perf_counter()
    warm_until, stop_at = started + warmup, started + warmup + seconds
    latencies, errors = [], 0
    while True:
        before = time.perf_counter()
        if before >= stop_at:
            break
        try:
            status = connection.get()
        except (OSError, ValueError):
            connection.close()
            status = None
        after = time.perf_counter()
        if before >= warm_until:
            if status == expected:
                latencies.append(after - before)
            else:
                errors += 1
    connection.close()
    results.put((latencies, errors))


def load(path, headers, expected, clients, warmup, seconds):
    """`clients` processes send GET path over and over on keep-alive
    connections: `warmup` seconds unmeasured, then `seconds` measured; a
    status other than `expected` counts as an error. Returns requests,
    per_second, p50 and p95 (ms) and errors."""
    barrier = multiprocessing.Barrier(clients)
    results = multiprocessing.Queue()
    workers = [
        multiprocessing.Process(target=_client, args=(path, headers, expected, warmup, seconds, barrier, results))
        for _ in range(clients)
    ]
    for worker in workers:
        worker.start()
    latencies, errors = [], 0
    for _ in workers:
        got, failed = results.get()
        latencies += got
        errors += failed
    for worker in workers:
        worker.join()
    return {
        "requests": len(latencies),
        "per_second": len(latencies) / seconds,
        "p50": percentile(latencies, 0.50) * 1000,
        "p95": percentile(latencies, 0.95) * 1000,
        "errors": errors,
    }
