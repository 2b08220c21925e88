"""Feed benchmark: @oeffentliche-dokumente against plone.restapi's @search.

    make bench-api [BENCH_ARGS="--public 2000 --intranet 20000 --seconds 10"]
    .venv/bin/python benchmarks/api.py [--reuse] [--clients 8] [--seconds 20] ...

1. builds the site in var/bench/ (benchmarks/api_site.py: 10,000 public
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

Only the standard library (harness.py, not harness_plone.py): the clients
must not depend on the portal.
"""

# ruff: noqa: E402
import os
import sys


# benchmarks/ on the path: bin/instance run execs this file (see harness.py).
sys.path.insert(0, os.path.dirname(os.path.abspath(sys._getframe().f_code.co_filename)))

import json
import subprocess
import urllib.parse

import harness
from harness import SITE
from harness import Column
from harness import log


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


def parse_args(argv):
    parser = harness.argument_parser(__doc__)
    parser.add_argument("--public", type=int, default=10000)
    parser.add_argument("--intranet", type=int, default=100000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0, help="measured seconds per request kind")
    parser.add_argument("--warmup", type=float, default=5.0, help="unmeasured seconds before each")
    parser.add_argument("--reuse", action="store_true", help="keep var/bench/ if it holds a built site")
    return parser.parse_args(argv)


# -- the site ------------------------------------------------------------------


def build(args):
    # Beside Data.fs: whatever removes or replaces the database removes it too.
    marker = os.path.join(harness.BENCH, "filestorage", "bench-api.json")
    wanted = {"public": args.public, "intranet": args.intranet}
    if args.reuse and os.path.exists(marker):
        with open(marker) as stream:
            built = json.load(stream)
        if {key: built.get(key) for key in wanted} == wanted:
            log(f"[build] reusing var/bench/ ({built}); running pending upgrade steps")
            harness.instance_run(os.path.join(harness.ROOT, "scripts", "create_site.py"), stdout=subprocess.DEVNULL)
            return built
    harness.fresh_storage()
    script = os.path.join(harness.HERE, "api_site.py")
    arguments = ["--public", args.public, "--intranet", args.intranet]
    log(f"[build] {' '.join(map(str, [harness.INSTANCE, 'run', script, *arguments]))}")
    result = harness.instance_run(script, arguments, stdout=subprocess.PIPE, text=True)
    built = json.loads(result.stdout.strip().splitlines()[-1])
    with open(marker, "w") as stream:
        json.dump(built, stream)
    return built


# -- requests ------------------------------------------------------------------


def feed_path():
    return f"/{SITE}/@oeffentliche-dokumente"


def search_path(extra):
    query = [("portal_type", name) for name in PUBLIC_TYPES]
    query += [("review_state", "published"), ("sort_on", "effective"), ("sort_order", "descending")]
    query += [("b_size", "20"), *extra]
    return f"/{SITE}/@search?{urllib.parse.urlencode(query)}"


def first_page(path):
    """(UIDs of the first page, items in all, body size, headers)."""
    status, headers, body = harness.get(path)
    if status != 200:
        raise SystemExit(f"{path}: HTTP {status}")
    data = json.loads(body)
    return [item.get("uid") or item.get("UID") for item in data["items"]], data["items_total"], len(body), headers


# -- report ----------------------------------------------------------------------


# (faster, slower, label, goal): throughput of the first at least goal × the second's.
GOALS = (
    ("feed", "search_fullobjects", "feed / @search fullobjects=1", 5.0),
    ("feed", "search_metadata", "feed / @search metadata_fields", 1.5),
    ("feed_304", "feed", "304 revalidation / full response", 3.0),
)


FIGURE_COLUMNS = (
    Column("request", 44, sep="", align="<"),
    Column("req/s", 8, "{:.1f}"),
    Column("p50 ms", 8, "{:.1f}"),
    Column("p95 ms", 8, "{:.1f}"),
    Column("bytes", 8, "{:,}"),
    Column("errors", 6),
)


def report(built, same, sizes, figures, args):
    print(f"\nmake bench-api: {built['public']:,} public documents, {built['intranet']:,} intranet items, ")
    print(
        f"catalog {built['catalog']:,} entries; {args.clients} concurrent clients, {args.seconds:.0f} s measured each "
        f"after {args.warmup:.0f} s warm-up; portal: bin/instance-bench (4 threads), {os.cpu_count()} CPUs"
    )
    print(f"the three requests return the same 20 documents: {harness.verdict(same, 'yes', 'NO')}")
    rows = []
    for name, label in LABELS.items():
        row = figures[name]
        rows.append((label, row["per_second"], row["p50"], row["p95"], sizes.get(name, 0), row["errors"]))
    print()
    print("\n".join(harness.table(FIGURE_COLUMNS, rows)))
    print("\nratios (same run)")
    verdicts = []
    for faster, slower, label, goal in GOALS:
        ratio = figures[faster]["per_second"] / figures[slower]["per_second"]
        p95 = figures[slower]["p95"] / figures[faster]["p95"]
        verdicts.append(ratio >= goal)
        note = harness.goal_note(ratio, goal, unit="×")
        print(f"  {label:<36} throughput {ratio:5.2f}×  p95 {p95:5.2f}× faster   {note}")
    errors = sum(row["errors"] for row in figures.values())
    print(f"\n{harness.verdict(all(verdicts) and same and not errors, 'all goals met', 'NOT all goals met')}")
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
    with harness.Portal(feed_path(), "bench-api-portal.log"):
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
            figures[name] = harness.load(path, headers, expected, args.clients, args.warmup, args.seconds)
            log(f"[measure]   {figures[name]['per_second']:.1f} req/s, p95 {figures[name]['p95']:.1f} ms")
    return report(built, same, sizes, figures, args)


if __name__ == "__main__":
    sys.exit(main(harness.script_args()))
