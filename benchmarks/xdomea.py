"""xdomea benchmark: building the 0503 hand-over ZIP for 500 Akten with
10,000 Dokumente, its time and peak memory, against a plain ZIP of the same
files.

Usage (a fresh database in var/bench/ each time):

    make bench-xdomea
    make bench-xdomea BENCH_ARGS="--akten 50"
    bin/instance-bench run benchmarks/xdomea.py [--akten N] [--dokumente-per-vorgang N] [--seed S]

1. build (not timed as part of the figures): the site without demo content,
   the plan position 632.1 and --akten closed Akten (closed 1990, retention
   run out), each with 2 done Vorgänge of --dokumente-per-vorgang Dokumente:
   small text files of 2 to 6 KB, one small PDF per Vorgang and a second
   version for every tenth Dokument. Created with createContentInContainer
   (the versioning and catalog events run, as in the portal; the
   conversion worker does not run under `bin/instance-bench run`), states
   set with portal_workflow.setStatusOf, committed every --commit-every
   Akten. The PDFs are PDF/A already (one ocrmypdf run up front) and their
   PDF/A copies are recorded before the timing (pdfa.pdfa_copy), as the
   conversion queue would have done.
2. process.start(akten, two_stage=True): the process, every Akte and
   Vorgang locked (timed, reported on its own).
3. process.build_handover(process): the 0503 ZIP, streamed into a blob
   (timed). The peak memory is measured in a second run of the same build
   after an abort (tracemalloc slows Python down, so the timed run goes
   without it): tracemalloc's peak, and the growth of the process's
   ru_maxrss over the first run.
4. reference in the same run: the same files written into a plain zipfile
   (same compression per type, no XML, no metadata, no history lookup): the
   floor any hand-over of these files has to pay.
"""

# ruff: noqa: E402
import os
import sys


# benchmarks/ on the path: bin/instance run execs this file (see harness.py).
sys.path.insert(0, os.path.dirname(os.path.abspath(sys._getframe().f_code.co_filename)))

import datetime
import pathlib
import random
import resource
import tempfile
import time
import traceback
import tracemalloc
import zipfile

import harness
import harness_plone
import transaction
from DateTime import DateTime
from harness import Column
from harness import Stopwatch
from harness import hms
from harness import log
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile

from mittelangeln.policy.aussonderung import process as processes
from mittelangeln.policy.aussonderung.mapping import akte_model
from mittelangeln.policy.aussonderung.xdomea.package import STORED_EXTENSIONS
from mittelangeln.policy.aussonderung.xdomea.package import versions_of
from mittelangeln.policy.dokumente import pdfa
from mittelangeln.policy.textpdf import text_pdf


FACHDIENST = "Fachdienst IV – Bauen und Umwelt"
CLOSED = datetime.date(1990, 6, 29)
WORDS = (
    "Bauantrag Baugenehmigung Flurstück Gemarkung Stellungnahme Nachbar Grenzabstand Statik Abnahme Auflage "
    "Bebauungsplan Erschließung Entwässerung Schornstein Brandschutz Vermessung Grundbuch Bescheid Widerspruch"
).split()
KINDS = ("eingang", "ausgang", "vermerk", "bescheid", "antrag", "stellungnahme")


def parse_args(argv):
    parser = harness.argument_parser(__doc__)
    parser.add_argument("--akten", type=int, default=500, help="number of Akten (default 500)")
    parser.add_argument("--dokumente-per-vorgang", type=int, default=10, help="per Vorgang, 2 per Akte (default 10)")
    parser.add_argument("--seed", type=int, default=20261130, help="random seed of the content")
    parser.add_argument("--commit-every", type=int, default=10, help="Akten per transaction (default 10)")
    args = parser.parse_args(argv)
    if args.akten < 1 or args.dokumente_per_vorgang < 1 or args.commit_every < 1:
        parser.error("--akten, --dokumente-per-vorgang and --commit-every >= 1")
    return args


def text_file(rng, number):
    size = rng.randint(2048, 6144)
    words = []
    while sum(len(word) + 1 for word in words) < size:
        words.append(rng.choice(WORDS))
    return f"Vermerk {number}\n{' '.join(words)}\n".encode()


def pdfa_sample():
    """One small PDF/A (ocrmypdf, up front): taken unchanged by pdfa_copy."""
    with tempfile.TemporaryDirectory() as directory:
        source = pathlib.Path(directory) / "source.pdf"
        source.write_bytes(text_pdf([["Abnahmeschein", "Bauvorhaben Mittelangeln"]]))
        target = pdfa.make_pdfa(source, pathlib.Path(directory) / "pdfa.pdf", "sample")
        return (target or source).read_bytes()


def set_state(workflow_tool, obj, workflow_id, state, action):
    workflow_tool.setStatusOf(
        workflow_id,
        obj,
        {
            "review_state": state,
            "action": action,
            "actor": "admin",
            "comments": "",
            "time": DateTime(CLOSED.isoformat()),
        },
    )
    workflow_tool.getWorkflowById(workflow_id).updateRoleMappingsFor(obj)


def build(app, portal, args):
    rng = random.Random(args.seed)
    plan = api.content.create(container=portal, type="Aktenplan", id="aktenplan", title="Aktenplan")
    position = api.content.create(
        container=plan,
        type="AktenplanPosition",
        id="632-1",
        title="Baugenehmigungen",
        key="632.1",
        retention="10",
        archival_value="A",
    )
    transaction.commit()
    sample = pdfa_sample()
    workflow_tool = api.portal.get_tool("portal_workflow")
    repository = api.portal.get_tool("portal_repository")
    akten, pdf_dokumente, count, started = [], [], 0, time.perf_counter()
    for index in range(1, args.akten + 1):
        akte = createContentInContainer(
            position,
            "Akte",
            checkConstraints=False,
            id=f"akte-{index:04d}",
            title=f"Bauvorhaben {rng.choice(WORDS)} {index}",
            aktenzeichen=f"632.1/{index:04d}",
            fachdienst=FACHDIENST,
            opened=datetime.date(1985, 1, 2),
            closed=CLOSED,
        )
        for number in (1, 2):
            vorgang = createContentInContainer(
                akte,
                "Vorgang",
                checkConstraints=False,
                id=f"vorgang-{number}",
                title=f"Vorgang {number}",
                aktenzeichen=f"{akte.aktenzeichen}-{number}",
            )
            for position_in_vorgang in range(args.dokumente_per_vorgang):
                count += 1
                is_pdf = position_in_vorgang == 0
                if is_pdf:
                    file = NamedBlobFile(sample, contentType="application/pdf", filename=f"abnahme-{count}.pdf")
                else:
                    file = NamedBlobFile(
                        text_file(rng, count), contentType="text/plain", filename=f"vermerk-{count}.txt"
                    )
                dokument = createContentInContainer(
                    vorgang,
                    "Dokument",
                    checkConstraints=False,
                    id=f"dokument-{count}",
                    title=f"Dokument {count}",
                    file=file,
                    kind=rng.choice(KINDS),
                    document_date=datetime.date(1986, 1, 1) + datetime.timedelta(days=rng.randint(0, 1500)),
                )
                if is_pdf:
                    pdf_dokumente.append(dokument)
                elif count % 10 == 0:
                    dokument.file = NamedBlobFile(
                        text_file(rng, count), contentType="text/plain", filename=f"vermerk-{count}.txt"
                    )
                    repository.save(obj=dokument, comment="zweite Fassung")
            set_state(workflow_tool, vorgang, "mittelangeln_vorgang_workflow", "done", "complete")
            vorgang.reindexObject(idxs=["review_state", "allowedRolesAndUsers"])
        set_state(workflow_tool, akte, "mittelangeln_akte_workflow", "closed", "close")
        akte.reindexObject(idxs=["review_state", "allowedRolesAndUsers"])
        akten.append(akte)
        if index % args.commit_every == 0 or index == args.akten:
            harness_plone.commit(app)
            elapsed = time.perf_counter() - started
            log(
                f"[build] {index:,}/{args.akten:,} Akten, {count:,} Dokumente, {count / elapsed:,.0f}/s, "
                f"elapsed {hms(elapsed)}, RSS {harness.rss_mb():,.0f} MB"
            )
    with Stopwatch() as watch:
        for number, dokument in enumerate(pdf_dokumente, 1):
            pdfa.pdfa_copy(dokument)  # recorded as "unchanged": PDF/A already
            if number % 200 == 0:
                harness_plone.commit(app)
        harness_plone.commit(app)
    log(f"[build] PDF/A copies of {len(pdf_dokumente):,} PDFs recorded in {hms(watch.seconds)}")
    return [akte.UID() for akte in akten], count


def maxrss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def plain_zip_reference(akten):
    """(seconds, bytes, entries) of writing the same files into a plain ZIP."""
    files = []
    for akte in akten:
        for version in versions_of([akte_model(akte, files=True)]):
            files.append((version.primary_name, version.extension, version.open))
    with tempfile.TemporaryDirectory(dir=harness.BENCH) as directory:
        target = pathlib.Path(directory) / "reference.zip"
        with Stopwatch() as watch:
            with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
                for name, extension, opener in files:
                    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_STORED if extension in STORED_EXTENSIONS else zipfile.ZIP_DEFLATED
                    with opener() as source, archive.open(info, "w", force_zip64=True) as out:
                        while chunk := source.read(1 << 20):
                            out.write(chunk)
        return watch.seconds, target.stat().st_size, len(files)


def handover(akten_uids):
    """process.start (two-stage) and build_handover: (start s, build s, zip bytes, entries, rss growth MB)."""
    akten = [api.content.get(UID=uid) for uid in akten_uids]
    with Stopwatch() as start_watch:
        process = processes.start(akten, two_stage=True)
    rss_before = maxrss_mb()
    with Stopwatch() as build_watch:
        message = processes.build_handover(process)
    rss_growth = maxrss_mb() - rss_before
    blob = message["blob"]
    with blob.open() as data, zipfile.ZipFile(data) as archive:
        entries = len(archive.infolist())
    return process, start_watch.seconds, build_watch.seconds, blob.getSize(), entries, rss_growth


def traced_build(process):
    """build_handover again under tracemalloc: its peak in MB."""
    tracemalloc.start()
    try:
        processes.build_handover(process)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / (1024 * 1024)


SUMMARY_COLUMNS = (
    Column("measurement", 58, sep="", align="<"),
    Column("seconds", 10, "{}"),
    Column("ZIP MB", 9, "{}"),
    Column("entries", 8, "{}"),
    Column("note", 30, sep="  ", align="<"),
)


def main(app, argv):
    args = parse_args(argv)
    wall = time.perf_counter()
    portal, created, site_seconds = harness_plone.bench_site(app)
    if "aktenplan" in portal.objectIds():
        log("[setup] the site has an Aktenplan already: run `make bench-xdomea` (empty var/bench)")
        return 2
    log(f"[setup] site '{portal.getId()}' {'created' if created else 'exists'} in {site_seconds:.1f} s")
    try:
        with Stopwatch() as build_watch:
            akten_uids, dokumente = build(app, portal, args)
        app._p_jar.cacheMinimize()  # like a restarted server
        process, start_seconds, build_seconds, zip_bytes, entries, rss_growth = handover(akten_uids)
        log(f"[0503] built in {build_seconds:.1f} s: {zip_bytes / 1e6:,.1f} MB, {entries:,} entries")
        transaction.abort()  # the process and its locks again as before the build
        akten = [api.content.get(UID=uid) for uid in akten_uids]
        process = processes.start(akten, two_stage=True)
        peak_mb = traced_build(process)
        transaction.abort()
        log(f"[0503] tracemalloc peak {peak_mb:,.1f} MB")
        reference_seconds, reference_bytes, reference_entries = plain_zip_reference(
            [api.content.get(UID=uid) for uid in akten_uids]
        )
        transaction.abort()
    except Exception:
        transaction.abort()
        traceback.print_exc()
        return 1
    rows = [
        ("build the test data (not part of the figures)", build_watch.seconds, None, None, f"{dokumente:,} Dokumente"),
        ("process.start(two_stage=True): lock Akten and Vorgänge", start_seconds, None, None, ""),
        (
            "process.build_handover: the 0503 ZIP",
            build_seconds,
            zip_bytes,
            entries,
            f"peak {peak_mb:,.1f} MB traced, RSS +{rss_growth:,.0f} MB",
        ),
        ("  reference: same files into a plain zipfile", reference_seconds, reference_bytes, reference_entries, ""),
    ]
    lines = [
        f"xdomea benchmark: {args.akten:,} Akten, {dokumente:,} Dokumente, seed {args.seed}; "
        f"{harness.storage_sizes()}; wall {hms(time.perf_counter() - wall)}",
        "",
        *harness.table(
            SUMMARY_COLUMNS,
            [
                (
                    label,
                    f"{seconds:,.1f}",
                    "" if size is None else f"{size / 1e6:,.1f}",
                    "" if count is None else f"{count:,}",
                    note,
                )
                for label, seconds, size, count, note in rows
            ],
            rule="-",
        ),
        "",
        f"0503 / plain ZIP time: {build_seconds / max(reference_seconds, 1e-9):,.1f}x",
    ]
    print("\n".join(lines), flush=True)
    return 0


if "app" in globals():  # the Zope root, provided by bin/instance run (with a REQUEST)
    sys.exit(main(app, harness.script_args()))  # noqa: F821
