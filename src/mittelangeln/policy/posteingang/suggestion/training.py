"""The routing suggestion in the portal: training on the Eingänge routed
and filed so far, the model kept in the ZODB (one blob, shared by every
portal process), retraining when enough new decisions arrived, and the
suggestion for one Eingang.

``maybe_train(portal)`` is what the background worker calls: cheap when
there is nothing to do; the caller commits."""

import datetime
import logging
import uuid

from BTrees.Length import Length
from persistent.mapping import PersistentMapping
from plone import api
from ZODB.blob import Blob
from zope.annotation.interfaces import IAnnotations

from mittelangeln.policy import settings
from mittelangeln.policy.dokumente.content import IDokument
from mittelangeln.policy.dokumente.conversion import page_texts
from mittelangeln.policy.posteingang.intake import main_document
from mittelangeln.policy.posteingang.suggestion.core import MIN_EXAMPLES
from mittelangeln.policy.posteingang.suggestion.core import RoutingModel
from mittelangeln.policy.posteingang.suggestion.core import Sample


logger = logging.getLogger(__name__)

MODEL_KEY = "mittelangeln.policy.routing_model"
DECISIONS_KEY = "mittelangeln.policy.routing_decisions"
RETRAIN_AFTER = 20  # new decisions (routed by hand, filed, accepted, corrected)
RETRAIN_EVERY = datetime.timedelta(days=1)  # at the latest, if there was any
UNDECIDED = ("eingegangen",)
_loaded = {}  # token of the stored model → RoutingModel, per process


def decisions(portal):
    """The counter of decisions since the last training (conflict-free)."""
    annotations = IAnnotations(portal)
    if DECISIONS_KEY not in annotations:
        annotations[DECISIONS_KEY] = Length()
    return annotations[DECISIONS_KEY]


def count_decision(portal=None):
    decisions(portal or api.portal.get()).change(1)


def document_text(eingang):
    """The text of the Eingang's main document: its converted or OCR'd
    pages, a plain-text file (an e-mail body) as it is; after filing, the
    document in its Vorgang."""
    dokument = main_document(eingang)
    if dokument is None and eingang.filed_documents:
        found = [api.content.get(UID=uid) for uid in eingang.filed_documents[:1]]
        dokument = found[0] if found and IDokument.providedBy(found[0]) else None
    if dokument is None:
        return ""
    text = " ".join(page_texts(dokument))
    if not text and dokument.file is not None and (dokument.file.contentType or "").startswith("text/"):
        text = dokument.file.data[:8000].decode("utf-8", "replace")
    return text


def sample(eingang):
    return Sample(
        subject=eingang.Title(),
        sender_email=eingang.sender_email or "",
        sender_organisation=eingang.sender_organisation or "",
        channel=eingang.channel or "",
        text=document_text(eingang),
    )


def examples(portal):
    """(samples, Fachdienste, Vorgang UIDs or None) of every decided Eingang,
    read as the portal (every Eingang, whoever may see it)."""
    catalog = api.portal.get_tool("portal_catalog")
    samples, fachdienste, vorgaenge = [], [], []
    with api.env.adopt_roles(["Manager"]):
        for brain in catalog.unrestrictedSearchResults(portal_type="Eingang"):
            if brain.review_state in UNDECIDED:
                continue
            eingang = brain._unrestrictedGetObject()
            if not eingang.fachdienst:
                continue
            samples.append(sample(eingang))
            fachdienste.append(eingang.fachdienst)
            vorgaenge.append(eingang.filed_in or None)
    return samples, fachdienste, vorgaenge


def train(portal):
    """Train on the decided Eingänge and keep the model; returns a report."""
    samples, fachdienste, vorgaenge = examples(portal)
    annotations = IAnnotations(portal)
    report = {
        "examples": len(samples),
        "filed": sum(1 for uid in vorgaenge if uid),
        "fachdienste": len(set(fachdienste)),
        "vorgaenge": len({uid for uid in vorgaenge if uid}),
        "trained": False,
    }
    decisions(portal).set(0)
    if len(samples) < MIN_EXAMPLES:
        return report
    model = RoutingModel().fit(samples, fachdienste, vorgaenge)
    blob = Blob()
    with blob.open("w") as stream:
        stream.write(model.dumps())
    annotations[MODEL_KEY] = PersistentMapping(
        {
            "blob": blob,
            "token": uuid.uuid4().hex,
            "trained_at": datetime.datetime.now().replace(microsecond=0),
            **report,
            "trained": True,
        }
    )
    report["trained"] = True
    logger.info("routing suggestion trained on %(examples)s Eingänge (%(filed)s filed)", report)
    return report


def model_info(portal=None):
    return IAnnotations(portal or api.portal.get()).get(MODEL_KEY)


def maybe_train(portal):
    """Train if there is no model yet, if RETRAIN_AFTER decisions arrived,
    or once a day when any did; returns the report or None."""
    info = model_info(portal)
    new = decisions(portal)()
    if info is None:
        due = new > 0 or not IAnnotations(portal).get(MODEL_KEY + ".tried")
        if due:
            IAnnotations(portal)[MODEL_KEY + ".tried"] = True
    else:
        due = new >= RETRAIN_AFTER or (new > 0 and datetime.datetime.now() - info["trained_at"] >= RETRAIN_EVERY)
    return train(portal) if due else None


def load_model(portal=None):
    info = model_info(portal)
    if info is None:
        return None
    key = info["token"]
    if key not in _loaded:
        with info["blob"].open("r") as stream:
            model = RoutingModel.loads(stream.read())
        _loaded.clear()
        _loaded[key] = model
    return _loaded[key]


def suggest(eingang):
    """dict(fachdienst, fachdienst_confidence, vorgang_uid,
    vorgang_confidence) for ``eingang``; None where there is nothing to
    propose. Only a Vorgang that still exists and the user may see is
    proposed (the best of those the model ranks)."""
    found = {"fachdienst": None, "fachdienst_confidence": None, "vorgang_uid": None, "vorgang_confidence": None}
    model = load_model()
    if model is None:
        return found
    ((fachdienste, vorgaenge),) = model.predict([sample(eingang)], top=5)
    known = settings.fachdienste()
    for name, confidence in fachdienste:
        if name in known:
            found.update(fachdienst=name, fachdienst_confidence=confidence)
            break
    catalog = api.portal.get_tool("portal_catalog")
    for uid, confidence in vorgaenge:
        if len(catalog(UID=uid, portal_type="Vorgang")):
            found.update(vorgang_uid=uid, vorgang_confidence=confidence)
            break
    return found
