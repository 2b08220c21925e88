"""Import of an xdomea 0503 hand-over: Akten → Vorgänge → Dokumente (with
their versions) under an Aktenplan position.

The way in for records from another DMS (migration) and the round trip of
our own hand-overs. All or nothing: the whole message is checked first
(import_checks.py: every file against its SHA-256, every type, Fachdienst
and identity), then created inside a savepoint; any problem, and nothing is
created (MessageRefused with one German line per object). Every object keeps
its xdomea UUID (``xdomea_uuid``), so a second import of the same message
finds its Akten and adds nothing.

Upload: the 0503 ZIP. A bare 0503 XML is taken only when it names no
primary file (metadata-only Akten); otherwise each Dokument is reported
with its missing file.
"""

import hashlib
import mimetypes
import re
import string
import zipfile
from collections import Counter
from dataclasses import dataclass
from dataclasses import field

import transaction
from DateTime import DateTime
from plone import api
from plone.namedfile.file import NamedBlobFile
from zExceptions import Unauthorized
from ZODB.POSException import ConflictError
from zope.container.interfaces import INameChooser

from mittelangeln.policy import settings
from mittelangeln.policy.dokumente.conversion import is_pdf
from mittelangeln.policy.dokumente.queue import enqueue
from mittelangeln.policy.eakte import numbering
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate

from .import_checks import akte_word
from .import_checks import check_akten
from .import_checks import label
from .import_checks import walk
from .xdomea import package
from .xdomea import reader
from .xdomea import safexml
from .xdomea.errors import MessageRefused


MANAGE = "mittelangeln.policy: Manage Aussonderung"
MAX_XML_BYTES = 50 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
MESSAGE_NAME = re.compile(r"^[0-9A-Fa-f-]{36}_0503_\d+\.xml$")


@dataclass
class ImportResult:
    process_id: str = ""
    message_uuid: str = ""
    akten: list = field(default_factory=list)  # the Akten created (objects)
    counts: Counter = field(default_factory=Counter)  # Akte, Vorgang, Dokument, Version
    already: list = field(default_factory=list)  # Akten imported before (objects)
    notes: list = field(default_factory=list)  # German lines: defaults taken


def read_message(fileobj):
    """(header, akten) of a 0503 ZIP or bare 0503 XML in ``fileobj`` (seekable)."""
    start = fileobj.read(len(ZIP_MAGIC))
    fileobj.seek(0)
    if start == ZIP_MAGIC:
        try:
            return package.read_handover_zip(fileobj)
        except MessageRefused as error:
            raise _by_object(fileobj, error) from None
    data = fileobj.read(MAX_XML_BYTES + 1)
    if not data.strip():
        raise MessageRefused(_("The file is empty."))
    if len(data) > MAX_XML_BYTES:
        raise MessageRefused(_("The file is neither a ZIP nor an XML message of at most 50 MB."))
    return reader.read_handover(safexml.parse(data))


def _by_object(fileobj, error):
    """The refusal of a container with each problem about a primary file
    prefixed by its Dokument (and Akte), as far as the message can be read."""
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            messages = [name for name in archive.namelist() if MESSAGE_NAME.match(name)]
            if len(messages) != 1:
                return error
            _header, akten = reader.read_handover(safexml.parse(archive.read(messages[0])))
    except (MessageRefused, zipfile.BadZipFile, OSError, ValueError, KeyError):
        return error
    owners = {}
    for akte in akten:
        for what, obj, _parent in walk(akte):
            for version in getattr(obj, "versions", ()):
                owners[version.primary_name] = f"{label(akte_word(akte.kind), akte)} › {label(what, obj)}"
    problems = []
    for problem in error.problems or [str(error)]:
        owner = next((owner for name, owner in owners.items() if name in problem), None)
        problems.append(f"{owner}: {problem}" if owner else problem)
    return MessageRefused(_("The hand-over was not imported; nothing was created."), problems)


def import_handover(position, fileobj, default_fachdienst=None):
    """Import the 0503 hand-over in ``fileobj`` under ``position``.

    ``default_fachdienst``: the Fachdienst of Akten whose Fachdienst in the
    message the portal does not know (else they are a problem). Raises
    MessageRefused (nothing created) or Unauthorized."""
    if not api.user.has_permission(MANAGE, obj=position):
        raise Unauthorized("xdomea-Import: Schriftgutverwaltung only")
    header, akten = read_message(fileobj)
    if not akten:
        raise MessageRefused(_("The message contains no Akte."))
    plan = check_akten(position, akten, default_fachdienst)
    if plan.problems:
        raise MessageRefused(_("The hand-over was not imported; nothing was created."), plan.problems)
    result = ImportResult(process_id=header.process_id, message_uuid=header.message_uuid, notes=plan.notes)
    result.already = [existing for _akte, existing in plan.already]
    savepoint = transaction.savepoint()
    try:
        with api.env.adopt_roles(["Manager"]):
            creator = _Creator(position, plan, header, result)
            for akte in plan.new:
                result.akten.append(creator.akte(akte))
    except ConflictError:
        raise
    except Exception as error:  # noqa: BLE001 - anything: roll back, report, never half an import
        savepoint.rollback()
        raise MessageRefused(
            _("The hand-over was not imported; nothing was created."),
            [translate(_("Error while creating: ${error}", mapping={"error": str(error) or type(error).__name__}))],
        ) from error
    return result


class _Creator:
    def __init__(self, position, plan, header, result):
        self.position = position
        self.plan = plan
        self.result = result
        self.comment = translate(
            _("Imported from xdomea hand-over ${process_id}", mapping={"process_id": header.process_id})
        )
        self.workflow = api.portal.get_tool("portal_workflow")
        self.repository = api.portal.get_tool("portal_repository")

    def akte(self, model):
        values = self.plan.values[model.uuid]
        fields = dict(values["extra"])
        if values["retention"]:
            fields["retention_override"] = values["retention"]
            fields["retention_override_reason"] = self.comment
        title = (model.title or "").strip() or (model.aktenzeichen or "").strip() or model.uuid
        akte = api.content.create(
            container=self.position,
            type=values["type"],
            id=_name(self.position, title),
            title=title,
            aktenzeichen=(model.aktenzeichen or "").strip() or None,
            fachdienst=values["fachdienst"],
            opened=model.opened,
            closed=model.closed,
            xdomea_uuid=model.uuid,
            **fields,
        )
        if (model.aktenzeichen or "").strip():
            _reserve_akte_number(self.position.key, akte.aktenzeichen)
        else:
            note = _(
                "${object}: no Aktenzeichen in the message; assigned ${aktenzeichen}.",
                mapping={"object": label(akte_word(model.kind), model), "aktenzeichen": akte.aktenzeichen},
            )
            self.result.notes.append(translate(note))
        self.result.counts["Akte"] += 1
        for vorgang in model.vorgaenge:
            self.vorgang(akte, vorgang, closed=model.closed is not None)
        for document in model.documents:
            self.dokument(akte, document)
        if model.closed is not None:
            self.set_state(akte, "closed", "close", model.closed)
        akte.reindexObjectSecurity()
        return akte

    def vorgang(self, akte, model, closed):
        title = (model.title or "").strip() or (model.aktenzeichen or "").strip() or model.uuid
        vorgang = api.content.create(
            container=akte,
            type="Vorgang",
            id=_name(akte, title),
            title=title,
            aktenzeichen=(model.aktenzeichen or "").strip() or None,
            xdomea_uuid=model.uuid,
        )
        if model.opened:
            vorgang.creation_date = DateTime(model.opened.isoformat())
        _reserve_vorgang_number(akte, vorgang)
        self.result.counts["Vorgang"] += 1
        for document in model.documents:
            self.dokument(vorgang, document)
        if closed or model.closed is not None:
            self.set_state(vorgang, "done", "complete", model.closed)
        vorgang.reindexObject()

    def dokument(self, container, model):
        first, *later = model.versions
        title = (model.title or "").strip() or first.filename or first.primary_name
        dokument = api.content.create(
            container=container,
            type="Dokument",
            id=_name(container, title),
            title=title,
            file=self.blob(first),
            document_date=model.date,
            kind=self.plan.values[model.uuid]["kind"],
            correspondent=(model.correspondent or "").strip() or None,
            xdomea_uuid=model.uuid,
        )
        if not self.repository.getHistoryMetadata(dokument):
            self.repository.save(obj=dokument, comment=self.comment)  # no initial version saved by the subscriber
        for version in later:
            dokument.file = self.blob(version)
            self.repository.save(obj=dokument, comment=self.comment)
        if later:
            dokument.reindexObject()
            if is_pdf(dokument):
                enqueue(dokument)  # the current file; the added event queued the first one
        self.result.counts["Dokument"] += 1
        self.result.counts["Version"] += len(model.versions)

    def blob(self, version):
        with version.open() as stream:
            data = stream.read()
        if self.plan.hashes.get(version.file_uuid) != hashlib.sha256(data).hexdigest():
            raise MessageRefused(_("The file ${name} changed while importing.", mapping={"name": version.primary_name}))
        filename = (version.filename or "").strip() or version.primary_name
        mime_type = version.mime_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        return NamedBlobFile(data, contentType=mime_type, filename=filename)

    def set_state(self, obj, state, action, day):
        """The closed or done state the source system had, recorded as the
        transition to it on the day the source says (the transition itself
        would date it today); the comment says it was imported."""
        workflow_id = self.workflow.getChainFor(obj)[0]
        moment = DateTime(day.isoformat()) if day else DateTime()
        status = {
            "review_state": state,
            "action": action,
            "actor": api.user.get_current().getId(),
            "comments": self.comment,
            "time": moment,
        }
        self.workflow.setStatusOf(workflow_id, obj, status)
        self.workflow.getWorkflowById(workflow_id).updateRoleMappingsFor(obj)
        obj.reindexObject(idxs=["review_state"])


def _name(container, title):
    """An id from the title, free in ``container`` (given before adding, so
    the first catalog entry is the lasting one)."""
    return INameChooser(container).chooseName(title, container)


def _pattern_regex(pattern, **fixed):
    """A regex matching what ``pattern`` formats, with groups for the
    placeholders not in ``fixed``; None if a placeholder is unknown."""
    parts = []
    for literal, name, _spec, _conversion in string.Formatter().parse(pattern):
        parts.append(re.escape(literal))
        if name is None:
            continue
        if name in fixed:
            parts.append(re.escape(fixed[name]))
        elif name in ("number", "year"):
            parts.append(rf"(?P<{name}>\d+)")
        else:
            return None
    try:
        return re.compile("".join(parts) + r"\Z")
    except re.error:  # a placeholder twice
        return None


def _raise_counter(name, number):
    store = numbering.counters(api.portal.get())
    if store.get(name, 0) < number:
        store[name] = number


def _reserve_akte_number(plan_key, aktenzeichen):
    """An imported Aktenzeichen of this position's pattern takes its number:
    the next new Akte here counts on from it, never handing it out again."""
    pattern = settings.aktenzeichen_pattern()
    regex = _pattern_regex(pattern, key=plan_key)
    match = regex.match(aktenzeichen) if regex else None
    if match is None:
        return
    counter = f"akte:{plan_key}:{match.group('year')}" if "year" in match.groupdict() else f"akte:{plan_key}"
    _raise_counter(counter, int(match.group("number")))


def _reserve_vorgang_number(akte, vorgang):
    if not akte.aktenzeichen or not vorgang.aktenzeichen:
        return
    regex = _pattern_regex(settings.vorgang_pattern(), aktenzeichen=akte.aktenzeichen)
    match = regex.match(vorgang.aktenzeichen) if regex else None
    if match is None or "number" not in match.groupdict():
        return
    vorgang.vorgang_number = int(match.group("number"))
    _raise_counter(f"vorgang:{api.content.get_uuid(akte)}", vorgang.vorgang_number)
