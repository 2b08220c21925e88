"""Posteingang benchmark: the list's p95 latency with 50,000 Eingänge.

Usage (a fresh database in var/bench/ each time):

    make bench-posteingang
    make bench-posteingang BENCH_ARGS="--eingaenge 5000 --requests 50"
    bin/instance-bench run benchmarks/posteingang.py [--eingaenge N] [--requests N] [--seed S]

Sections (functions named in SECTIONS, each returns rows of the summary
table; --sections picks some):

build   creates the site without demo content, a Poststelle clerk ("post")
        and a clerk of Fachdienst IV ("bauamt"), then N Eingänge directly in
        the Posteingang area: createContentInContainer with the fields the
        intake sets (number, date, channel, sender, Fachdienst, responsible,
        deadline), no Dokumente inside (so no conversion, OCR or blobs: the
        list reads only the Eingang's own catalog entry), the workflow state
        set with portal_workflow.setStatusOf (a mix of eingegangen,
        zugewiesen, in Bearbeitung and erledigt, the dates of done ones in
        the history) before the one indexing at commit; committed every
        --commit-every objects.
lists   renders the real list views as a Poststelle user
        (posteingang-liste on the area: all N Eingänge) and as a Fachdienst
        clerk (@@mein-posteingang, the Fachdienst IV list, about a third),
        each with the default sort and with one filter, --requests times
        after 20 warm-up renderings, each on a fresh request (no memo
        carried over), signed in as that user (catalog security applies).
        The reference beside each: the catalog query alone that the view
        runs (same criteria, sort and batch, the 50 brains' metadata read),
        i.e. the part no list of these items can avoid; the difference is
        the view's own work (counts per state, overdue count, rendering in
        main_template; the Diazo theme is applied by the publisher and is
        not part of it).

mails   500 e-mails with attachments through the drop directory, and
batch   a 200-page separator-sheet batch through the hot folder: intake
        throughput, see benchmarks/posteingang_intake.py.
"""

# ruff: noqa: E402
import os
import sys


# benchmarks/ on the path: bin/instance run execs this file (see harness.py).
sys.path.insert(0, os.path.dirname(os.path.abspath(sys._getframe().f_code.co_filename)))

import datetime
import random
import secrets
import time
import traceback

import harness
import harness_plone
import posteingang_intake
import transaction
from AccessControl.SecurityManagement import newSecurityManager
from Acquisition import aq_base
from DateTime import DateTime
from harness import Column
from harness import hms
from harness import log
from plone import api
from plone.dexterity.utils import createContentInContainer
from Testing.makerequest import makerequest
from zope.component import getMultiAdapter
from zope.component.hooks import setSite
from zope.event import notify
from zope.globalrequest import setRequest
from zope.traversing.interfaces import BeforeTraverseEvent

from mittelangeln.policy.eakte import numbering
from mittelangeln.policy.posteingang import listing
from mittelangeln.policy.posteingang.items import EINGANG_WORKFLOW
from mittelangeln.policy.principals import fachdienst_group_id


POSTSTELLE_USER = "post"
FACHDIENST_USER = "bauamt"
BAUEN = "Fachdienst IV – Bauen und Umwelt"
FACHDIENSTE = (
    ("Fachdienst I – Zentrale Dienste", 15),
    ("Fachdienst II – Finanzen", 20),
    ("Fachdienst III – Ordnung und Soziales", 30),
    (BAUEN, 35),
)
CHANNELS = (("post", 50), ("email", 35), ("upload", 15))
# state, share, transitions (for the history's length)
STATES = (("eingegangen", 15), ("zugewiesen", 20), ("in_bearbeitung", 15), ("erledigt", 50))
SURNAMES = ("Hansen", "Jensen", "Petersen", "Nielsen", "Thomsen", "Lorenzen", "Carstensen", "Paulsen", "Brodersen")
FIRST_NAMES = ("Anke", "Bernd", "Carla", "Dirk", "Frauke", "Hauke", "Inge", "Jens", "Karin", "Lars", "Maren")
SUBJECTS = (
    "Bauantrag",
    "Widerspruch gegen den Bescheid",
    "Antrag auf Sondernutzung",
    "Gewerbeanmeldung",
    "Beschwerde über Lärm",
    "Rechnung",
    "Anfrage zur Hundesteuer",
    "Nachreichung von Unterlagen",
)
WARMUP = 20


def parse_args(argv):
    parser = harness.argument_parser(__doc__)
    parser.add_argument("--eingaenge", type=int, default=50000, help="number of Eingänge (default 50000)")
    parser.add_argument("--requests", type=int, default=200, help="timed renderings per case (default 200)")
    parser.add_argument("--seed", type=int, default=20261130, help="random seed of the content")
    parser.add_argument("--commit-every", type=int, default=1000, help="objects per transaction (default 1000)")
    parser.add_argument("--sections", default=",".join(SECTIONS), help=f"comma-separated, of {', '.join(SECTIONS)}")
    args = parser.parse_args(argv)
    if args.eingaenge < 1 or args.requests < 2 or args.commit_every < 1:
        parser.error("--eingaenge >= 1, --requests >= 2, --commit-every >= 1")
    return args


# -- build ------------------------------------------------------------------


def weighted(rng, pairs):
    return rng.choices([value for value, _weight in pairs], [weight for _value, weight in pairs])[0]


def make_users():
    for username, group in ((POSTSTELLE_USER, "poststelle"), (FACHDIENST_USER, fachdienst_group_id(BAUEN))):
        api.user.create(email=f"{username}@example.org", username=username, password=secrets.token_urlsafe(16))
        api.group.add_user(groupname=group, username=username)


def set_state(workflow_tool, eingang, state, received, rng):
    """The state (and for erledigt, when it was reached) without running the
    transitions; the role mappings follow the state as a transition would."""
    if state == "eingegangen":
        return
    moment = received + datetime.timedelta(hours=rng.uniform(2, 24 * 30))
    workflow_tool.setStatusOf(
        EINGANG_WORKFLOW,
        eingang,
        {"review_state": state, "action": "bench", "actor": "admin", "comments": "", "time": DateTime(moment)},
    )
    workflow_tool.getWorkflowById(EINGANG_WORKFLOW).updateRoleMappingsFor(eingang)


def build(context):
    app, portal, args = context["app"], context["portal"], context["args"]
    rng = random.Random(args.seed)
    area = portal["posteingang"]
    workflow_tool = api.portal.get_tool("portal_workflow")
    make_users()
    transaction.commit()
    today = datetime.datetime.now().replace(second=0, microsecond=0)
    counters = {}
    started = time.perf_counter()
    for index in range(1, args.eingaenge + 1):
        received = today - datetime.timedelta(minutes=rng.randint(0, 365 * 24 * 60))
        counters[received.year] = counters.get(received.year, 0) + 1
        number = f"E-{received.year}-{counters[received.year]:05d}"
        fachdienst = weighted(rng, FACHDIENSTE)
        state = weighted(rng, STATES)
        if state == "eingegangen" and rng.random() < 0.5:
            fachdienst = None  # not routed yet
        eingang = createContentInContainer(
            area,
            "Eingang",
            checkConstraints=False,
            id=number.lower(),
            title=f"{rng.choice(SUBJECTS)} {index}",
            eingangsnummer=number,
            eingangsdatum=received,
            channel=weighted(rng, CHANNELS),
            sender_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
            fachdienst=fachdienst,
            responsible=FACHDIENST_USER if fachdienst == BAUEN and rng.random() < 0.05 else None,
            deadline=(received + datetime.timedelta(days=rng.randint(7, 60))).date() if rng.random() < 0.3 else None,
        )
        set_state(workflow_tool, eingang, state, received, rng)
        if index % args.commit_every == 0:
            harness_plone.commit(app)
            elapsed = time.perf_counter() - started
            log(
                f"[build] {index:,}/{args.eingaenge:,} Eingänge, {index / elapsed:,.0f}/s, elapsed {hms(elapsed)}, "
                f"ETA {hms((args.eingaenge - index) / (index / elapsed))}, RSS {harness.rss_mb():,.0f} MB"
            )
    # The intake counts on from the numbers given here (as after an import).
    for year, count in counters.items():
        numbering.counters(portal)[f"eingang:{year}"] = count
    harness_plone.commit(app)
    seconds = time.perf_counter() - started
    catalog = api.portal.get_tool("portal_catalog")
    log(f"[build] {args.eingaenge:,} Eingänge in {hms(seconds)}; catalog {len(catalog):,}")
    return [
        ("build: Eingänge created and indexed", args.eingaenge, None, None, None, f"{args.eingaenge / seconds:,.0f}/s")
    ]


# -- lists --------------------------------------------------------------------


def fresh_request(app, form):
    """A new request for one rendering, through the site's traversal hook
    (browser layers)."""
    root = makerequest(aq_base(app))
    request = root.REQUEST
    request.form.update(form)
    request["ACTUAL_URL"] = request["URL"] = "http://localhost:8080/"
    portal = root[harness.SITE]
    setRequest(request)
    setSite(portal)
    notify(BeforeTraverseEvent(portal, request))
    return portal, request


def render(app, path, view_name, form, marker="posteingang-list"):
    portal, request = fresh_request(app, form)
    context = portal.unrestrictedTraverse(path) if path else portal
    view = getMultiAdapter((context, request), name=view_name)
    html = view()
    assert marker in html, html[:500]
    return html


def catalog_only(app, scope, form):
    """What the view asks the catalog for its page, without the view."""
    fresh_request(app, form)
    filters = listing.Filters.from_form(form)
    results = listing.search(scope, filters)
    return [(brain.getURL(), brain.eingangsnummer, brain.Title, brain.posteingang_state) for brain in results]


def sign_in(portal, username):
    user = portal.acl_users.getUserById(username)
    newSecurityManager(None, aq_base(user).__of__(portal.acl_users))


def timed(function, count):
    for _ in range(WARMUP):
        function()
    seconds, _results = harness.time_each(lambda _item: function(), range(count))
    return seconds


def lists(context):
    app, portal, args = context["app"], context["portal"], context["args"]
    app._p_jar.cacheMinimize()  # like a restarted server; then the warm-up
    bauen_list = fachdienst_group_id(BAUEN)
    cases = (
        (POSTSTELLE_USER, "Poststelle: all, default sort", "posteingang", "posteingang-liste", {}, {}),
        (
            POSTSTELLE_USER,
            "Poststelle: all, state+channel filter",
            "posteingang",
            "posteingang-liste",
            {"status": "eingegangen", "kanal": "email"},
            {},
        ),
        (
            FACHDIENST_USER,
            "Fachdienst IV, default sort",
            "",
            "mein-posteingang",
            {"liste": bauen_list},
            listing.fachdienst_scope(BAUEN),
        ),
        (
            FACHDIENST_USER,
            "Fachdienst IV, older than 14 days",
            "",
            "mein-posteingang",
            {"liste": bauen_list, "alter": "14", "sortierung": "frist"},
            listing.fachdienst_scope(BAUEN),
        ),
    )
    rows = []
    for username, label, path, view_name, form, scope in cases:
        sign_in(portal, username)
        total = len(listing.search(scope, listing.Filters.from_form(form)))
        view_seconds = timed(lambda: render(app, path, view_name, form), args.requests)
        query_seconds = timed(lambda: catalog_only(app, scope, form), args.requests)
        transaction.abort()
        hits = listing.search(scope, listing.Filters.from_form(form)).actual_result_count
        log(f"[lists] {label}: {hits:,} items, view p95 {harness.ms_stats(view_seconds)[1]:.1f} ms")
        rows.append((f"list view: {label}", args.requests, *harness.ms_stats(view_seconds), f"{hits:,} items"))
        rows.append(
            ("  reference: catalog query alone", args.requests, *harness.ms_stats(query_seconds), f"page of {total}")
        )
        if username == POSTSTELLE_USER and not form:
            # Plone's own listing of the same area (listing_view, a batch of
            # 20 by position in the folder): the same page frame around it.
            plone_seconds = timed(lambda: render(app, "posteingang", "listing_view", {}, "entries"), args.requests)
            transaction.abort()
            rows.append(
                ("  reference: Plone's listing_view of the area", args.requests, *harness.ms_stats(plone_seconds), "")
            )
    return rows


SECTIONS = {"build": build, "lists": lists, "mails": posteingang_intake.mails, "batch": posteingang_intake.batch}

SUMMARY_COLUMNS = (
    Column("measurement", 52, sep="", align="<"),
    Column("n", 7),
    Column("p50", 10, "{}"),
    Column("p95", 10, "{}"),
    Column("max", 10, "{}"),
    Column("note", 20, sep="  ", align="<"),
)


def ms(value):
    return "" if value is None else f"{value:.1f}ms"


def main(app, argv):
    args = parse_args(argv)
    wall = time.perf_counter()
    chosen = [name.strip() for name in args.sections.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in SECTIONS]
    if unknown:
        log(f"unknown sections {unknown}; known: {', '.join(SECTIONS)}")
        return 2
    portal, created, site_seconds = harness_plone.bench_site(app)
    if "build" in chosen and len(portal["posteingang"].objectIds()):
        log("[setup] the Posteingang has Eingänge already: run `make bench-posteingang` (empty var/bench)")
        return 2
    log(f"[setup] site '{portal.getId()}' {'created' if created else 'exists'} in {site_seconds:.1f} s")
    context = {"app": app, "portal": portal, "args": args}
    rows = []
    try:
        for name in chosen:
            rows += SECTIONS[name](context)
    except Exception:
        transaction.abort()
        traceback.print_exc()
        return 1
    lines = [
        f"Posteingang benchmark: {args.eingaenge:,} Eingänge, {args.requests} timed renderings per case, "
        f"seed {args.seed}; {harness.storage_sizes()}; wall {hms(time.perf_counter() - wall)}",
        "",
        *harness.table(
            SUMMARY_COLUMNS,
            [(label, n, ms(p50), ms(p95), ms(top), note) for label, n, p50, p95, top, note in rows],
            rule="-",
        ),
    ]
    print("\n".join(lines), flush=True)
    return 0


if "app" in globals():  # the Zope root, provided by bin/instance run (with a REQUEST)
    sys.exit(main(app, harness.script_args()))  # noqa: F821
