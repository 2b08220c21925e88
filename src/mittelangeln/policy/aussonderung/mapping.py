"""Akten of the portal as xdomea objects (aussonderung/xdomea/model.py).

Plan position → Aktenplaneinheit, Akte/Bauakte/Personalakte → Akte,
Vorgang → Vorgang, Dokument and its versions → Dokument/Version; the
retention and the plan position's archival value → Aussonderungsmetadaten.
Files are never read here: each version gets an ``open`` callable on its blob.
"""

import datetime
import hashlib
import posixpath
import uuid

from plone import api

from mittelangeln.policy.aussonderung.identifiers import xdomea_uuid
from mittelangeln.policy.aussonderung.xdomea import model
from mittelangeln.policy.aussonderung.xdomea.codes import format_code
from mittelangeln.policy.dokumente import pdfa
from mittelangeln.policy.eakte.content.aktenplan import IAktenplanPosition
from mittelangeln.policy.eakte.indexers import effective_retention
from mittelangeln.policy.eakte.lifecycle import enclosing
from mittelangeln.policy.eakte.retention import retention_until


# Bauakte and Personalakte fields that go into ``extra`` (round trip).
EXTRA_FIELDS = {
    "Bauakte": (
        "gemarkung",
        "flur",
        "flurstuecke",
        "site_address",
        "bauherr",
        "project",
        "permit_number",
        "permit_date",
    ),
    "Personalakte": ("employee_name", "personnel_number", "employed_from", "employed_until"),
}

# File UUIDs are derived, so the same version is named alike in every message.
FILE_NAMESPACE = uuid.UUID("6f1d7b0e-5b0c-4c8e-9a51-0a6d3c7f2e19")


def akte_model(akte, files=False):
    """The xdomea Akte of ``akte`` with its Vorgänge and Dokumente; with
    ``files`` every version of every Dokument, PDFs as their PDF/A copy."""
    position = enclosing(akte, IAktenplanPosition)
    retention = effective_retention(akte) or ""
    vorgaenge = [_vorgang(child, files) for child in _children(akte, "Vorgang")]
    return model.Akte(
        uuid=xdomea_uuid(akte),
        title=akte.title,
        aktenzeichen=akte.aktenzeichen or "",
        kind=akte.portal_type,
        plan_key=position.key if position is not None else "",
        plan_title=position.title if position is not None else "",
        fachdienst=akte.fachdienst or "",
        opened=akte.opened,
        closed=akte.closed,
        retention=retention,
        retention_until=retention_until(akte.closed, retention),
        proposal=(position.archival_value if position is not None else "") or "B",
        vorgaenge=vorgaenge,
        documents=[_document(child, files) for child in _children(akte, "Dokument")],
        extra=_extra(akte),
    )


def _children(container, portal_type):
    """Sorted by creation, so messages list objects in a stable order."""
    items = [obj for obj in container.objectValues() if obj.portal_type == portal_type]
    return sorted(items, key=lambda obj: (obj.created(), obj.getId()))


def _vorgang(vorgang, files):
    return model.Vorgang(
        uuid=xdomea_uuid(vorgang),
        title=vorgang.title,
        aktenzeichen=vorgang.aktenzeichen or "",
        opened=vorgang.created().asdatetime().date(),
        closed=_done_on(vorgang),
        documents=[_document(child, files) for child in _children(vorgang, "Dokument")],
    )


def _done_on(vorgang):
    """The day the Vorgang was last completed (workflow history)."""
    history = getattr(vorgang, "workflow_history", {}).get("mittelangeln_vorgang_workflow", ())
    days = [entry["time"].asdatetime().date() for entry in history if entry.get("action") == "complete"]
    return days[-1] if days else None


def _document(dokument, files):
    return model.Document(
        uuid=xdomea_uuid(dokument),
        title=dokument.title,
        date=dokument.document_date,
        kind=dokument.kind or "",
        correspondent=dokument.correspondent or "",
        versions=list(_versions(dokument, files)),
    )


def _versions(dokument, files):
    """Every saved version (oldest first), then the current file if it was
    changed without a new version; without ``files`` only the metadata."""
    for number, (namedfile, created) in enumerate(_file_history(dokument), 1):
        yield _version(dokument, number, namedfile, created, files)


def _file_history(dokument):
    repository = api.portal.get_tool("portal_repository")
    with api.env.adopt_roles(["Manager"]):  # the history is read for the Registratur
        metadata = repository.getHistoryMetadata(dokument)
        length = metadata.getLength(countPurged=False) if metadata else 0
        history = []
        for selector in range(length):
            retrieved = repository.retrieve(dokument, selector, countPurged=False)
            stamp = retrieved.sys_metadata.get("timestamp")
            created = datetime.datetime.fromtimestamp(stamp) if stamp else None
            history.append((retrieved.object.file, created))
    current = dokument.file
    if not history or not _same_file(history[-1][0], current):
        history.append((current, dokument.modified().asdatetime().replace(tzinfo=None)))
    return [(namedfile, created) for namedfile, created in history if namedfile is not None]


def _same_file(first, second):
    if first is None or second is None:
        return first is second
    first_blob, second_blob = getattr(first, "_blob", None), getattr(second, "_blob", None)
    if first_blob is not None and first_blob is second_blob:
        return True
    return (first.filename, first.getSize()) == (second.filename, second.getSize()) and _digest(first) == _digest(
        second
    )


def _digest(namedfile):
    digest = hashlib.sha256()
    with namedfile.open() as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _version(dokument, number, namedfile, created, files):
    filename = namedfile.filename or f"{dokument.getId()}"
    extension = posixpath.splitext(filename)[1].lstrip(".").lower()
    mime_type = namedfile.contentType or "application/octet-stream"
    opener = namedfile.open
    is_pdf = mime_type == "application/pdf" or extension == "pdf"
    if is_pdf:
        # Handed over as PDF/A (made once by the conversion queue).
        extension, mime_type = "pdf", "application/pdf"
        if files:
            copy = pdfa.pdfa_copy(dokument, namedfile)
            filename, opener = copy.filename, copy.open
    extension = extension or "bin"
    file_uuid = str(uuid.uuid5(FILE_NAMESPACE, f"{xdomea_uuid(dokument)}/{number}/{extension}"))
    return model.Version(
        number=number,
        file_uuid=file_uuid,
        filename=filename,
        extension=extension,
        mime_type=mime_type,
        format_code=format_code(extension, pdfa=is_pdf),
        created=created,
        open=opener if files else None,
    )


def _extra(akte):
    extra = {}
    for name in EXTRA_FIELDS.get(akte.portal_type, ()):
        value = getattr(akte, name, None)
        if value in (None, "", []):
            continue
        if isinstance(value, list | tuple):
            value = "\n".join(value)
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        extra[name] = str(value)
    return extra
