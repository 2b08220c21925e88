"""Builds the site of the feed benchmark (`make bench-api`, benchmarks/api.py).

    bin/instance-bench run benchmarks/api_site.py [--public N] [--intranet N] [--seed S]

Creates the site Mittelangeln without demo content in var/bench/ and fills it
with

- N public documents (default 10,000) in Öffentlich → Öffentliche Dokumente:
  about half Bekanntmachungen (every fifth with a PDF; one in ten already
  removed, some with a removal date ahead, a few not yet published), a
  quarter Pressemitteilungen, 15 % Satzungen (with PDF, valid from, Fassung)
  and 10 % Formulare (link); published by the Redaktion's workflow state,
  spread over Gemeinden, Fachdienste and the last three years;
- N intranet items (default 100,000): Akten in the Aktenplan, five Vorgänge
  each, and Dokumente (title, kind, date, correspondent; no file: the feed
  never searches their text, only the catalog's size and its security and
  date indexes matter here).

Items are added without the add events (no Aktenzeichen, no initial
versions, no mails): _setObject, the workflow's initial state and role
mappings, then the catalog through the index queue, as the portal indexes
them. Publishing sets the workflow state directly, as the transition would.
Progress goes to stderr; the last line on stdout is a JSON summary.
"""

# ruff: noqa: E402
import os
import sys


# benchmarks/ on the path: bin/instance run execs this file (see harness.py).
sys.path.insert(0, os.path.dirname(os.path.abspath(sys._getframe().f_code.co_filename)))

import itertools
import json

import corpus
import harness
import harness_plone
from DateTime import DateTime
from harness import Stopwatch
from harness import hms
from harness import log
from plone import api
from plone.dexterity.utils import createContent
from plone.namedfile.file import NamedBlobFile
from zope.annotation.interfaces import IAnnotations

from mittelangeln.policy.textpdf import text_pdf


MARKER = "mittelangeln.bench_api"
VORGAENGE_PER_AKTE = 5
DOKUMENTE_PER_VORGANG = 10
KINDS = (("Bekanntmachung", 50), ("Pressemitteilung", 25), ("Satzung", 15), ("OeffentlichesFormular", 10))


def parse_args(argv):
    parser = harness.argument_parser(__doc__)
    parser.add_argument("--public", type=int, default=10000, help="public documents (default 10000)")
    parser.add_argument("--intranet", type=int, default=100000, help="intranet items (default 100000)")
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--commit-every", type=int, default=1000)
    args = parser.parse_args(argv)
    if args.public < 20 or args.intranet < 0:
        parser.error("--public >= 20 (one page of the feed), --intranet >= 0")
    return args


class FastAdder:
    """Adds content the quick way and reports progress."""

    def __init__(self, app, total, commit_every):
        self.app = app
        self.workflow = api.portal.get_tool("portal_workflow")
        self.total = total
        self.commit_every = commit_every
        self.added = 0
        self.watch = Stopwatch()

    def add(self, container, type_name, item_id, state=None, **fields):
        obj = createContent(type_name, **fields)
        obj.id = item_id
        container._setObject(item_id, obj, suppress_events=True)
        obj = container._getOb(item_id)
        self.workflow.notifyCreated(obj)
        if state:
            self.set_state(obj, state)
        obj.indexObject()
        self.added += 1
        if self.added % self.commit_every == 0:
            self.commit()
        return obj

    def set_state(self, obj, state):
        definition = self.workflow.getWorkflowsFor(obj)[0]
        self.workflow.setStatusOf(
            definition.getId(),
            obj,
            {"action": "publish", "actor": "admin", "comments": "", "review_state": state, "time": DateTime()},
        )
        definition.updateRoleMappingsFor(obj)

    def commit(self):
        harness_plone.commit(self.app)
        rate = self.added / self.watch.seconds
        log(
            f"[build] {self.added:>7,}/{self.total:,} items, {rate:5.0f}/s, ETA {hms((self.total - self.added) / rate)}"
        )


def build_public(adder, portal, gen, count):
    area = portal["oeffentlich"]["dokumente"]
    rng = gen.rng
    gemeinden = api.portal.get_registry_record("mittelangeln.gemeinden")
    fachdienste = api.portal.get_registry_record("mittelangeln.fachdienste")
    pdf = text_pdf([["Amt Mittelangeln", "Oeffentliche Bekanntmachung", "Der Amtsvorsteher"]])
    now = DateTime()
    names = [name for name, _weight in KINDS]
    weights = [weight for _name, weight in KINDS]
    for number in range(1, count + 1):
        kind = rng.choices(names, weights)[0]
        gemeinde = rng.choice(gemeinden)
        topic = rng.choice(gen.topics)
        fields = {
            "title": f"{kind_title(kind)} {gen.topic(topic)} {gemeinde}",
            "description": f"{gen.noun()} {gen.noun()} – {gen.place()}",
            "gemeinde": gemeinde,
            "fachdienst": rng.choice(fachdienste),
            "effective_date": now - rng.uniform(0, 3 * 365),
        }
        if kind == "Bekanntmachung":
            roll = rng.random()
            if roll < 0.1:
                fields["expiration_date"] = now - rng.uniform(0, 60)  # removed already
            elif roll < 0.4:
                fields["expiration_date"] = now + rng.uniform(1, 90)
            elif roll < 0.42:
                fields["effective_date"] = now + rng.uniform(1, 14)  # not yet published
            if rng.random() < 0.2:
                fields["file"] = NamedBlobFile(
                    pdf, contentType="application/pdf", filename=f"bekanntmachung-{number}.pdf"
                )
        elif kind == "Satzung":
            fields["valid_from"] = gen.date(2000, 2026)
            fields["version"] = rng.choice(["Ursprungsfassung", "1. Nachtrag", "2. Nachtrag", "Neufassung"])
            fields["file"] = NamedBlobFile(pdf, contentType="application/pdf", filename=f"satzung-{number}.pdf")
        elif kind == "OeffentlichesFormular":
            fields["link"] = f"https://www.amt-mittelangeln.de/formulare/{number}"
        adder.add(area, kind, f"{kind.lower()}-{number:05d}", state="published", **fields)


def kind_title(kind):
    return {"OeffentlichesFormular": "Formular", "Pressemitteilung": "Mitteilung"}.get(kind, kind)


def intranet_items(adder, portal, gen):
    """Adds the Aktenplan, then Akten with their Vorgänge and Dokumente, without
    end; yields after each item, so the caller takes as many as it needs."""
    plan = adder.add(portal, "Aktenplan", "aktenplan", title="Aktenplan")
    yield
    groups = {}
    for key, title in corpus.PLAN_GROUPS:
        groups[key] = adder.add(plan, "AktenplanPosition", key, title=title, key=key, retention="10")
        yield
    leaves = []
    for position in corpus.PLAN_POSITIONS:
        key, title, retention, archival, _weight, _topic, _fd = position
        leaf = adder.add(
            groups[key[0]],
            "AktenplanPosition",
            key.replace(".", "-"),
            title=title,
            key=key,
            retention=retention,
            archival_value=archival,
        )
        leaves.append((leaf, position))
        yield
    for akte_number in itertools.count(1):
        leaf, position = leaves[akte_number % len(leaves)]
        topic = position[5]
        akte = adder.add(leaf, "Akte", f"akte-{akte_number:05d}", **gen.akte_fields(position))
        yield
        for vorgang_number in range(1, VORGAENGE_PER_AKTE + 1):
            vorgang = adder.add(
                akte,
                "Vorgang",
                f"vorgang-{vorgang_number}",
                title=gen.vorgang_title(topic, vorgang_number),
                responsible=gen.person(),
            )
            yield
            for dokument_number in range(1, DOKUMENTE_PER_VORGANG + 1):
                fields, _text = gen.dokument(topic, akte.title, "")
                adder.add(vorgang, "Dokument", f"dok-{dokument_number:02d}", **fields)
                yield


def build_intranet(adder, portal, gen, count):
    for _ in itertools.islice(intranet_items(adder, portal, gen), count):
        pass


def main(app, argv):
    args = parse_args(argv)
    portal, _created, _seconds = harness_plone.bench_site(app)
    if MARKER in IAnnotations(portal):
        log(f"[build] the site has benchmark content already: {dict(IAnnotations(portal)[MARKER])}")
        return 2
    gen = corpus.TextGenerator(args.seed)
    adder = FastAdder(app, args.public + args.intranet, args.commit_every)
    watch = Stopwatch()
    build_public(adder, portal, gen, args.public)
    build_intranet(adder, portal, gen, args.intranet)
    IAnnotations(portal)[MARKER] = {"public": args.public, "intranet": args.intranet}
    adder.commit()
    summary = {
        "public": args.public,
        "intranet": args.intranet,
        "catalog": len(api.portal.get_tool("portal_catalog")),
        "seconds": round(watch.seconds, 1),
    }
    print(json.dumps(summary), flush=True)
    # A closed database leaves its index file behind: the portal then starts
    # in seconds instead of scanning the whole Data.fs.
    app._p_jar.db().close()
    return 0


if "app" in globals():  # the Zope root, provided by bin/instance run
    sys.exit(main(app, harness.script_args()))  # noqa: F821
