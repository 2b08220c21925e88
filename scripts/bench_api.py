"""Feed benchmark: @oeffentliche-dokumente against plone.restapi's @search.

    make bench-api [BENCH_ARGS="--public 2000 --intranet 20000 --seconds 10"]
    .venv/bin/python scripts/bench_api.py [--reuse] [--clients 8] [--seconds 20] ...

1. builds the site in var/bench/ (scripts/bench_api_site.py: 10,000 public
   documents, 100,000 intranet items) unless --reuse finds it built (then
   only its pending upgrade steps run);
2. starts the portal (bin/instance-bench, port 18090, its four threads);
3. checks that the three requests below return the same 20 documents;
4. lets 8 client processes (keep-alive connections, anonymous like the
   homepage) send each request for a warm-up and then for --seconds:
   - the feed's first page: GET @oeffentliche-dokumente (20 items, newest
     first);
   - @search for the same items with fullobjects=1;
   - @search for the same items with metadata_fields (the columns the feed
     shows);
   - the feed's first page again with If-None-Match (the 304 path);
5. prints requests per second and p50/p95 latency of each, the ratios and
   the goals (feed ≥ 5× fullobjects and ≥ 1.5× metadata_fields throughput,
   304 ≥ 3× the full response), then stops the portal.

Only the standard library: the clients must not depend on the portal.
"""

import argparse
import json
import multiprocessing
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from contextlib import closing
from http.client import HTTPConnection

from bench_common import log
from bench_common import percentile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOST, PORT, SITE = "127.0.0.1", 18090, "Mittelangeln"
PUBLIC_TYPES = ("Bekanntmachung", "Satzung", "OeffentlichesFormular", "Pressemitteilung")
FEED_COLUMNS = (
    "UID",
    "portal_type",
    "gemeinde",
    "fachdienst",
    "effective",
    "expires",
    "modified",
    "public_valid_from",
    "public_version",
    "public_link",
    "public_file",
)
BENCH = os.path.join(ROOT, "var", "bench")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="bench_api.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--public", type=int, default=10000)
    parser.add_argument("--intranet", type=int, default=100000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0, help="measured seconds per request kind")
    parser.add_argument("--warmup", type=float, default=5.0, help="unmeasured seconds before each")
    parser.add_argument("--reuse", action="store_true", help="keep var/bench/ if it holds a built site")
    return parser.parse_args(argv)


# -- the site and the portal process --------------------------------------------


def build(args):
    # Beside Data.fs: whatever removes or replaces the database removes it too.
    marker = os.path.join(BENCH, "filestorage", "bench-api.json")
    wanted = {"public": args.public, "intranet": args.intranet}
    if args.reuse and os.path.exists(marker):
        with open(marker) as stream:
            built = json.load(stream)
        if {key: built.get(key) for key in wanted} == wanted:
            log(f"[build] reusing var/bench/ ({built}); running pending upgrade steps")
            subprocess.run(
                [os.path.join(ROOT, "bin", "instance-bench"), "run", os.path.join(ROOT, "scripts", "create_site.py")],
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                check=True,
            )
            return built
    for name in ("filestorage", "blobstorage"):
        shutil.rmtree(os.path.join(BENCH, name), ignore_errors=True)
    for name in ("filestorage", "blobstorage", "log", "instance-bench", "cache"):
        os.makedirs(os.path.join(BENCH, name), exist_ok=True)
    command = [
        os.path.join(ROOT, "bin", "instance-bench"),
        "run",
        os.path.join(ROOT, "scripts", "bench_api_site.py"),
        "--public",
        str(args.public),
        "--intranet",
        str(args.intranet),
    ]
    log(f"[build] {' '.join(command)}")
    result = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True)
    built = json.loads(result.stdout.strip().splitlines()[-1])
    with open(marker, "w") as stream:
        json.dump(built, stream)
    return built


class Portal:
    """bin/instance-bench in the foreground of a child process."""

    def __init__(self):
        self.process = None

    def __enter__(self):
        with open(os.path.join(BENCH, "log", "bench-api-portal.log"), "w") as logfile:
            self.process = subprocess.Popen(
                [os.path.join(ROOT, "bin", "instance-bench"), "console"],
                cwd=ROOT,
                stdout=logfile,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if request(feed_path())[0] == 200:
                    return self
            except OSError:
                pass
            if self.process.poll() is not None:
                raise SystemExit("the portal stopped; see var/bench/log/bench-api-portal.log")
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


# -- requests ------------------------------------------------------------------


def feed_path():
    return f"/{SITE}/@oeffentliche-dokumente"


def search_path(extra):
    query = [("portal_type", name) for name in PUBLIC_TYPES]
    query += [("review_state", "published"), ("sort_on", "effective"), ("sort_order", "descending")]
    query += [("b_size", "20"), *extra]
    return f"/{SITE}/@search?{urllib.parse.urlencode(query)}"


def request(path):
    """One GET on a connection of its own: (status, headers, body)."""
    with closing(HTTPConnection(HOST, PORT, timeout=60)) as connection:
        connection.request("GET", path, headers={"Accept": "application/json"})
        response = connection.getresponse()
        return response.status, response.headers, response.read()  # headers: case-insensitive


def first_page(path):
    """(UIDs of the first page, items in all, body size, headers)."""
    status, headers, body = request(path)
    if status != 200:
        raise SystemExit(f"{path}: HTTP {status}")
    data = json.loads(body)
    return [item.get("uid") or item.get("UID") for item in data["items"]], data["items_total"], len(body), headers


class RawClient:
    """A keep-alive HTTP/1.1 client with the least work per request, so the
    8 client processes take as little CPU from the portal as possible
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


def client(path, headers, expected, warmup, seconds, barrier, results):
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


def measure(path, headers, expected, args):
    barrier = multiprocessing.Barrier(args.clients)
    results = multiprocessing.Queue()
    workers = [
        multiprocessing.Process(
            target=client, args=(path, headers, expected, args.warmup, args.seconds, barrier, results)
        )
        for _ in range(args.clients)
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
        "per_second": len(latencies) / args.seconds,
        "p50": percentile(latencies, 0.50) * 1000,
        "p95": percentile(latencies, 0.95) * 1000,
        "errors": errors,
    }


# -- report ----------------------------------------------------------------------


# (faster, slower, label, goal): throughput of the first at least goal × the second's.
GOALS = (
    ("feed", "search_fullobjects", "feed / @search fullobjects=1", 5.0),
    ("feed", "search_metadata", "feed / @search metadata_fields", 1.5),
    ("feed_304", "feed", "304 revalidation / full response", 3.0),
)


def report(built, same, sizes, figures, args):
    print(f"\nmake bench-api: {built['public']:,} public documents, {built['intranet']:,} intranet items, ")
    print(
        f"catalog {built['catalog']:,} entries; {args.clients} concurrent clients, {args.seconds:.0f} s measured each "
        f"after {args.warmup:.0f} s warm-up; portal: bin/instance-bench (4 threads), {os.cpu_count()} CPUs"
    )
    print(f"the three requests return the same 20 documents: {'yes' if same else 'NO'}")
    print(f"\n{'request':<44} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'bytes':>8} {'errors':>6}")
    for name, label in LABELS.items():
        row = figures[name]
        print(
            f"{label:<44} {row['per_second']:8.1f} {row['p50']:8.1f} {row['p95']:8.1f} {sizes.get(name, 0):8,} "
            f"{row['errors']:6}"
        )
    print("\nratios (same run)")
    verdicts = []
    for faster, slower, label, goal in GOALS:
        ratio = figures[faster]["per_second"] / figures[slower]["per_second"]
        p95 = figures[slower]["p95"] / figures[faster]["p95"]
        verdicts.append(ratio >= goal)
        print(
            f"  {label:<36} throughput {ratio:5.2f}×  p95 {p95:5.2f}× faster   goal ≥ {goal}×: "
            f"{'met' if verdicts[-1] else 'MISSED'}"
        )
    errors = sum(row["errors"] for row in figures.values())
    print(f"\n{'all goals met' if all(verdicts) and same and not errors else 'NOT all goals met'}")
    return 0 if same and not errors else 1


LABELS = {
    "feed": "@oeffentliche-dokumente (first page, 20)",
    "search_fullobjects": "@search fullobjects=1 (same 20)",
    "search_metadata": "@search metadata_fields (same 20)",
    "feed_304": "@oeffentliche-dokumente If-None-Match → 304",
}


def main(argv):
    args = parse_args(argv)
    built = build(args)
    with Portal():
        paths = {
            "feed": feed_path(),
            "search_fullobjects": search_path([("fullobjects", "1")]),
            "search_metadata": search_path([("metadata_fields", name) for name in FEED_COLUMNS]),
        }
        pages, sizes, answers = {}, {}, {}
        for name, path in paths.items():
            uids, total, size, answers[name] = first_page(path)
            pages[name], sizes[name] = uids, size
            log(f"[check] {name}: {total:,} items in all, first page {len(uids)}")
        same = len(pages["feed"]) == 20 and all(page == pages["feed"] for page in pages.values())
        etag = answers["feed"]["ETag"]
        runs = {
            "feed": (paths["feed"], {}, 200),
            "search_fullobjects": (paths["search_fullobjects"], {}, 200),
            "search_metadata": (paths["search_metadata"], {}, 200),
            "feed_304": (paths["feed"], {"If-None-Match": etag}, 304),
        }
        figures = {}
        for name, (path, headers, expected) in runs.items():
            log(f"[measure] {LABELS[name]} …")
            figures[name] = measure(path, headers, expected, args)
            log(f"[measure]   {figures[name]['per_second']:.1f} req/s, p95 {figures[name]['p95']:.1f} ms")
    return report(built, same, sizes, figures, args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
