"""What the import of a 0503 checks and how it maps the message's values
onto the portal's (Fachdienst, kind of Dokument, retention, the special
fields of Bauakte and Personalakte).

Tolerant where xdomea is (missing optional metadata gets a default and a
line in the report), strict where safety is (hashes, types, identities):
``check_akten`` returns every problem at once, one German line per object.
"""

import datetime
import hashlib
import re
import zipfile
from dataclasses import dataclass
from dataclasses import field

from plone import api
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IDate
from zope.schema.interfaces import IList

from mittelangeln.policy import settings
from mittelangeln.policy.eakte.content import AKTE_TYPES
from mittelangeln.policy.eakte.content.akte import IAkte
from mittelangeln.policy.eakte.content.akte import IBauakte
from mittelangeln.policy.eakte.content.akte import IPersonalakte
from mittelangeln.policy.eakte.retention import is_valid_retention
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.vocabularies import DOKUMENT_KINDS

from . import identifiers
from .xdomea.errors import MessageRefused


CHUNK = 1024 * 1024
DEFAULT_KIND = "sonstiges"
SPECIAL_SCHEMAS = {"Bauakte": IBauakte, "Personalakte": IPersonalakte}


@dataclass
class Plan:
    """What the checks found: Akten to create, Akten imported before, notes
    (defaults taken) and problems (refuse everything)."""

    new: list = field(default_factory=list)  # model.Akte
    already: list = field(default_factory=list)  # (model.Akte, existing object)
    notes: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    # values mapped per xdomea uuid: fachdienst, kind, extra fields, retention
    values: dict = field(default_factory=dict)
    hashes: dict = field(default_factory=dict)  # file uuid -> sha256 hex as read


def label(what, obj):
    """„Title“ (Aktenzeichen) of a model object for the report."""
    title = (getattr(obj, "title", "") or "").strip() or obj.uuid
    number = (getattr(obj, "aktenzeichen", "") or "").strip()
    text = _("${what} “${title}”", mapping={"what": translate(what), "title": title})
    return f"{translate(text)} ({number})" if number else translate(text)


def akte_word(kind):
    return {"Bauakte": _("Bauakte"), "Personalakte": _("Personalakte")}.get(kind, _("Akte"))


def walk(akte):
    """(what, model object, parent) of every Vorgang and Dokument of ``akte``."""
    for vorgang in akte.vorgaenge:
        yield _("Vorgang"), vorgang, akte
        for document in vorgang.documents:
            yield _("Dokument"), document, vorgang
    for document in akte.documents:
        yield _("Dokument"), document, akte


def _aktenzeichen_taken(aktenzeichen):
    catalog = api.portal.get_tool("portal_catalog")
    return bool(catalog.unrestrictedSearchResults(aktenzeichen=aktenzeichen, portal_type=list(AKTE_TYPES)))


def _normal(text):
    return re.sub(r"\s+", " ", (text or "").replace("–", "-").replace("—", "-")).strip().casefold()


def map_fachdienst(name):
    """The Fachdienst of the vocabulary a name from another system means:
    the same name, or the only one it starts or ends (“Fachdienst IV”,
    “Bauen und Umwelt”); None if none or several."""
    known = settings.fachdienste()
    wanted = _normal(name)
    if not wanted:
        return None
    for value in known:
        if _normal(value) == wanted:
            return value
    candidates = [
        value for value in known if _normal(value).startswith(wanted + " ") or _normal(value).endswith(" " + wanted)
    ]
    return candidates[0] if len(candidates) == 1 else None


def map_kind(kind):
    """The kind of Dokument (value or its German title); None if unknown."""
    if not kind:
        return DEFAULT_KIND
    for term in DOKUMENT_KINDS:
        if kind == term.value or _normal(kind) == _normal(translate(term.title)):
            return term.value
    return None


def _convert(schema_field, text):
    if IDate.providedBy(schema_field):
        return datetime.date.fromisoformat(text.strip())
    if IList.providedBy(schema_field):
        return [part.strip() for part in re.split(r"[\n;]", text) if part.strip()]
    return text.strip()


def special_fields(akte, portal_type, problems):
    """The fields of a Bauakte or Personalakte from ``akte.extra``, converted
    to the schema's types; missing required ones are problems."""
    schema = SPECIAL_SCHEMAS.get(portal_type)
    if schema is None:
        return {}
    values = {}
    own = [(name, schema_field) for name, schema_field in getFieldsInOrder(schema) if name not in IAkte]
    for name, schema_field in own:
        text = (akte.extra or {}).get(name)
        if text is None or not str(text).strip():
            if schema_field.required:
                message = _(
                    "${object}: the required field “${field}” is missing.",
                    mapping={"object": label(akte_word(akte.kind), akte), "field": translate(schema_field.title)},
                )
                problems.append(translate(message))
            continue
        try:
            values[name] = _convert(schema_field, str(text))
        except ValueError:
            message = _(
                "${object}: “${value}” is not a valid value for “${field}”.",
                mapping={
                    "object": label(akte_word(akte.kind), akte),
                    "value": text,
                    "field": translate(schema_field.title),
                },
            )
            problems.append(translate(message))
    return values


def file_hash(version):
    """SHA-256 (hex) and size of a version's file, read in chunks."""
    digest, size = hashlib.sha256(), 0
    with version.open() as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _check_document(document, owner, plan, problems):
    what = label(_("Dokument"), document)
    kind = map_kind(document.kind)
    if kind is None:
        kind = DEFAULT_KIND
        note = _(
            "${object}: unknown kind “${kind}”, imported as “Other”.", mapping={"object": what, "kind": document.kind}
        )
        plan.notes.append(translate(note))
    plan.values[document.uuid] = {"kind": kind}
    if not document.versions:
        problems.append(translate(_("${object}: the message has no file for it.", mapping={"object": what})))
    for version in document.versions:
        name = version.primary_name
        if version.open is None:
            message = _(
                "${object}: the primary file “${name}” is missing (upload the ZIP, not only the XML).",
                mapping={"object": what, "name": name},
            )
            problems.append(translate(message))
            continue
        try:
            digest, size = file_hash(version)
        except (OSError, zipfile.BadZipFile, MessageRefused, KeyError, ValueError) as error:
            message = _(
                "${object}: the primary file “${name}” cannot be read (${error}).",
                mapping={"object": what, "name": name, "error": str(error)},
            )
            problems.append(translate(message))
            continue
        if version.sha256 and digest != version.sha256.lower():
            message = _(
                "${object}: the primary file “${name}” does not match its SHA-256 in the message.",
                mapping={"object": what, "name": name},
            )
            problems.append(translate(message))
            continue
        plan.hashes[version.file_uuid] = digest


def _check_retention(akte, position, plan):
    retention = (akte.retention or "").strip()
    if not retention or retention == position.retention:
        return None
    if not is_valid_retention(retention):
        note = _(
            "${object}: retention period “${retention}” is not valid here; the plan position's applies.",
            mapping={"object": label(akte_word(akte.kind), akte), "retention": retention},
        )
        plan.notes.append(translate(note))
        return None
    return retention


def check_akten(position, akten, default_fachdienst=None):
    """Check every Akte of the message against the portal; returns a Plan."""
    plan = Plan()
    seen = set()
    aktenzeichen_seen = set()
    for akte in akten:
        problems = []
        what = label(akte_word(akte.kind), akte)
        objects = [(akte_word(akte.kind), akte, None), *walk(akte)]
        for word, obj, _parent in objects:
            if obj.uuid in seen:
                message = _(
                    "${object}: its UUID ${uuid} appears twice in the message.",
                    mapping={"object": label(word, obj), "uuid": obj.uuid},
                )
                problems.append(translate(message))
            seen.add(obj.uuid)
        existing = identifiers.find(akte.uuid)
        if existing is not None:
            plan.already.append((akte, existing))
            continue
        for word, obj, _parent in objects[1:]:
            if identifiers.find(obj.uuid) is not None:
                message = _(
                    "${object}: an object with UUID ${uuid} exists already in another Akte.",
                    mapping={"object": label(word, obj), "uuid": obj.uuid},
                )
                problems.append(translate(message))
        portal_type = akte.kind if akte.kind in AKTE_TYPES else "Akte"
        if portal_type != akte.kind:
            note = _("${object}: type “${kind}” imported as Akte.", mapping={"object": what, "kind": akte.kind})
            plan.notes.append(translate(note))
        if not position.getTypeInfo().allowType(portal_type):
            message = _(
                "${object}: a ${kind} cannot be filed in the plan position “${position}”.",
                mapping={"object": what, "kind": translate(akte_word(portal_type)), "position": position.Title()},
            )
            problems.append(translate(message))
        aktenzeichen = (akte.aktenzeichen or "").strip()
        if aktenzeichen and (aktenzeichen in aktenzeichen_seen or _aktenzeichen_taken(aktenzeichen)):
            message = _(
                "${object}: the Aktenzeichen “${aktenzeichen}” is already used by another Akte.",
                mapping={"object": what, "aktenzeichen": aktenzeichen},
            )
            problems.append(translate(message))
        aktenzeichen_seen.add(aktenzeichen)
        fachdienst = map_fachdienst(akte.fachdienst)
        if fachdienst is None and default_fachdienst:
            fachdienst = default_fachdienst
            note = _(
                "${object}: Fachdienst “${name}” unknown, assigned to “${fachdienst}”.",
                mapping={"object": what, "name": akte.fachdienst or "–", "fachdienst": default_fachdienst},
            )
            plan.notes.append(translate(note))
        elif fachdienst is None:
            message = _(
                "${object}: the Fachdienst “${name}” is unknown; choose a Fachdienst for such Akten.",
                mapping={"object": what, "name": akte.fachdienst or "–"},
            )
            problems.append(translate(message))
        extra = special_fields(akte, portal_type, problems)
        retention = _check_retention(akte, position, plan)
        if akte.plan_key and akte.plan_key != position.key:
            note = _(
                "${object}: plan key ${key} in the message, filed under ${position}.",
                mapping={"object": what, "key": akte.plan_key, "position": position.key},
            )
            plan.notes.append(translate(note))
        plan.values[akte.uuid] = {"type": portal_type, "fachdienst": fachdienst, "extra": extra, "retention": retention}
        for word, obj, parent in objects[1:]:
            if word == "Dokument":
                _check_document(obj, parent, plan, problems)
        plan.problems += problems
        plan.new.append(akte)
    return plan
