"""Import benchmark: a scan-service delivery through the portal pipeline,
against raw tesseract on the same pages in the same run.

Usage (a fresh database in var/bench/ each time):

    make bench-import BENCH_ARGS="--documents 200 --pages 5 --workers 2"
    bin/instance-bench run benchmarks/import_scans.py [--documents N] [--pages N] [--workers N] [--seed S]

1. generates the delivery (image-only PDFs of building-file pages with known
   words, dokumente/scanimport/generator.py) in var/bench/deliveries/, or
   reuses it;
2. creates the site without demo content and the Aktenplan position 632.1;
3. imports the delivery as bin/import-scans does (check, Bauakten and
   Vorgänge created, Dokumente added, conversion queued, batches of 20):
   "import without OCR" in Dokumente per second;
4. lets --workers conversion worker threads (dokumente/worker.py, the portal's
   own) work off the queue: documentviewer's page images and German OCR,
   text indexed in the catalog; end to end (import + conversion) in pages
   per minute;
5. reference: tesseract (same language, same page images the portal's OCR
   reads: greyscale at 300 dpi, see compat.ocr_at_scan_resolution) on
   --workers processes at a time, in pages per minute; only tesseract is
   timed, the page images are made beforehand;
6. prints both, the ratio (goal: at least 0.8) and how many of the known
   words each found (OCR recall).

Both sides run with OMP_THREAD_LIMIT=1: with several tesseract processes at
once, tesseract's own OpenMP threads would only compete for the same cores.
"""

# ruff: noqa: E402
import os
import sys


# benchmarks/ on the path: bin/instance run execs this file (see harness.py).
sys.path.insert(0, os.path.dirname(os.path.abspath(sys._getframe().f_code.co_filename)))

os.environ["OMP_THREAD_LIMIT"] = "1"

import concurrent.futures
import glob
import hashlib
import pathlib
import subprocess
import tempfile
import threading
import time

import harness
import harness_plone
import transaction
import Zope2
from harness import Stopwatch
from harness import log
from plone import api

from mittelangeln.policy.compat import OCR_DPI
from mittelangeln.policy.dokumente.conversion import page_texts
from mittelangeln.policy.dokumente.queue import open_jobs
from mittelangeln.policy.dokumente.scanimport import generator
from mittelangeln.policy.dokumente.scanimport.delivery import import_delivery
from mittelangeln.policy.dokumente.scanimport.generator import write_delivery
from mittelangeln.policy.dokumente.scanimport.progress import ProgressBar
from mittelangeln.policy.dokumente.worker import ConversionWorker
from mittelangeln.policy.textpdf import ghostscript


GOAL_RATIO = 0.8
FACHDIENST = "Fachdienst IV – Bauen und Umwelt"

DELIVERIES = pathlib.Path(harness.BENCH) / "deliveries"


def parse_args(argv):
    parser = harness.argument_parser(__doc__)
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--pages", type=int, default=5, help="pages per document")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args(argv)


def delivery_for(options):
    # The generator's source is part of the name: a changed generator makes a new delivery.
    version = hashlib.sha256(pathlib.Path(generator.__file__).read_bytes()).hexdigest()[:8]
    directory = DELIVERIES / f"{options.documents}x{options.pages}-seed{options.seed}-{version}"
    truth_file = directory / "truth.txt"
    if not truth_file.exists():
        log(f"generating {options.documents} documents x {options.pages} pages in {directory} ...")
        watch = Stopwatch()
        truth = write_delivery(directory, options.documents, options.pages, options.seed, threads=options.workers)
        lines = [
            f"{path}\t{page}\t{' '.join(words)}" for path, pages in truth.items() for page, words in enumerate(pages)
        ]
        truth_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
        log(f"generated in {watch.seconds:.0f} s")
    truth = {}
    for line in truth_file.read_text(encoding="utf-8").splitlines():
        path, page, words = line.split("\t")
        truth.setdefault(path, []).append(words.split())
    return directory, truth


def make_site(app):
    portal, _created, _seconds = harness_plone.bench_site(app)
    plan = api.content.create(container=portal, type="Aktenplan", id="aktenplan", title="Aktenplan")
    bau = api.content.create(container=plan, type="AktenplanPosition", id="6", title="Bau", key="6", retention="10")
    api.content.create(
        container=bau, type="AktenplanPosition", id="632-1", title="Baugenehmigungen", key="632.1", retention="30"
    )
    transaction.commit()
    return portal


def convert_all(portal, workers):
    """The portal's conversion workers, each in its own thread, until the
    queue is empty."""
    total = len(open_jobs(portal))
    progress = ProgressBar("OCR")

    def work():
        worker = ConversionWorker(Zope2.DB, interval=0)
        while worker.work_once() or remaining():
            time.sleep(0.2)

    def remaining():
        connection = Zope2.DB.open()
        try:
            return len(open_jobs(connection.root()["Application"][portal.getId()]))
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        time.sleep(1)
        portal._p_jar.sync()
        progress(total - len(open_jobs(portal)), total)
    progress(total, total)


def recall(texts_by_path, truth):
    """Share of the known words found in the OCR text of their page."""
    found = expected = 0
    for path, pages in truth.items():
        texts = texts_by_path.get(path, [])
        for number, words in enumerate(pages):
            text = texts[number].lower() if number < len(texts) else ""
            expected += len(words)
            found += sum(word.lower() in text for word in words)
    return found / expected if expected else 0.0


def page_images(delivery, truth, directory):
    """The images the portal's OCR step reads (compat.ocr_at_scan_resolution: each page
    rendered in greyscale at OCR_DPI), made for the reference run."""
    images = []
    for path in truth:
        stem = directory / pathlib.Path(path).stem
        stem.mkdir()
        subprocess.run(["qpdf", "--split-pages", str(delivery / path), str(stem / "page-%d.pdf")], check=True)
        for page in sorted(glob.glob(str(stem / "page-*.pdf")), key=lambda name: int(name.rsplit("-", 1)[1][:-4])):
            image = page[:-4] + ".pgm"
            ghostscript(page, image, "pgmraw", f"-r{OCR_DPI}")
            images.append((path, image))
    return images


def raw_tesseract(images, workers):
    def ocr(image):
        subprocess.run(["tesseract", image, image[:-4], "-l", "deu"], check=True, capture_output=True)

    with Stopwatch() as watch, concurrent.futures.ThreadPoolExecutor(workers) as pool:
        list(pool.map(ocr, [image for _, image in images]))
    return watch.seconds


def main(app, argv):
    options = parse_args(argv)
    delivery, truth = delivery_for(options)
    pages = sum(len(document) for document in truth.values())
    portal = make_site(app)

    progress = ProgressBar("Import")
    with Stopwatch() as watch:
        result = import_delivery(portal, delivery, FACHDIENST, commit=transaction.commit, progress=progress)
    import_seconds = watch.seconds
    assert result.imported == options.documents and not result.problems, result

    with Stopwatch() as watch:
        convert_all(portal, options.workers)
    convert_seconds = watch.seconds
    portal._p_jar.sync()
    brains = api.content.find(portal_type="Dokument")
    by_title = {brain.Title: brain.getObject() for brain in brains}
    texts = {}
    for index, path in enumerate(truth):
        dokument = next(obj for title, obj in by_title.items() if title.startswith(f"Scan {index + 1}:"))
        texts[path] = page_texts(dokument)
    portal_recall = recall(texts, truth)
    sample_word = truth[next(iter(truth))][0][0]
    catalog_hits = len(api.content.find(portal_type="Dokument", SearchableText=sample_word))

    with tempfile.TemporaryDirectory() as scratch:
        images = page_images(delivery, truth, pathlib.Path(scratch))
        raw_seconds = raw_tesseract(images, options.workers)
        raw_texts = {}
        for path, image in images:
            raw_texts.setdefault(path, []).append(pathlib.Path(image[:-4] + ".txt").read_text(encoding="utf-8"))
        raw_recall = recall(raw_texts, truth)

    end_to_end = pages / (import_seconds + convert_seconds) * 60
    conversion_only = pages / convert_seconds * 60
    raw = pages / raw_seconds * 60
    ratio = end_to_end / raw
    print(f"Delivery: {options.documents} Dokumente, {pages} pages, {options.workers} workers, OMP_THREAD_LIMIT=1")
    print(f"Import without OCR:      {result.imported / import_seconds:8.1f} Dokumente/s ({import_seconds:.1f} s)")
    total_seconds = import_seconds + convert_seconds
    print(f"Portal, end to end:      {end_to_end:8.1f} pages/min (import + conversion {total_seconds:.0f} s)")
    print(f"Portal, conversion only: {conversion_only:8.1f} pages/min ({convert_seconds:.0f} s)")
    print(f"Raw tesseract reference: {raw:8.1f} pages/min ({raw_seconds:.0f} s, same page images)")
    print(f"Ratio end to end / raw:  {ratio:8.2f} ({harness.goal_note(ratio, GOAL_RATIO, op='>=')})")
    print(f"OCR recall of known words: portal {portal_recall:.1%}, raw tesseract {raw_recall:.1%}")
    print(f"Catalog search for “{sample_word}”: {catalog_hits} Dokumente")


if "app" in globals():  # the Zope root, provided by bin/instance run
    sys.exit(main(app, harness.script_args()))  # noqa: F821
