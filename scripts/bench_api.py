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
import math
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from http.client import HTTPConnection

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
GOALS = {"fullobjects": 5.0, "metadata_fields": 1.5, "304": 3.0}


def log(message):
    print(message, file=sys.stderr, flush=True)


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
    data_fs = os.path.join(ROOT, "var", "bench", "filestorage", "Data.fs")
    marker = os.path.join(ROOT, "var", "bench", "bench-api.json")
    wanted = {"public": args.public, "intranet": args.intranet}
    if args.reuse and os.path.exists(data_fs) and os.path.exists(marker):
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
        subprocess.run(["rm", "-rf", os.path.join(ROOT, "var", "bench", name)], check=True)
    for name in ("filestorage", "blobstorage", "log", "instance-bench", "cache"):
        os.makedirs(os.path.join(ROOT, "var", "bench", name), exist_ok=True)
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
        logfile = open(os.path.join(ROOT, "var", "bench", "log", "bench-api-portal.log"), "w")
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
                status, _, _ = request(HTTPConnection(HOST, PORT, timeout=30), feed_path())
                if status == 200:
                    return self
            except OSError:
                pass
            if self.process.poll() is not None:
                raise SystemExit("the portal stopped; see var/bench/log/bench-api-portal.log")
            time.sleep(1)
        raise SystemExit("the portal did not answer within 5 minutes")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=60)


# -- requests ------------------------------------------------------------------


def feed_path():
    return f"/{SITE}/@oeffentliche-dokumente"


def search_path(extra):
    query = [("portal_type", name) for name in PUBLIC_TYPES]
    query += [("review_state", "published"), ("sort_on", "effective"), ("sort_order", "descending")]
    query += [("b_size", "20"), *extra]
    return f"/{SITE}/@search?{urllib.parse.urlencode(query)}"


def request(connection, path, headers=None):
    connection.request("GET", path, headers={"Accept": "application/json", **(headers or {})})
    response = connection.getresponse()
    body = response.read()
    return response.status, response.headers, body  # headers: case-insensitive


def first_page_uids(path):
    status, _, body = request(HTTPConnection(HOST, PORT, timeout=60), path)
    if status != 200:
        raise SystemExit(f"{path}: HTTP {status}")
    data = json.loads(body)
    return [item.get("uid") or item.get("UID") for item in data["items"]], data["items_total"], len(body)


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
        if b"transfer-encoding: chunked" in lowered:
            while True:
                size = int(self.read_until(b"\r\n").split(b";")[0], 16)
                self.read_exactly(size + 2)
                if size == 0:
                    break
        else:
            start = lowered.find(b"content-length:")
            length = int(lowered[start + 15 : lowered.index(b"\r\n", start)]) if start >= 0 else 0
            self.read_exactly(length)
        if b"connection: close" in lowered:
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
            latencies.append(after - before)
            errors += status != expected
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


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)] if ordered else float("nan")


# -- report ----------------------------------------------------------------------


def report(built, same, sizes, figures, args):
    out = sys.stdout
    print(f"\nmake bench-api: {built['public']:,} public documents, {built['intranet']:,} intranet items, ", file=out)
    print(
        f"catalog {built['catalog']:,} entries; {args.clients} concurrent clients, {args.seconds:.0f} s measured each "
        f"after {args.warmup:.0f} s warm-up; portal: bin/instance-bench (4 threads), {os.cpu_count()} CPUs",
        file=out,
    )
    print(f"the three requests return the same 20 documents: {'yes' if same else 'NO'}", file=out)
    print(f"\n{'request':<44} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'bytes':>8} {'errors':>6}", file=out)
    for name, label in LABELS.items():
        row = figures[name]
        print(
            f"{label:<44} {row['per_second']:8.1f} {row['p50']:8.1f} {row['p95']:8.1f} {sizes.get(name, 0):8,} "
            f"{row['errors']:6}",
            file=out,
        )
    feed = figures["feed"]
    print("\nratios (same run)", file=out)
    verdicts = []
    for name, against, label in (
        ("fullobjects", "search_fullobjects", "feed / @search fullobjects=1"),
        ("metadata_fields", "search_metadata", "feed / @search metadata_fields"),
    ):
        ratio = feed["per_second"] / figures[against]["per_second"]
        p95 = figures[against]["p95"] / feed["p95"]
        verdicts.append(ratio >= GOALS[name])
        print(
            f"  {label:<36} throughput {ratio:5.2f}×  p95 {p95:5.2f}× faster   goal ≥ {GOALS[name]}×: "
            f"{'met' if verdicts[-1] else 'MISSED'}",
            file=out,
        )
    ratio = figures["feed_304"]["per_second"] / feed["per_second"]
    p95 = feed["p95"] / figures["feed_304"]["p95"]
    verdicts.append(ratio >= GOALS["304"])
    print(
        f"  {'304 revalidation / full response':<36} throughput {ratio:5.2f}×  p95 {p95:5.2f}× faster   "
        f"goal ≥ {GOALS['304']}×: {'met' if verdicts[-1] else 'MISSED'}",
        file=out,
    )
    errors = sum(row["errors"] for row in figures.values())
    print(f"\n{'all goals met' if all(verdicts) and same and not errors else 'NOT all goals met'}", file=out)
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
        pages, sizes = {}, {}
        for name, path in paths.items():
            uids, total, size = first_page_uids(path)
            pages[name], sizes[name] = uids, size
            log(f"[check] {name}: {total:,} items in all, first page {len(uids)}")
        same = len(pages["feed"]) == 20 and all(page == pages["feed"] for page in pages.values())
        _, headers, _ = request(HTTPConnection(HOST, PORT, timeout=60), paths["feed"])
        etag = headers["ETag"]
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
