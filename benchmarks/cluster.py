"""Cluster benchmark: a mixed workload through HAProxy with 1 and 2 instances.

    make bench-cluster [BENCH_ARGS="--clients 8 --seconds 60 --instances 1,2"]
    parts/instance-cluster/bin/interpreter benchmarks/cluster.py [...]

1. builds a cluster of its own in var/bench-cluster-load/ (PostgreSQL on
   port 15440, HAProxy on 18880): the site without demo content, filled by
   benchmarks/api_site.py with public documents (some with PDFs) and
   intranet Akten, Vorgänge and Dokumente (--reuse keeps a built one);
2. for each instance count (--instances 1,2): starts that many Zope
   instances behind HAProxy (round robin), and `--clients` client processes
   send a mix of requests for `--warmup` + `--seconds` seconds on keep-alive
   connections through the balancer:
   feed 35 % (anonymous @oeffentliche-dokumente), search 20 % (a clerk's
   @search with a full-text word), Akte views 25 % (a clerk's Classic UI
   page of an Akte), downloads 15 % (anonymous PDF of a Satzung or
   Bekanntmachung), writes 5 % (a clerk adds a Document over REST);
3. prints throughput and p50/p95 per kind and in all, 1 against 2
   instances measured in the same run, and the ratio.

The client processes run on the same machine as the portal, PostgreSQL and
HAProxy, and take CPU from them: the figures show how the parts share one
machine, not what a second machine would add (README, "Kapazität").
"""

import argparse
import base64
import json
import multiprocessing
import os
import random
import sys
import time
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path


HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import harness  # noqa: E402
from harness import Column  # noqa: E402
from harness import log  # noqa: E402
from harness import percentile  # noqa: E402

from mittelangeln.policy.cluster.nodes import ROOT  # noqa: E402
from mittelangeln.policy.cluster.nodes import Cluster  # noqa: E402


VAR = ROOT / "var" / "bench-cluster-load"
HTTP_PORT = 18880
POSTGRES_PORT = 15440
SITE = "Mittelangeln"
PASSWORD = "Bench-Passwort-1"
AUTH = "Basic " + base64.b64encode(f"admin:{PASSWORD}".encode()).decode()
# (kind, share in %)
MIX = (("feed", 35), ("search", 20), ("akte", 25), ("download", 15), ("write", 5))
WORDS = ("Bauantrag", "Satzung", "Genehmigung", "Widerspruch", "Kindergarten", "Straßenreinigung", "Friedhof")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--instances", default="1,2", help="instance counts to compare (default 1,2)")
    parser.add_argument("--clients", type=int, default=8, help="client processes (default 8)")
    parser.add_argument("--seconds", type=float, default=60.0, help="measured seconds per instance count")
    parser.add_argument("--warmup", type=float, default=15.0, help="unmeasured seconds before")
    parser.add_argument("--public", type=int, default=2000, help="public documents (default 2000)")
    parser.add_argument("--intranet", type=int, default=20000, help="intranet items (default 20000)")
    parser.add_argument("--seed", type=int, default=20261130)
    parser.add_argument("--reuse", action="store_true", help="keep a built var/bench-cluster-load/")
    args = parser.parse_args(argv)
    args.instance_counts = [int(n) for n in args.instances.split(",")]
    return args


def environment():
    return {
        **os.environ,
        "MITTELANGELN_ADMIN_PASSWORD": PASSWORD,
        "MITTELANGELN_DEMO": "0",
        "MITTELANGELN_PERIODIC_TASKS": "0",
        "MITTELANGELN_CONVERSION_WORKER": "0",
    }


def build(cluster, args):
    marker = cluster.var / "bench-cluster.json"
    wanted = {"public": args.public, "intranet": args.intranet}
    cluster.postgres.start()
    if args.reuse and marker.exists() and json.loads(marker.read_text()) == wanted:
        log(f"[build] reusing {cluster.var.relative_to(ROOT)} ({wanted})")
        return
    started = time.perf_counter()
    arguments = ["--public", args.public, "--intranet", args.intranet, "--seed", args.seed]
    log(f"[build] api_site.py {' '.join(map(str, arguments))} on RelStorage ...")
    output = cluster.node(1).run_script(HERE / "api_site.py", env=environment(), arguments=arguments, timeout=None)
    log(f"[build] {output.strip().splitlines()[-1]} in {time.perf_counter() - started:.0f} s")
    marker.write_text(json.dumps(wanted))


# -- the requests ---------------------------------------------------------------


def call(connection, method, path, body=None, headers=None):
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    return response.status, response.read()


def targets(url):
    """Paths of the workload, found through the portal: Akten, files, words."""
    host, port = urllib.parse.urlparse(url).hostname, urllib.parse.urlparse(url).port
    connection = HTTPConnection(host, port, timeout=120)
    headers = {"Accept": "application/json", "Authorization": AUTH}

    def search(**query):
        status, body = call(connection, "GET", f"/{SITE}/@search?{urllib.parse.urlencode(query)}", headers=headers)
        if status != 200:
            raise SystemExit(f"@search {query}: HTTP {status}")
        return [urllib.parse.urlparse(item["@id"]).path for item in json.loads(body)["items"]]

    akten = search(portal_type="Akte", b_size=200, sort_on="path")
    files = []
    for portal_type in ("Satzung", "Bekanntmachung"):
        for path in search(portal_type=portal_type, review_state="published", b_size=200):
            status, body = call(connection, "GET", path, headers=headers)
            if status == 200 and json.loads(body).get("file"):
                files.append(path + "/@@download/file")
    intranet = search(portal_type="Folder", b_size=1)
    connection.close()
    if not akten or not files:
        raise SystemExit(f"no Akten ({len(akten)}) or files ({len(files)}) to request")
    container = intranet[0] if intranet else f"/{SITE}"
    return {"akten": akten, "files": files[:200], "container": container}


def request_for(kind, rng, paths, client, number):
    """(method, path, body, headers) of one request of the kind."""
    if kind == "feed":
        query = urllib.parse.urlencode({"b_size": 20, "b_start": 20 * rng.randrange(5)})
        return "GET", f"/{SITE}/@oeffentliche-dokumente?{query}", None, {"Accept": "application/json"}
    if kind == "search":
        query = urllib.parse.urlencode({"SearchableText": rng.choice(WORDS), "b_size": 20})
        return "GET", f"/{SITE}/@search?{query}", None, {"Accept": "application/json", "Authorization": AUTH}
    if kind == "akte":
        return "GET", rng.choice(paths["akten"]), None, {"Accept": "text/html", "Authorization": AUTH}
    if kind == "download":
        return "GET", rng.choice(paths["files"]), None, {}
    body = json.dumps({"@type": "Document", "title": f"Lastprobe {client}-{number}"}).encode()
    headers = {"Accept": "application/json", "Content-Type": "application/json", "Authorization": AUTH}
    return "POST", paths["container"], body, headers


EXPECTED = {"feed": 200, "search": 200, "akte": 200, "download": 200, "write": 201}


def _client(url, paths, seed, warmup, seconds, barrier, results):
    rng = random.Random(seed)
    kinds = [kind for kind, share in MIX for _ in range(share)]
    parsed = urllib.parse.urlparse(url)
    connection = HTTPConnection(parsed.hostname, parsed.port, timeout=120)
    latencies = {kind: [] for kind, _ in MIX}
    errors = {kind: 0 for kind, _ in MIX}
    barrier.wait()
    started = time.perf_counter()
    warm_until, stop_at = started + warmup, started + warmup + seconds
    number = 0
    while (before := time.perf_counter()) < stop_at:
        kind = rng.choice(kinds)
        number += 1
        method, path, body, headers = request_for(kind, rng, paths, seed, number)
        try:
            status, _ = call(connection, method, path, body, headers)
        except OSError:
            connection.close()
            status = None
        after = time.perf_counter()
        if before >= warm_until:
            if status == EXPECTED[kind]:
                latencies[kind].append(after - before)
            else:
                errors[kind] += 1
    connection.close()
    results.put((latencies, errors))


def load(url, paths, args):
    barrier = multiprocessing.Barrier(args.clients)
    results = multiprocessing.Queue()
    clients = [
        multiprocessing.Process(
            target=_client, args=(url, paths, args.seed + n, args.warmup, args.seconds, barrier, results)
        )
        for n in range(args.clients)
    ]
    for client in clients:
        client.start()
    latencies = {kind: [] for kind, _ in MIX}
    errors = {kind: 0 for kind, _ in MIX}
    for _ in clients:
        got, failed = results.get()
        for kind in latencies:
            latencies[kind] += got[kind]
            errors[kind] += failed[kind]
    for client in clients:
        client.join()
    return latencies, errors


# -- report -------------------------------------------------------------------------


COLUMNS = (
    Column("kind", 10, sep="", align="<"),
    Column("instances", 9),
    Column("req/s", 8, "{:.1f}"),
    Column("p50 ms", 8, "{:.1f}"),
    Column("p95 ms", 8, "{:.1f}"),
    Column("errors", 6),
)


def figures(latencies, errors, seconds):
    rows = {}
    everything = []
    for kind, values in latencies.items():
        everything += values
        rows[kind] = (
            len(values) / seconds,
            percentile(values, 0.5) * 1000,
            percentile(values, 0.95) * 1000,
            errors[kind],
        )
    rows["all"] = (
        len(everything) / seconds,
        percentile(everything, 0.5) * 1000,
        percentile(everything, 0.95) * 1000,
        sum(errors.values()),
    )
    return rows


def report(results, args):
    line = "=" * 64
    print(line)
    print(
        f"Cluster benchmark  {time.strftime('%Y-%m-%d %H:%M')}  {args.clients} clients, "
        f"{args.seconds:.0f} s measured after {args.warmup:.0f} s warm-up, "
        f"{args.public:,} public documents + {args.intranet:,} intranet items, RelStorage (PostgreSQL), "
        f"{os.cpu_count()} CPUs shared by clients, instances, PostgreSQL and HAProxy"
    )
    print("Mix: " + ", ".join(f"{kind} {share} %" for kind, share in MIX))
    print(line)
    rows = []
    for kind in [kind for kind, _ in MIX] + ["all"]:
        for count in args.instance_counts:
            rows.append((kind, count, *results[count][kind]))
    print("\n".join(harness.table(COLUMNS, rows, rule="-")))
    print(line)
    if len(args.instance_counts) >= 2:
        first, last = args.instance_counts[0], args.instance_counts[-1]
        before, after = results[first]["all"], results[last]["all"]
        if before[0] and after[0]:
            throughput, p95 = after[0] / before[0], after[2] / before[2]
            print(f"{last} instances against {first}: throughput {throughput:.2f}x, p95 {p95:.2f}x")
        else:
            print("No request succeeded with one of the counts: no ratio (see the errors column).")
    print(line)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    cluster = Cluster(var=VAR, http_port=HTTP_PORT, postgres_port=POSTGRES_PORT)
    if not args.reuse:
        cluster.destroy()
    results = {}
    try:
        build(cluster, args)
        for count in args.instance_counts:
            log(f"[load] {count} instance(s) behind HAProxy ...")
            cluster.start(instances=count, env=environment())
            paths = targets(cluster.url)
            latencies, errors = load(cluster.url, paths, args)
            results[count] = figures(latencies, errors, args.seconds)
            log(f"[load] {count}: {results[count]['all'][0]:.1f} req/s, p95 {results[count]['all'][2]:.0f} ms")
            cluster.stop()
    finally:
        cluster.stop()
        cluster.postgres.stop()
    report(results, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
