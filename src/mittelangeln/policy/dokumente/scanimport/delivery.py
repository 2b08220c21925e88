"""Import a scan-service delivery into the portal.

The manifest's rows are checked (scan_manifest.py, then against the portal:
does the Aktenzeichen, the Aktenplan position exist?); rows with problems are
skipped and reported, good rows become Dokumente, creating missing Bauakten
and Vorgänge on the way. Their conversion and OCR are queued
(scans/queue.py), not done here.

Every imported row is recorded in a ledger on the site (row identity →
UID) in the same transaction as its Dokument, and work is committed in
batches: a second run skips what is recorded, and a run killed midway loses
only its uncommitted batch, which the next run does again. So every document
exists exactly once however often the import runs.
"""

from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from BTrees.OOBTree import OOBTree
from plone import api
from plone.i18n.normalizer.interfaces import IURLNormalizer
from plone.namedfile.file import NamedBlobFile
from zope.annotation.interfaces import IAnnotations
from zope.component import queryUtility

from mittelangeln.policy.dokumente.scanimport.manifest import Problem
from mittelangeln.policy.dokumente.scanimport.manifest import read_manifest
from mittelangeln.policy.eakte.content import AKTE_TYPES
from mittelangeln.policy.i18n import _


LEDGER_KEY = "mittelangeln.policy.imported_scans"
DEFAULT_BATCH_SIZE = 20


@dataclass
class ImportResult:
    imported: int = 0
    skipped: int = 0  # imported by an earlier run
    created_akten: list = field(default_factory=list)
    created_vorgaenge: list = field(default_factory=list)
    problems: list = field(default_factory=list)


def ledger(portal):
    annotations = IAnnotations(portal)
    if LEDGER_KEY not in annotations:
        annotations[LEDGER_KEY] = OOBTree()
    return annotations[LEDGER_KEY]


def imported_uid(portal, identity):
    """UID of the Dokument an earlier run made of this row, if it still exists."""
    uid = ledger(portal).get(identity)
    return uid if uid is not None and api.content.get(UID=uid) is not None else None


def check_delivery(portal, delivery):
    """(rows ready to import, problems): the manifest's checks plus the
    portal's. Raises ManifestError when the manifest is unreadable."""
    delivery = Path(delivery)
    rows, problems = read_manifest(delivery)
    ready = []
    for row in rows:
        problem = _portal_problem(row)
        if problem is None:
            ready.append(row)
        else:
            problems.append(Problem(row.line, str(row.path.relative_to(delivery.resolve())), problem))
    problems.sort(key=lambda problem: problem.line)
    return ready, problems


def _portal_problem(row):
    target = row.target
    if target.aktenzeichen:
        if _akte_by_aktenzeichen(target.aktenzeichen) is None:
            return _("Unknown Aktenzeichen “${aktenzeichen}”.", mapping={"aktenzeichen": target.aktenzeichen})
    elif _position(target.plan_key) is None:
        return _("Unknown Aktenplan position “${key}”.", mapping={"key": target.plan_key})
    return None


def import_delivery(portal, delivery, fachdienst, commit, batch_size=DEFAULT_BATCH_SIZE, progress=None):
    """Check the delivery, then import its good rows, calling ``commit``
    after every ``batch_size`` Dokumente and at the end. ``progress(done,
    total)`` is told about every row."""
    rows, problems = check_delivery(portal, delivery)
    result = ImportResult(problems=problems)
    filer = _Filer(fachdienst, result)
    pending = 0
    for done, row in enumerate(rows, start=1):
        if imported_uid(portal, row.identity):
            result.skipped += 1
        else:
            dokument = filer.file(row)
            ledger(portal)[row.identity] = api.content.get_uuid(dokument)
            result.imported += 1
            pending += 1
            if pending >= batch_size:
                commit()
                pending = 0
        if progress is not None:
            progress(done, len(rows))
    commit()
    return result


class _Filer:
    """Finds or creates the Akte and Vorgang of each row; remembers them for
    the rows that follow."""

    def __init__(self, fachdienst, result):
        self.fachdienst = fachdienst
        self.result = result
        self.akten = {}
        self.vorgaenge = {}

    def file(self, row):
        container = self.vorgang(row) if row.vorgang else self.akte(row.target)
        with open(row.path, "rb") as data:
            blob = NamedBlobFile(data.read(), contentType="application/pdf", filename=row.path.name)
        return api.content.create(
            container=container,
            type="Dokument",
            id=_new_id(container, row.title),
            title=row.title,
            file=blob,
            document_date=row.date,
            kind=row.kind,
        )

    def akte(self, target):
        if target.key not in self.akten:
            akte = _akte_by_aktenzeichen(target.aktenzeichen) if target.aktenzeichen else _bauakte(target)
            if akte is None:
                akte = self._create_bauakte(target)
            self.akten[target.key] = akte
        return self.akten[target.key]

    def _create_bauakte(self, target):
        parcels = ", ".join(target.flurstuecke)
        title = target.akte_title or f"Bauakte {target.gemarkung}, Flur {target.flur}, Flurstück {parcels}"
        akte = api.content.create(
            container=_position(target.plan_key),
            type="Bauakte",
            title=title,
            fachdienst=self.fachdienst,
            gemarkung=target.gemarkung,
            flur=target.flur,
            flurstuecke=list(target.flurstuecke),
        )
        self.result.created_akten.append(akte.aktenzeichen)
        return akte

    def vorgang(self, row):
        akte = self.akte(row.target)
        key = (row.target.key, row.vorgang)
        if key not in self.vorgaenge:
            found = [
                brain.getObject()
                for brain in api.content.find(context=akte, depth=1, portal_type="Vorgang")
                if brain.Title == row.vorgang
            ]
            if found:
                self.vorgaenge[key] = found[0]
            else:
                vorgang = api.content.create(container=akte, type="Vorgang", title=row.vorgang)
                self.result.created_vorgaenge.append(vorgang.aktenzeichen)
                self.vorgaenge[key] = vorgang
        return self.vorgaenge[key]


def _new_id(container, title):
    """An id from the title, free in ``container``. Given to
    api.content.create, which otherwise creates the object under a random id
    and renames it, logging a catalog error for each Dokument."""
    base = queryUtility(IURLNormalizer).normalize(title) or "dokument"
    candidate, number = base, 1
    while candidate in container:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _akte_by_aktenzeichen(aktenzeichen):
    brains = api.content.find(aktenzeichen=aktenzeichen, portal_type=list(AKTE_TYPES))
    return brains[0].getObject() if brains else None


def _position(plan_key):
    brains = api.content.find(plan_key=plan_key, portal_type="AktenplanPosition")
    return brains[0].getObject() if brains else None


def _bauakte(target):
    for brain in api.content.find(portal_type="Bauakte", gemarkung=target.gemarkung, flur=target.flur):
        akte = brain.getObject()
        if tuple(sorted(akte.flurstuecke or ())) == target.flurstuecke and akte.aq_parent.key == target.plan_key:
            return akte
    return None
