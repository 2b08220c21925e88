"""Accuracy of the learned routing suggestion on a generated history.

    make bench-routing [BENCH_ARGS="--count 2000 --seed 17"]

Generates a history of Eingänge (posteingang/suggestion/history.py: German
letters of the four Fachdienste in cases, with overlapping topics, shared
senders, misrouted and unfiled items), trains on the first 80 % in order of
arrival and reports, on the last 20 %, accuracy and top-2 accuracy for the
Fachdienst and for the target Vorgang of each model next to the baselines
"most frequent class" and "routing rules alone" (an Eingang no rule
matches counts as wrong; with the most frequent Fachdienst as fallback in
a second row). Needs no database: it runs in bin/instance-bench only for
the buildout's packages.
"""

# ruff: noqa: E402
import os
import sys


# benchmarks/ on the path: bin/instance run execs this file (see harness.py).
sys.path.insert(0, os.path.dirname(os.path.abspath(sys._getframe().f_code.co_filename)))

import argparse
import time
import warnings
from collections import Counter

import harness

from mittelangeln.policy.posteingang.rules import first_match
from mittelangeln.policy.posteingang.suggestion import history
from mittelangeln.policy.posteingang.suggestion.core import RoutingModel
from mittelangeln.policy.posteingang.suggestion.core import most_frequent


def share(hits, total):
    return f"{100 * hits / total:5.1f} %" if total else "    –"


def evaluate(model, train, test):
    predictions = model.predict([entry.sample for entry in test], top=2)
    fd1 = sum(entry.fachdienst == ranked[0][0] for entry, (ranked, _v) in zip(test, predictions))
    fd2 = sum(entry.fachdienst in [label for label, _p in ranked] for entry, (ranked, _v) in zip(test, predictions))
    filed = [(entry, vorgaenge) for entry, (_f, vorgaenge) in zip(test, predictions) if entry.vorgang]
    v1 = sum(bool(ranked) and entry.vorgang == ranked[0][0] for entry, ranked in filed)
    v2 = sum(entry.vorgang in [label for label, _p in ranked] for entry, ranked in filed)
    return fd1, fd2, v1, v2, len(filed)


def main(argv=None):
    warnings.simplefilter("ignore")  # sklearn: "more classes than half the samples" (the Vorgänge; expected)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--train-share", type=float, default=0.8)
    args = parser.parse_args(argv)

    entries = history.generate(args.count, seed=args.seed)
    cut = int(len(entries) * args.train_share)
    train, test = entries[:cut], entries[cut:]
    train_vorgaenge = {entry.vorgang for entry in train if entry.vorgang}
    filed_test = [entry for entry in test if entry.vorgang]
    known_test = [entry for entry in filed_test if entry.vorgang in train_vorgaenge]
    print(
        f"History: {len(entries)} Eingänge (seed {args.seed}), {len(set(e.vorgang for e in entries if e.vorgang))} "
        f"Vorgänge; trained on the first {len(train)}, held out the last {len(test)} "
        f"({len(filed_test)} of them filed, {len(known_test)} into a Vorgang already seen in training)"
    )
    print(f"Fachdienste in the held-out part: {dict(Counter(e.fachdienst.split(' –')[0] for e in test))}")
    print()
    header = f"{'':34} {'Fachdienst':>10} {'top-2':>8}   {'Vorgang':>8} {'top-2':>8}   {'seen V.':>8}   {'train s':>7}"
    print(header)
    print("-" * len(header))

    top_fd = most_frequent([entry.fachdienst for entry in train])
    top_v = most_frequent([entry.vorgang for entry in train if entry.vorgang])
    second_fd = Counter(entry.fachdienst for entry in train).most_common(2)[-1][0]
    base1 = sum(entry.fachdienst == top_fd for entry in test)
    base2 = sum(entry.fachdienst in (top_fd, second_fd) for entry in test)
    basev = sum(entry.vorgang == top_v for entry in filed_test)
    print(
        f"{'Baseline: most frequent class':34} {share(base1, len(test)):>10} {share(base2, len(test)):>8}   "
        f"{share(basev, len(filed_test)):>8} {'':>8}   {'':>8}"
    )

    rules = history.rules()
    routed = [
        first_match(rules, e.sample.sender_email, e.sample.channel, e.sample.subject, e.sample.text) for e in test
    ]
    rule_hits = sum(rule is not None and rule.fachdienst == entry.fachdienst for rule, entry in zip(routed, test))
    fallback_hits = sum((rule.fachdienst if rule else top_fd) == entry.fachdienst for rule, entry in zip(routed, test))
    coverage = sum(rule is not None for rule in routed)
    print(f"{'Rules alone (' + share(coverage, len(test)).strip() + ' matched)':34} {share(rule_hits, len(test)):>10}")
    print(f"{'Rules, else most frequent':34} {share(fallback_hits, len(test)):>10}")

    for kind, vorgang_kind, title in (
        ("logreg", "cnb", "LogisticRegression / ComplementNB *"),
        ("logreg", "logreg", "LogisticRegression"),
        ("sgd", "sgd", "SGD (modified Huber)"),
        ("cnb", "cnb", "ComplementNB"),
    ):
        started = time.perf_counter()
        model = RoutingModel(kind, vorgang_kind).fit(
            [e.sample for e in train], [e.fachdienst for e in train], [e.vorgang for e in train]
        )
        seconds = time.perf_counter() - started
        fd1, fd2, v1, v2, filed = evaluate(model, train, test)
        seen = sum(
            1
            for e, (_f, ranked) in zip(test, model.predict([e.sample for e in test], top=1))
            if e.vorgang in train_vorgaenge and ranked and ranked[0][0] == e.vorgang
        )
        print(
            f"{title:34} {share(fd1, len(test)):>10} {share(fd2, len(test)):>8}   {share(v1, filed):>8} "
            f"{share(v2, filed):>8}   {share(seen, len(known_test)):>8}   {seconds:7.1f}"
        )
    print()
    print("All on TF-IDF of words and word pairs (suggestion/core.py: features).")
    print(
        "* the portal's model: Fachdienst / Vorgang. Vorgang: of the held-out Eingänge that were filed; "
        "seen V.: of those filed into a Vorgang that occurs in the training part (a new case cannot be proposed)."
    )


if __name__ == "__main__" or "app" in globals():  # python, or bin/instance-bench run
    main(harness.script_args())
