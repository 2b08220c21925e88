"""Features, training and prediction of the routing suggestion, without
Plone: the portal (training.py) and the accuracy benchmark
(benchmarks/routing_accuracy.py) use the same code.

One text per Eingang: its subject (twice: it says most), the sender's
domain and organisation as tokens of their own, the channel and the start
of the document text (OCR). TF-IDF of words and word pairs (umlauts
folded like the rules do) feeds one classifier per target, chosen with
benchmarks/routing_accuracy.py: for the Fachdienst (a few classes, many
examples) a logistic regression (as accurate as ComplementNB and SGD, and
its probabilities are calibrated, which the confidence shown needs); for
the Vorgang (hundreds of classes, a few letters each) ComplementNB, which
found the Vorgang about twice as often as logistic regression, SGD or the
nearest earlier letter (cosine), and trains in a fraction of a second."""

import io
import re
from collections import Counter
from dataclasses import dataclass

import joblib
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.linear_model import SGDClassifier
from sklearn.naive_bayes import ComplementNB
from sklearn.pipeline import make_pipeline

from mittelangeln.policy.posteingang.rules import normalized


TEXT_CHARS = 3000  # of the document text: the letter's first page says enough
MIN_EXAMPLES = 10  # fewer decisions teach nothing worth proposing
TOKEN = re.compile(r"[^\W_]+")
AKTENZEICHEN = re.compile(r"\b\d{1,3}(?:\.\d+)*/\d{1,5}(?:-\d+)?\b")


@dataclass
class Sample:
    subject: str = ""
    sender_email: str = ""
    sender_organisation: str = ""
    channel: str = ""
    text: str = ""


def features(sample):
    """The text the vectorizer reads for ``sample``."""
    email = (sample.sender_email or "").strip().casefold()
    domain = email.rsplit("@", 1)[1] if "@" in email else ""
    parts = [sample.subject, sample.subject]
    if domain:
        # The whole domain and its parent (bau.kreis-sl.de → kreis-sl.de).
        labels = domain.split(".")
        parts += ["xdomain" + "x".join(TOKEN.findall(".".join(labels[i:]))) for i in range(max(len(labels) - 1, 1))]
    if sample.sender_organisation:
        parts.append("xorg" + "x".join(TOKEN.findall(normalized(sample.sender_organisation))))
        parts.append(sample.sender_organisation)
    if sample.channel:
        parts.append("xchannel" + sample.channel)
    text = (sample.text or "")[:TEXT_CHARS]
    parts.append(text)
    # A reference ("Ihr Zeichen: 632.1/0042-3") as one token: it names the case.
    parts += ["xaz" + "x".join(TOKEN.findall(found)) for found in AKTENZEICHEN.findall(f"{sample.subject} {text}")]
    return normalized("\n".join(part for part in parts if part))


def make_estimator(kind="logreg"):
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, max_features=100_000)
    if kind == "logreg":
        model = LogisticRegression(C=20.0, max_iter=2000)
    elif kind == "sgd":
        model = SGDClassifier(loss="modified_huber", alpha=1e-4, random_state=0)
    elif kind == "cnb":
        model = ComplementNB(alpha=0.3)
    else:
        raise ValueError(kind)
    return make_pipeline(vectorizer, model)


class Target:
    """One classifier (Fachdienst or Vorgang); a single known label is
    proposed with certainty, none with nothing."""

    def __init__(self, kind="logreg"):
        self.kind = kind
        self.estimator = None
        self.labels = []

    def fit(self, texts, labels):
        self.labels = sorted(set(labels))
        self.estimator = None
        if len(self.labels) > 1:
            self.estimator = make_estimator(self.kind).fit(texts, labels)
        return self

    def ranked(self, texts, top=3):
        """Per text the ``top`` labels with their probability, best first."""
        if not self.labels:
            return [[] for _text in texts]
        if self.estimator is None:
            return [[(self.labels[0], 1.0)] for _text in texts]
        probabilities = self.estimator.predict_proba(texts)
        classes = list(self.estimator.classes_)
        found = []
        for row in probabilities:
            order = row.argsort()[::-1][:top]
            found.append([(classes[index], float(row[index])) for index in order])
        return found


class RoutingModel:
    """The Fachdienst classifier (every routed example) and the Vorgang
    classifier (the filed ones)."""

    def __init__(self, kind="logreg", vorgang_kind="cnb"):
        self.kind = kind
        self.fachdienst = Target(kind)
        self.vorgang = Target(vorgang_kind)
        self.examples = 0

    def fit(self, samples, fachdienste, vorgaenge):
        """``vorgaenge``: the Vorgang label of each sample or None (not filed)."""
        texts = [features(sample) for sample in samples]
        self.examples = len(texts)
        self.fachdienst.fit(texts, list(fachdienste))
        filed = [(text, label) for text, label in zip(texts, vorgaenge, strict=True) if label]
        self.vorgang.fit([text for text, _label in filed], [label for _text, label in filed])
        return self

    def predict(self, samples, top=3):
        """Per sample (ranked Fachdienste, ranked Vorgänge)."""
        texts = [features(sample) for sample in samples]
        return list(zip(self.fachdienst.ranked(texts, top), self.vorgang.ranked(texts, top), strict=True))

    def dumps(self):
        buffer = io.BytesIO()
        joblib.dump(self, buffer, compress=3)
        return buffer.getvalue()

    @staticmethod
    def loads(data):
        return joblib.load(io.BytesIO(data))


def most_frequent(labels):
    return Counter(labels).most_common(1)[0][0] if labels else None
