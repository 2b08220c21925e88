"""The judged query set (judged_corpus.py) against the catalog: the German
lexicon as our channels query it and as REST clients send the text, and
Plone's own plone_lexicon on a second index of the same documents, as the
search page queried it before and as the raw text. Recall@10 and MRR per
channel and kind go to the terminal summary (tests/reporting.py)."""

from collections import Counter

import pytest
from plone import api
from plone.base.utils import munge_search_term
from plone.namedfile.file import NamedBlobFile
from Products.ZCTextIndex.ParseTree import ParseError

from mittelangeln.policy.fulltext.catalog import PLONE_LEXICON
from mittelangeln.policy.fulltext.catalog import IndexSettings
from mittelangeln.policy.fulltext.query import searchable_text
from tests.fulltext.judged_corpus import AKTENZEICHEN
from tests.fulltext.judged_corpus import DOCUMENTS
from tests.fulltext.judged_corpus import KINDS
from tests.fulltext.judged_corpus import NEGATIVE
from tests.fulltext.judged_corpus import QUERIES
from tests.reporting import report_section


CUTOFF = 10
PLONE_INDEX = "SearchableText_plone"
NEW, NEW_RAW, OLD, OLD_RAW = "page-new", "raw-new", "page-old", "raw-old"
# channel: (index, query text of what the user typed)
CHANNELS = {
    NEW: ("SearchableText", searchable_text),  # our search page and REST query (query.py)
    NEW_RAW: ("SearchableText", lambda text: text),  # REST @search clients: the text itself
    OLD: (PLONE_INDEX, munge_search_term),  # Plone's search page before
    OLD_RAW: (PLONE_INDEX, lambda text: text),  # REST @search on Plone's lexicon
}
SIDE_BY_SIDE = (OLD, NEW, OLD_RAW, NEW_RAW)
MIN_RECALL = 0.95


class Run:
    """The ranked ids each channel returned for each judged query."""

    def __init__(self, ranked, indexes, refused):
        self.ranked = ranked  # {(channel, query): [id, ...]}
        self.indexes = indexes  # {index: (lexicon id, objects indexed)}
        self.refused = refused  # {(channel, query)} the index's query parser refused

    def results(self, channel, judged):
        return self.ranked[channel, judged.query]

    def recall(self, channel, judged):
        top = set(self.results(channel, judged)[:CUTOFF])
        return len(judged.relevant & top) / len(judged.relevant)

    def reciprocal_rank(self, channel, judged):
        for rank, found in enumerate(self.results(channel, judged)[:CUTOFF], 1):
            if found in judged.relevant:
                return 1 / rank
        return 0.0

    def violations(self, channel, judged, cutoff=None):
        return judged.must_not & set(self.results(channel, judged)[:cutoff])

    def mean(self, measure, channel, queries):
        return sum(measure(channel, judged) for judged in queries) / len(queries)

    def exact(self, channel, judged):
        return set(self.results(channel, judged)) == judged.relevant


def ranked_ids(catalog, container, index, query_text):
    if not query_text:
        return []
    query = {index: query_text, "portal_type": "Dokument", "path": "/".join(container.getPhysicalPath())}
    return [brain.getId for brain in catalog(**query)]


def measure(container):
    """Index the corpus on both lexicons and run every query on every channel."""
    catalog = api.portal.get_tool("portal_catalog")
    catalog.addIndex(PLONE_INDEX, "ZCTextIndex", IndexSettings(PLONE_LEXICON))
    for document in DOCUMENTS:
        api.content.create(
            container=container, type="Dokument", id=document.id, title=document.title, kind="eingang",
            file=NamedBlobFile(document.text.encode("utf-8"), contentType="text/plain", filename=f"{document.id}.txt"),
        )  # fmt: skip
    ranked, refused = {}, set()
    for channel, (index, make_query) in CHANNELS.items():
        for judged in QUERIES:
            try:
                ranked[channel, judged.query] = ranked_ids(catalog, container, index, make_query(judged.query))
            except ParseError:  # counts as nothing found
                ranked[channel, judged.query] = []
                refused.add((channel, judged.query))
    indexes = {
        name: (index.lexicon_id, index.indexSize())
        for name, index in ((name, catalog._catalog.getIndex(name)) for name in ("SearchableText", PLONE_INDEX))
    }
    return Run(ranked, indexes, refused)


def report(run):
    def figures(channel, queries):
        return f"{run.mean(run.recall, channel, queries):8.2f} {run.mean(run.reciprocal_rank, channel, queries):6.2f}"

    lines = [
        f"{len(QUERIES)} judged queries on {len(DOCUMENTS)} documents, recall@{CUTOFF} and MRR; "
        f"old = Plone's {PLONE_LEXICON}, new = German lexicon.",
        "page = as the search page queries (old: munge_search_term, new: searchable_text); "
        "raw = the text as REST @search clients send it; recall and MRR in the top 10.",
        "",
        f"{'':16} {'':>3}   " + "   ".join(f"{channel:^15}" for channel in SIDE_BY_SIDE),
        f"{'kind':16} {'n':>3}" + "   recall@10    MRR" * len(SIDE_BY_SIDE),
    ]
    groups = [(kind, [judged for judged in QUERIES if judged.kind == kind]) for kind in KINDS]
    for name, queries in [*groups, ("overall", list(QUERIES))]:
        cells = "   ".join(figures(channel, queries) for channel in SIDE_BY_SIDE)
        lines.append(f"{name:16} {len(queries):3}   {cells}")
    guarded = [judged for judged in QUERIES if judged.must_not]
    codes = [judged for judged in QUERIES if judged.kind == AKTENZEICHEN]
    lines.append("")
    for channel in SIDE_BY_SIDE:
        in_top = sum(len(run.violations(channel, judged, CUTOFF)) for judged in guarded)
        anywhere = sum(len(run.violations(channel, judged)) for judged in guarded)
        exact = sum(run.exact(channel, judged) for judged in codes)
        lines.append(
            f"{channel}: {in_top} must-not documents in a top {CUTOFF}, {anywhere} in the results "
            f"({len(guarded)} guarded queries); Aktenzeichen exact {exact}/{len(codes)}; "
            f"{sum(1 for refused, _query in run.refused if refused == channel)} queries refused by the parser"
        )
    for channel in CHANNELS:
        for judged in guarded:
            found = run.violations(channel, judged)
            if found:
                lines.append(f"must not ({channel}): {judged.query!r} found {', '.join(sorted(found))}")
    for channel in (NEW, NEW_RAW):
        for judged in QUERIES:
            missed = judged.relevant - set(run.results(channel, judged)[:CUTOFF])
            if missed:
                lines.append(f"missed ({channel}): {judged.query!r} ({judged.kind}): {', '.join(sorted(missed))}")
    return lines


@pytest.fixture(scope="module")
def measurements():
    return {}


@pytest.fixture
def run(request, measurements):
    """The channels' results, measured once per module (the figures are
    plain data; the documents go with the first test's transaction)."""
    if "run" not in measurements:
        measurements["run"] = measure(request.getfixturevalue("akte"))
        report_section(
            "Full-text search: judged queries (tests/fulltext/judged_corpus.py)", report(measurements["run"])
        )
    return measurements["run"]


def test_the_judged_set_covers_every_kind():
    ids = [document.id for document in DOCUMENTS]
    assert len(ids) == len(set(ids)) >= 44
    assert len(QUERIES) >= 64
    kinds = Counter(judged.kind for judged in QUERIES)
    assert set(kinds) == set(KINDS) and kinds[NEGATIVE] >= 8
    for judged in QUERIES:
        assert judged.relevant and len(judged.relevant) <= CUTOFF, judged.query
        assert judged.relevant | judged.must_not <= set(ids), judged.query
        assert not judged.relevant & judged.must_not, judged.query


def test_both_indexes_hold_the_corpus(run):
    assert run.indexes["SearchableText"][0] == "german_lexicon"
    assert run.indexes[PLONE_INDEX][0] == PLONE_LEXICON
    assert all(indexed >= len(DOCUMENTS) for _lexicon, indexed in run.indexes.values())
    for channel in CHANNELS:
        assert run.results(channel, QUERIES[0]), channel


@pytest.mark.parametrize("channel", [NEW, NEW_RAW])
def test_the_german_lexicon_finds_what_the_clerk_wants(run, channel):
    recall = run.mean(run.recall, channel, QUERIES)
    missed = [judged.query for judged in QUERIES if run.recall(channel, judged) < 1]
    assert recall >= MIN_RECALL, f"recall@{CUTOFF} {recall:.3f}, missed in: {missed}"


@pytest.mark.parametrize("channel", [NEW, NEW_RAW])
def test_no_negative_case_is_matched(run, channel):
    matched = {judged.query: sorted(run.violations(channel, judged)) for judged in QUERIES if judged.must_not}
    assert {query: found for query, found in matched.items() if found} == {}


@pytest.mark.parametrize("channel", [NEW, NEW_RAW])
def test_aktenzeichen_are_found_exactly(run, channel):
    for judged in QUERIES:
        if judged.kind == AKTENZEICHEN:
            assert set(run.results(channel, judged)) == judged.relevant, judged.query


def test_plone_lexicon_is_worse_on_the_same_documents(run):
    assert run.mean(run.recall, OLD, QUERIES) < run.mean(run.recall, NEW, QUERIES)
    assert run.mean(run.reciprocal_rank, OLD, QUERIES) < run.mean(run.reciprocal_rank, NEW, QUERIES)
