"""The Aussonderung process with the archive (xdomea 4.0), for the screens.

start → 0501 (offer) → take_appraisal (0502, answered with 0505) →
build_handover (0503 ZIP of the A-objects) → take_confirmation (0506:
the confirmed A-objects and every V-object are deleted and written into a
Löschprotokoll; the 0503 ZIPs are dropped, their hashes kept). If the
archive keeps nothing, ``destroy`` deletes the V-objects instead. The
two-stage procedure starts at the 0503 with every Akte decided A;
``cancel`` ends a process before its hand-over.

Every call checks all its input before it changes anything; bad input
raises MessageRefused with a German message. From the start on the Akten and
their Vorgänge are locked (workflow state ``in_aussonderung``); each Akte
carries the annotation ANNOTATION for the screens of its Fachdienst.
"""

import datetime
import hashlib
import uuid
from dataclasses import dataclass
from dataclasses import field

import transaction
from AccessControl import Unauthorized
from Acquisition import aq_parent
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.uuid.utils import uuidToObject
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from zope.annotation.interfaces import IAnnotations

from mittelangeln.policy.aussonderung import parties
from mittelangeln.policy.aussonderung.identifiers import xdomea_uuid
from mittelangeln.policy.aussonderung.mapping import akte_model
from mittelangeln.policy.aussonderung.xdomea import model
from mittelangeln.policy.aussonderung.xdomea import package
from mittelangeln.policy.aussonderung.xdomea import reader
from mittelangeln.policy.aussonderung.xdomea import safexml
from mittelangeln.policy.aussonderung.xdomea import writer
from mittelangeln.policy.aussonderung.xdomea.errors import MessageRefused
from mittelangeln.policy.dokumente.pdfa import PdfaError
from mittelangeln.policy.eakte.content import AKTE_TYPES
from mittelangeln.policy.eakte.indexers import effective_retention
from mittelangeln.policy.eakte.retention import retention_until
from mittelangeln.policy.formatting import german_date
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate


AREA = "aussonderungen"
ANNOTATION = "mittelangeln.aussonderung"
MANAGE = "mittelangeln.policy: Manage Aussonderung"
OFFERABLE_STATES = ("closed", "aussonderung")
LOCKED = "in_aussonderung"
# The transition back to each state an object had before the process.
UNLOCK = {"closed": "unlock_to_closed", "aussonderung": "unlock_to_aussonderung", "done": "unlock"}
DECISIONS = ("A", "V")
# Receipt code -> the process states it is taken in, the refusal otherwise.
RECEIPT_STATES = {
    "0504": (
        ("angeboten", "bewertet"),
        _("A receipt of the offer (0504) is only taken while the process is offered or appraised."),
    ),
    "0507": (
        ("uebergeben",),
        _("A receipt of the hand-over (0507) is only taken after the hand-over and before the import confirmation."),
    ),
}
WHAT = {"Vorgang": "Vorgang", "Dokument": "Dokument"}  # Akte types: "Akte"


@dataclass
class AppraisalReport:
    """What take_appraisal found besides the decisions it took."""

    not_offered: list = field(default_factory=list)  # xdomea uuids the 0502 names, not offered
    left_out: list = field(default_factory=list)  # rows of offered Akten it does not decide
    archive: int = 0  # Akten and Vorgänge decided A
    destroy: int = 0  # … decided V


# Starting


def start(akten, two_stage=False):
    """A new process for ``akten`` (closed, retention run out, in no other
    process): locks them, writes the 0501 (not in the two-stage procedure,
    which starts appraised with every Akte A). Returns the Aussonderung."""
    area = _area()
    _check_manage(area)
    akten = list(akten)
    _check_offerable(akten)
    process_id = str(uuid.uuid4())
    with _all_or_nothing():
        process = createContentInContainer(
            area,
            "Aussonderung",
            checkConstraints=False,
            id=process_id,
            title=translate(
                _(
                    "Aussonderung of ${date} (${count} Akten)",
                    mapping={"date": german_date(datetime.date.today()), "count": len(akten)},
                )
            ),
        )
        process.process_id = process_id
        process.two_stage = bool(two_stage)
        process.objects = PersistentMapping()
        process.messages = PersistentList()
        process.protocols = PersistentList()
        process.error = ""
        for akte in akten:
            _lock(process, akte)
        if two_stage:
            for row in process.objects.values():
                if not row["parent"]:
                    row["decision"] = "A"
            api.content.transition(obj=process, transition="appraise")
        else:
            header = _header(process, "0501")
            data = writer.anbieteverzeichnis(header, [akte_model(akte) for akte in akten])
            _record(process, header, "out", f"{process_id}_0501_1.xml", data)
        _annotate(process)
        process.reindexObject()
    return process


def _check_offerable(akten):
    if not akten:
        raise MessageRefused(_("Choose at least one Akte."))
    problems = []
    today = datetime.date.today()
    for akte in akten:
        label = _label(akte)
        if akte.portal_type not in AKTE_TYPES:
            problems.append(_("${object} is no Akte.", mapping={"object": label}))
            continue
        info = IAnnotations(akte).get(ANNOTATION)
        if info and info.get("process_id"):
            problems.append(
                _(
                    "${object} is already in the Aussonderung process ${process}.",
                    mapping={"object": label, "process": info["process_id"]},
                )
            )
            continue
        if api.content.get_state(akte) not in OFFERABLE_STATES:
            problems.append(_("${object} is not closed (zdA).", mapping={"object": label}))
        until = retention_until(akte.closed, effective_retention(akte))
        if until is None or until >= today:
            problems.append(_("The retention period of ${object} has not run out.", mapping={"object": label}))
        for vorgang in _vorgaenge(akte):
            if api.content.get_state(vorgang) != "done":
                problems.append(
                    _(
                        "${object} has a Vorgang that is not done: ${vorgang}.",
                        mapping={"object": label, "vorgang": _label(vorgang)},
                    )
                )
    if problems:
        raise MessageRefused(_("These Akten cannot be offered to the archive."), [translate(p) for p in problems])


def _lock(process, akte):
    akte_id = xdomea_uuid(akte)
    process.objects[akte_id] = _row(akte, "", api.content.get_state(akte))
    api.content.transition(obj=akte, transition="lock_for_aussonderung")
    for vorgang in _vorgaenge(akte):
        process.objects[xdomea_uuid(vorgang)] = _row(vorgang, akte_id, api.content.get_state(vorgang), akte)
        api.content.transition(obj=vorgang, transition="lock_for_aussonderung")


def _row(obj, parent, state, akte=None):
    akte = akte if akte is not None else obj
    retention = effective_retention(akte) or ""
    position = aq_parent(akte)
    return PersistentMapping(
        uid=api.content.get_uuid(obj),
        type=obj.portal_type,
        title=obj.title,
        aktenzeichen=obj.aktenzeichen or "",
        parent=parent,
        retention=retention,
        retention_until=retention_until(akte.closed, retention),
        proposal=getattr(position, "archival_value", "") or "" if not parent else "",
        decision="",
        previous_state=state,
        removed=False,
        archive_id="",
    )


# The archive's appraisal (0502)


def take_appraisal(process, filename, data):
    """Takes the archive's 0502: each named Akte/Vorgang gets its decision
    A or V, the 0505 receipt is written. Objects the 0502 names that were
    not offered, and offered Akten it leaves out, are reported (those stay
    undecided: neither handed over nor destroyed, unlocked at the end).
    Nothing is deleted here: if nothing is decided A, ``destroy`` follows."""
    _check_manage(process)
    _expect_state(process, ("angeboten",), _("An appraisal (0502) is only taken while the process is offered."))
    appraisal = reader.read_appraisal(_parse(data, "0502"))
    _check_header(process, appraisal.header)
    _check_origin(process, appraisal.origin_uuid, "0501")
    decisions = {key: value for key, value in appraisal.decisions.items() if value in DECISIONS}
    if not appraisal.decisions:
        raise MessageRefused(_("The appraisal (0502) decides on no object."))
    if not decisions:
        raise MessageRefused(
            _("The appraisal (0502) decides on no object with A (archive) or V (destroy); B is no decision.")
        )
    not_offered = sorted(key for key in appraisal.decisions if key not in process.objects)
    if not any(key in process.objects for key in decisions):
        raise MessageRefused(
            _("The appraisal (0502) names only objects that were not offered in this process."),
            [translate(_("Not offered: ${uuid}", mapping={"uuid": key})) for key in not_offered],
        )
    report = AppraisalReport(not_offered=not_offered)
    with _all_or_nothing():
        _record(process, appraisal.header, "in", filename, data)
        for key, decision in decisions.items():
            if key in process.objects:
                process.objects[key]["decision"] = decision
        for key, row in process.objects.items():
            if not row["parent"] and not _effective(process, key):
                report.left_out.append(dict(row, uuid=key))
        report.archive = sum(1 for row in process.objects.values() if row["decision"] == "A")
        report.destroy = sum(1 for row in process.objects.values() if row["decision"] == "V")
        header = _header(process, "0505")
        receipt = writer.bewertung_empfangen(header, appraisal.header.message_uuid)
        _record(process, header, "out", f"{process.process_id}_0505_1.xml", receipt)
        api.content.transition(obj=process, transition="appraise")
        _annotate(process)
    return report


def _effective(process, key):
    """The decision for an object: its own, else its Akte's."""
    row = process.objects[key]
    if row["decision"] or not row["parent"]:
        return row["decision"]
    return process.objects[row["parent"]]["decision"]


# The hand-over (0503)


def build_handover(process):
    """The 0503 ZIP of the A-objects (an A-Akte without its V-Vorgänge; a
    Vorgang decided A in an Akte that is not goes in that Akte), streamed
    into a blob; ``<ProzessID>_0503_<n>.zip``. After a failed 0506 a new
    one (n + 1) may be built."""
    _check_manage(process)
    state = api.content.get_state(process)
    if not (state == "bewertet" or (state == "uebergeben" and process.error)):
        raise MessageRefused(_("The hand-over (0503) is built once the archive's appraisal is taken."))
    akten = _handed_over_akten(process)
    if not akten:
        raise MessageRefused(_("No object is decided A (archive): there is nothing to hand over."))
    number = 1 + sum(1 for message in process.messages if message["code"] == "0503")
    try:
        models = [_handover_model(process, akte) for akte in akten]
    except PdfaError as error:
        raise MessageRefused(
            _("A PDF could not be converted to PDF/A: ${reason}", mapping={"reason": str(error)})
        ) from error
    with _all_or_nothing():
        header = _header(process, "0503")
        name = package.handover_name(process.process_id, number)
        blob = NamedBlobFile(b"", contentType="application/zip", filename=name)
        with blob.open("w") as out:
            package.write_handover(out, header, models, n=number)
        _record(process, header, "out", name, blob)
        for key in _handover_keys(process):
            process.objects[key]["handed_over"] = True
        process.error = ""
        if state == "bewertet":
            api.content.transition(obj=process, transition="hand_over")
        _annotate(process)
    return process.messages[-1]


def _handed_over_akten(process):
    """The Akten that go to the archive: decided A, or holding a Vorgang
    decided A."""
    handed_over = _handover_keys(process)
    return [_object(process, key) for key in _akten_keys(process) if key in handed_over]


def _handover_keys(process):
    """The xdomea uuids of the Akten and Vorgänge handed over."""
    keys = set()
    for key in _akten_keys(process):
        children = [child for child in _children_keys(process, key) if _effective(process, child) == "A"]
        if process.objects[key]["decision"] == "A" or children:
            keys.add(key)
            keys.update(children)
    return keys


def _akten_keys(process):
    return [key for key, row in process.objects.items() if not row["parent"] and not row["removed"]]


def _children_keys(process, akte_key):
    return [key for key, row in process.objects.items() if row["parent"] == akte_key]


def _handover_model(process, akte):
    """The Akte's model with files, without its Vorgänge not decided A (and
    without its own Dokumente unless the Akte itself is A)."""
    akte_model_ = akte_model(akte, files=True)
    akte_model_.vorgaenge = [vorgang for vorgang in akte_model_.vorgaenge if _effective(process, vorgang.uuid) == "A"]
    if process.objects[akte_model_.uuid]["decision"] != "A":
        akte_model_.documents = []
    return akte_model_


# Receipts (0504, 0507)


def take_receipt(process, filename, data):
    """Records the archive's receipt of the 0501 (0504) or of the 0503
    (0507). Returns the model.Receipt."""
    _check_manage(process)
    tree = _parse(data, ("0504", "0507"))
    receipt = reader.read_receipt(tree)
    _check_header(process, receipt.header)
    origin_code = "0501" if receipt.header.code == "0504" else "0503"
    _check_origin(process, receipt.origin_uuid, origin_code)
    _expect_state(process, *RECEIPT_STATES[receipt.header.code])
    with _all_or_nothing():
        _record(process, receipt.header, "in", filename, data)
    return receipt


# The import confirmation (0506)


def take_confirmation(process, filename, data):
    """Takes the archive's 0506. Success: the handed-over Akten it confirms
    and every V-object are deleted (one Löschprotokoll), the 0503 ZIPs are
    dropped, objects the archive did not take (``archive_error``) and
    undecided Akten are unlocked, the process is complete. Failure: nothing
    is deleted, the archive's error text is kept in ``process.error``.
    Returns the model.Confirmation."""
    _check_manage(process)
    _expect_state(
        process, ("uebergeben",), _("An import confirmation (0506) is only taken after the hand-over (0503).")
    )
    confirmation = reader.read_confirmation(_parse(data, "0506"))
    _check_header(process, confirmation.header)
    _check_origin(process, confirmation.origin_uuid, "0503", latest=True)
    with _all_or_nothing():
        _record(process, confirmation.header, "in", filename, data, note=confirmation.error or "")
        if not confirmation.success:
            process.error = confirmation.error or translate(_("The archive reported an error without a text."))
            return confirmation
        for key, (success, text) in confirmation.objects.items():
            if key not in process.objects:
                continue
            if success:
                process.objects[key]["archive_id"] = text or ""
            else:
                process.objects[key]["archive_error"] = text or translate(
                    _("The archive reported an error without a text.")
                )
        if confirmation.objects:
            confirmed = {key for key, (success, _text) in confirmation.objects.items() if success}
        else:  # success without a list of objects: everything handed over
            confirmed = {key for key, row in process.objects.items() if row.get("handed_over")}
        _remove(process, confirmed)
        _drop_handovers(process)
        _finish(process)
    return confirmation


def _drop_handovers(process):
    """The 0503 ZIPs hold every file of the deleted Akten: once the archive
    has them, only their name, size and SHA-256 stay with the process."""
    note = translate(_("Deleted after the archive's import confirmation"))
    for message in process.messages:
        blob = message.get("blob")
        if message["code"] != "0503" or blob is None:
            continue
        digest = hashlib.sha256()
        with blob.open() as stream:
            while chunk := stream.read(package.CHUNK):
                digest.update(chunk)
        message["size"] = blob.getSize()
        message["sha256"] = digest.hexdigest()
        message["blob"] = None
        message["note"] = note


# Destruction without a hand-over


def destroy_only(process):
    """True when the appraisal hands nothing over: the V-objects are then
    deleted by ``destroy``, not after a 0506."""
    return (
        api.content.get_state(process) == "bewertet"
        and not _handed_over_akten(process)
        and any(_effective(process, key) == "V" for key in process.objects)
    )


def destroy(process):
    """Deletes the V-objects of a process whose appraisal hands nothing over
    to the archive (with a Löschprotokoll, as after a 0506); undecided Akten
    are unlocked, the process is complete."""
    _check_manage(process)
    if not destroy_only(process):
        raise MessageRefused(
            _("Objects are only destroyed this way after an appraisal that hands nothing over to the archive.")
        )
    with _all_or_nothing():
        _remove(process, confirmed=set())
        _finish(process)
        _annotate(process)


# Cancelling


def cancel(process):
    """Ends a process before its hand-over: every object gets back the
    state it had, the annotations go."""
    _check_manage(process)
    _expect_state(process, ("angeboten", "bewertet"), _("A process can only be cancelled before its hand-over (0503)."))
    with _all_or_nothing():
        for key, row in process.objects.items():
            obj = _object(process, key)
            if obj is not None:
                _unlock(obj, row)
        api.content.transition(obj=process, transition="cancel")
        _annotate(process)


# Removal and the Löschprotokoll


def _remove(process, confirmed):
    """Deletes the confirmed handed-over objects and every V-object (an
    Akte with all it holds); writes one Löschprotokoll of them.
    Unrestricted: locked objects may be deleted by nobody else."""
    now = datetime.datetime.now(datetime.timezone.utc)
    by = api.user.get_current().getId()
    entries = []
    for key, row in _doomed(process, confirmed):
        obj = _object(process, key)
        if obj is None:
            continue
        entries.extend(_entries(process, obj, row, now, by))
        for removed in (key, *([] if row["parent"] else _children_keys(process, key))):
            process.objects[removed]["removed"] = True
        with api.env.adopt_roles(["Manager"]):  # CMFEditions purges the histories
            aq_parent(obj)._delObject(obj.getId())
    if entries:
        _write_protocol(process, entries, now)


def _doomed(process, confirmed):
    """(key, row) of the objects to delete: a whole Akte if it is V (and
    holds nothing handed over) or A and confirmed by the archive, else its
    Vorgänge that are V, or A and confirmed."""
    for key in _akten_keys(process):
        row = process.objects[key]
        gone = key in confirmed and row.get("handed_over")
        children = _children_keys(process, key)
        effective = {child: _effective(process, child) for child in children}
        if (row["decision"] == "A" and gone) or (row["decision"] == "V" and "A" not in effective.values()):
            yield key, row
            continue
        for child in children:
            if effective[child] == "V" or (effective[child] == "A" and gone):
                yield child, process.objects[child]


def _entries(process, obj, row, at, by):
    """Entries for ``obj`` and everything in it, each with its decision."""
    decision = _decision_of(process, obj, row)
    entries = [_entry(process, obj, row, decision, at, by)]
    for child in _contents(obj):
        child_row = process.objects.get(xdomea_uuid(child))
        if child_row is not None:
            entries.extend(_entries(process, child, child_row, at, by))
        else:
            entries.append(_entry(process, child, row, decision, at, by))
    return entries


def _decision_of(process, obj, row):
    key = xdomea_uuid(obj)
    return _effective(process, key) if key in process.objects else row["decision"]


def _entry(process, obj, row, decision, at, by):
    what = WHAT.get(obj.portal_type, "Akte")
    return {
        "what": what,
        "type": obj.portal_type,
        "aktenzeichen": getattr(obj, "aktenzeichen", None) or row["aktenzeichen"],
        "title": obj.title,
        "retention": row["retention"],
        "retention_until": row["retention_until"],
        "decision": decision,
        "archive_id": row.get("archive_id", "") if decision == "A" else "",
        "process_id": process.process_id,
        "by": by,
        "at": at,
    }


def _write_protocol(process, entries, now):
    area = aq_parent(process)
    number = len(process.protocols) + 1
    protocol = createContentInContainer(
        area,
        "Loeschprotokoll",
        checkConstraints=False,
        id=f"loeschprotokoll-{process.process_id}-{number}",
        title=translate(
            _(
                "Löschprotokoll of ${date} (process ${process})",
                mapping={"date": german_date(now.date()), "process": process.process_id},
            )
        ),
    )
    protocol.process_id = process.process_id
    protocol.entries = entries
    protocol.reindexObject()
    process.protocols.append(protocol.getId())
    return protocol


def _finish(process):
    """The process ends: what was not removed is unlocked."""
    for key, row in process.objects.items():
        if row["removed"]:
            continue
        obj = _object(process, key)
        if obj is not None:
            _unlock(obj, row)
    api.content.transition(obj=process, transition="complete")


def _unlock(obj, row):
    if api.content.get_state(obj) == LOCKED:
        api.content.transition(obj=obj, transition=UNLOCK[row["previous_state"]])
    annotations = IAnnotations(obj)
    if ANNOTATION in annotations:
        del annotations[ANNOTATION]


def _annotate(process):
    """Each Akte still in the process shows its state (for the viewlet)."""
    state = api.content.get_state(process)
    ended = state in ("abgeschlossen", "abgebrochen")
    for key, row in process.objects.items():
        if row["parent"] or row["removed"]:
            continue
        akte = _object(process, key)
        if akte is None:
            continue
        annotations = IAnnotations(akte)
        if ended:
            annotations.pop(ANNOTATION, None)
            continue
        info = annotations.get(ANNOTATION)
        if info is None:
            info = annotations[ANNOTATION] = PersistentMapping(
                process_id=process.process_id, since=datetime.date.today()
            )
        info["decision"] = row["decision"]
        info["step"] = state


# Messages


def _header(process, code):
    return model.Header(
        process_id=process.process_id,
        message_uuid=str(uuid.uuid4()),
        code=code,
        created=datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0),
        sender=parties.sender(),
        receiver=parties.archive(),
    )


def _record(process, header, direction, filename, data, note=""):
    """Keeps a message (bytes or a NamedBlobFile) with the process."""
    if isinstance(data, bytes):
        content_type = "application/xml" if filename.lower().endswith(".xml") else "application/octet-stream"
        data = NamedBlobFile(data, contentType=content_type, filename=filename)
    process.messages.append(
        PersistentMapping(
            code=header.code,
            uuid=header.message_uuid,
            direction=direction,
            filename=filename,
            blob=data,
            at=datetime.datetime.now(datetime.timezone.utc),
            by=api.user.get_current().getId(),
            note=note,
        )
    )


def _parse(data, expected):
    """The message's tree if it is of the ``expected`` type(s)."""
    expected = (expected,) if isinstance(expected, str) else tuple(expected)
    tree = safexml.parse(data)
    code = reader.message_code(tree)
    if code and code not in expected:  # not xdomea 4.0 at all: the reader says why
        raise MessageRefused(
            _(
                "The file is a message ${code}, expected here is ${expected}.",
                mapping={"code": code or "?", "expected": " / ".join(expected)},
            )
        )
    return tree


def _check_header(process, header):
    if header.process_id != process.process_id:
        raise MessageRefused(
            _(
                "The message belongs to another process (${other}), not to ${process}.",
                mapping={"other": header.process_id, "process": process.process_id},
            )
        )
    ours, archive = parties.sender(), parties.archive()
    if ours.kennung and header.receiver.kennung and header.receiver.kennung != ours.kennung:
        raise MessageRefused(
            _(
                "The message is addressed to the Behördenkennung ${other}, ours is ${ours}.",
                mapping={"other": header.receiver.kennung, "ours": ours.kennung},
            )
        )
    if archive.kennung and header.sender.kennung and header.sender.kennung != archive.kennung:
        raise MessageRefused(
            _(
                "The message comes from ${other}, not from the archive ${archive}.",
                mapping={"other": header.sender.kennung, "archive": archive.kennung},
            )
        )


def _check_origin(process, origin_uuid, code, latest=False):
    """The message answers our message ``code`` (with ``latest``: the
    newest one of that type)."""
    sent = [
        message["uuid"] for message in process.messages if message["code"] == code and message["direction"] == "out"
    ]
    if not sent:
        raise MessageRefused(_("The process has no message ${code} this message could answer.", mapping={"code": code}))
    if origin_uuid not in (sent[-1:] if latest else sent):
        raise MessageRefused(
            _(
                "The message answers the message ${origin}, not our ${code} ${ours}.",
                mapping={"origin": origin_uuid or "?", "code": code, "ours": sent[-1]},
            )
        )


def _expect_state(process, states, message):
    if api.content.get_state(process) not in states:
        raise MessageRefused(message)


# Helpers


def _area():
    area = api.portal.get().get(AREA)
    if area is None:
        raise MessageRefused(_("The area “Aussonderung” is missing."))
    return area


def _check_manage(obj):
    if not api.user.has_permission(MANAGE, obj=obj):
        raise Unauthorized("Manage Aussonderung")


def _object(process, key):
    row = process.objects[key]
    return uuidToObject(row["uid"], unrestricted=True) if row["uid"] else None


def _vorgaenge(akte):
    return [obj for obj in akte.objectValues() if obj.portal_type == "Vorgang"]


def _contents(obj):
    return [child for child in obj.objectValues() if child.portal_type in ("Vorgang", "Dokument")]


def _label(obj):
    return f"{getattr(obj, 'aktenzeichen', None) or obj.getId()} {obj.title}".strip()


class _all_or_nothing:
    """A savepoint: a failure in the middle leaves nothing half done."""

    def __enter__(self):
        self.savepoint = transaction.savepoint()
        return self

    def __exit__(self, kind, error, traceback):
        if kind is not None:
            self.savepoint.rollback()
        return False
