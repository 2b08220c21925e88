"""Read the xdomea 4.0.0 messages the archive sends (0502, 0504, 0506, 0507)
and 0503 hand-overs (the inverse of writer.py).

Every reader checks namespace, version and message type first, then the
schema, then what the schema cannot say; anything wrong raises
MessageRefused with a German text.
"""

import datetime
import mimetypes
import re

from mittelangeln.policy.aussonderung.xdomea import codes
from mittelangeln.policy.aussonderung.xdomea import model
from mittelangeln.policy.aussonderung.xdomea.errors import MessageRefused
from mittelangeln.policy.aussonderung.xdomea.validation import validate
from mittelangeln.policy.aussonderung.xdomea.writer import CORRESPONDENT_ROLE
from mittelangeln.policy.aussonderung.xdomea.writer import EXTRA_KENNUNG
from mittelangeln.policy.aussonderung.xdomea.writer import FIELD_MIME
from mittelangeln.policy.aussonderung.xdomea.writer import FIELD_SIZE
from mittelangeln.policy.aussonderung.xdomea.writer import FILES_KENNUNG
from mittelangeln.policy.aussonderung.xdomea.writer import NS
from mittelangeln.policy.aussonderung.xdomea.writer import PERMANENT
from mittelangeln.policy.i18n import _


NS_PREFIX = "urn:xoev-de:xdomea:schema:"
VERSION = "4.0.0"
TITLES = {
    "0501": "Anbieteverzeichnis (0501)",
    "0502": "Bewertungsverzeichnis (0502)",
    "0503": "Aussonderung (0503)",
    "0504": "Empfangsbestätigung der Anbietung (0504)",
    "0505": "Empfangsbestätigung der Bewertung (0505)",
    "0506": "Importbestätigung (0506)",
    "0507": "Empfangsbestätigung der Aussonderung (0507)",
}
UUID = r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
PRIMARY_NAME = re.compile(rf"^({UUID})\.([A-Za-z0-9]{{1,12}})$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def message_code(tree):
    """ "0502" etc. of an xdomea 4.0.0 message, "" for anything else."""
    root = _root(tree)
    if not isinstance(root.tag, str) or not root.tag.startswith(f"{{{NS}}}"):
        return ""
    code = root.tag.rpartition(".")[2]
    return code if code.isdigit() and len(code) == 4 else ""


def read_appraisal(tree):
    """The 0502 Bewertungsverzeichnis as model.Appraisal."""
    root = _checked(tree, ("0502",))
    decisions = {}
    for sgo in _all(root, "BewertetesSGO"):
        uuid = _text(sgo, "xdomeaUUID").lower()
        decision = _text(sgo, "Aussonderungsart/Aussonderungsart/code") or _text(
            sgo, "Aussonderungsart/AussonderungsartKonfigurierbar"
        )
        if decision not in codes.AUSSONDERUNGSARTEN:
            raise MessageRefused(
                _(
                    "The appraisal of ${uuid} is “${decision}”; only A, B or V are understood.",
                    mapping={"uuid": uuid, "decision": decision},
                )
            )
        if decisions.get(uuid, decision) != decision:
            raise MessageRefused(
                _("The message appraises ${uuid} twice with different decisions.", mapping={"uuid": uuid})
            )
        decisions[uuid] = decision
    return model.Appraisal(
        header=_header(root), origin_uuid=_text(root, "UUIDUrsprungsnachricht").lower(), decisions=decisions
    )


def read_confirmation(tree):
    """The 0506 import confirmation as model.Confirmation."""
    root = _checked(tree, ("0506",))
    success, error = _outcome(_one(root, "ErfolgOderMisserfolg"))
    objects = {}
    for sgo in _all(root, "AusgesondertesSGO"):
        ok, text = _outcome(_one(sgo, "ErfolgOderMisserfolg"))
        objects[_text(sgo, "xdomeaUUID").lower()] = (ok, _text(sgo, "Archivkennung") if ok else text)
    return model.Confirmation(
        header=_header(root),
        origin_uuid=_text(root, "UUIDUrsprungsnachricht").lower(),
        success=success,
        error=error,
        objects=objects,
    )


def read_receipt(tree):
    """A 0504, 0505 or 0507 receipt as model.Receipt."""
    root = _checked(tree, ("0504", "0505", "0507"))
    return model.Receipt(header=_header(root), origin_uuid=_text(root, "UUIDUrsprungsnachricht").lower())


def read_handover(tree):
    """The 0503 Aussonderung as (Header, [Akte]); versions carry no ``open``."""
    root = _checked(tree, ("0503",))
    akten = []
    seen_files = set()
    for sgo in _all(root, "Schriftgutobjekt"):
        akte = _one(sgo, "Akte")
        if akte is None:
            raise MessageRefused(
                _("The hand-over contains a Vorgang outside an Akte; only Akten are accepted at the top level.")
            )
        akten.append(_akte(akte, seen_files))
    return _header(root), akten


# --- checks -----------------------------------------------------------------


def _root(tree):
    return tree.getroot() if hasattr(tree, "getroot") else tree


def _checked(tree, expected):
    root = _root(tree)
    namespace = root.tag[1:].partition("}")[0] if isinstance(root.tag, str) and root.tag.startswith("{") else ""
    if namespace.startswith(NS_PREFIX) and namespace != NS:
        raise _wrong_version(namespace[len(NS_PREFIX) :])
    if namespace != NS:
        raise MessageRefused(
            _(
                "The file is not an xdomea 4.0.0 message (its root element is in the namespace “${namespace}”).",
                mapping={"namespace": namespace or "-"},
            )
        )
    version = root.get("version")
    if version is None:
        raise MessageRefused(_("The message does not state its xdomea version; only version 4.0.0 is accepted."))
    if version != VERSION:
        raise _wrong_version(version)
    code = message_code(root)
    if code not in expected:
        raise MessageRefused(
            _(
                "Expected ${expected}, but the file is ${found}.",
                mapping={
                    "expected": " / ".join(TITLES[item] for item in expected),
                    "found": TITLES.get(code, root.tag.partition("}")[2]),
                },
            )
        )
    validate(root)
    header_code = _text(root, "nachrichtenkopf/identifikation.nachricht/nachrichtentyp/code")
    if header_code != code:
        raise MessageRefused(
            _(
                "The message type in the header (${header}) does not match the message (${code}).",
                mapping={"header": header_code, "code": code},
            )
        )
    return root


def _wrong_version(version):
    return MessageRefused(
        _(
            "The message is xdomea version ${version}; only version 4.0.0 is accepted.",
            mapping={"version": version},
        )
    )


# --- parts ------------------------------------------------------------------


def _header(root):
    ident = "nachrichtenkopf/identifikation.nachricht/"
    return model.Header(
        process_id=_text(root, "nachrichtenkopf/ProzessID").lower(),
        message_uuid=_text(root, ident + "nachrichtenUUID").lower(),
        code=_text(root, ident + "nachrichtentyp/code"),
        created=_datetime(_text(root, ident + "erstellungszeitpunkt")),
        sender=_party(_one(root, "nachrichtenkopf/autor")),
        receiver=_party(_one(root, "nachrichtenkopf/leser")),
    )


def _party(element):
    lines = [
        line.text or ""
        for anschrift in _all(element, "UnstrukturierteAnschrift")
        for line in anschrift
        if _local(line).startswith("Zeile")
    ]
    return model.Party(
        kennung=_text(element, "Behoerdenkennung/kennung"),
        name=_text(element, "NameInstitution/Name"),
        address="\n".join(lines),
    )


def _outcome(element):
    success = _boolean(_text(element, "Erfolgreich"))
    texts = [item.text.strip() for item in _all(element, "Fehlermeldung") if item.text and item.text.strip()]
    for item in _all(element, "FehlermeldungCode"):
        code, name = _text(item, "code"), _text(item, "name")
        texts.append(f"{code} {name}".strip())
    return success, "; ".join(texts)


def _akte(element, seen_files):
    _refuse_unsupported(element, ("Akteninhalt/Teilakte",))
    disposal = _disposal(element)
    return model.Akte(
        uuid=_uuid(element),
        title=_text(element, "AllgemeineMetadaten/Betreff"),
        aktenzeichen=_text(element, "AllgemeineMetadaten/Kennzeichen"),
        kind=_text(element, "Typ") or "Akte",
        plan_key=_text(element, "AllgemeineMetadaten/Aktenplaneinheit/Kennzeichen"),
        plan_title=_text(element, "AllgemeineMetadaten/Aktenplaneinheit/Inhaltsangabe"),
        fachdienst=_text(element, "AllgemeineMetadaten/Federfuehrung"),
        opened=_date(_text(element, "Laufzeit/Beginn")),
        closed=_date(_text(element, "Laufzeit/Ende")),
        retention=disposal["retention"],
        retention_until=disposal["until"],
        proposal=disposal["proposal"],
        vorgaenge=[_vorgang(item, seen_files) for item in _all(element, "Akteninhalt/Vorgang")],
        documents=_documents(element, "Akteninhalt/DokumentOderDokumentMitSchriftstueck", seen_files),
        extra=_fields(element, EXTRA_KENNUNG),
    )


def _vorgang(element, seen_files):
    _refuse_unsupported(element, ("Teilvorgang",))
    return model.Vorgang(
        uuid=_uuid(element),
        title=_text(element, "AllgemeineMetadaten/Betreff"),
        aktenzeichen=_text(element, "AllgemeineMetadaten/Kennzeichen"),
        opened=_date(_text(element, "Laufzeit/Beginn")),
        closed=_date(_text(element, "Laufzeit/Ende")),
        documents=_documents(element, "DokumentOderDokumentMitSchriftstueck", seen_files),
        proposal=_disposal(element)["proposal"],
    )


def _documents(element, path, seen_files):
    documents = []
    for holder in _all(element, path):
        _refuse_unsupported(holder, ("DokumentMitSchriftstueck",))
        documents.append(_document(_one(holder, "Dokument"), seen_files))
    return documents


def _document(element, seen_files):
    files = _file_groups(element)
    correspondent = ""
    for contact in _all(element, "WeitererKontakt"):
        if _text(contact, "Rolle") == CORRESPONDENT_ROLE:
            correspondent = _text(contact, "NameInstitution/Name")
            break
    versions = []
    for version in _all(element, "Version"):
        number = _text(version, "Nummer")
        if not number.isdigit():
            raise MessageRefused(
                _(
                    "The version number “${number}” of Dokument ${uuid} is not a whole number.",
                    mapping={"number": number, "uuid": _uuid(element)},
                )
            )
        for fmt in _all(version, "Format"):
            versions.append(_version(int(number), fmt, files, seen_files))
    return model.Document(
        uuid=_uuid(element),
        title=_text(element, "AllgemeineMetadaten/Betreff"),
        date=_date(_text(element, "DatumDesSchreibens")),
        kind=_text(element, "Typ"),
        correspondent=correspondent,
        versions=versions,
    )


def _version(number, fmt, files, seen_files):
    primary = _one(fmt, "Primaerdokument")
    name = _text(primary, "Dateiname")
    match = PRIMARY_NAME.match(name)
    if not match:
        raise MessageRefused(
            _(
                "The primary file name “${name}” is not of the form <UUID>.<extension>.",
                mapping={"name": name},
            )
        )
    if name.lower() in seen_files:
        raise MessageRefused(_("The primary file “${name}” is named twice in the message.", mapping={"name": name}))
    seen_files.add(name.lower())
    mime, size = files.get(name, (None, None))
    return model.Version(
        number=number,
        file_uuid=match.group(1),
        filename=_text(primary, "DateinameOriginal"),
        extension=match.group(2),
        mime_type=mime if mime is not None else (mimetypes.guess_type(name)[0] or "application/octet-stream"),
        format_code=_text(fmt, "Name/code"),
        created=_datetime(_text(primary, "DatumUhrzeit")) if _text(primary, "DatumUhrzeit") else None,
        sha256=_hash(primary, name),
        size=size or 0,
    )


def _hash(primary, name):
    digest = _one(primary, "Hash")
    if digest is None:
        return ""
    algorithm = _text(digest, "Algorithmus/code") or _text(digest, "SonstigerAlgorithmus") or codes.SHA256[0]
    value = _text(digest, "Wert").lower()
    if algorithm.upper().replace("-", "") != "SHA256":
        raise MessageRefused(
            _(
                "The checksum of “${name}” uses ${algorithm}; only SHA-256 is supported.",
                mapping={"name": name, "algorithm": algorithm},
            )
        )
    if not _SHA256.match(value):
        raise MessageRefused(_("The SHA-256 checksum of “${name}” is not valid.", mapping={"name": name}))
    return value


def _file_groups(element):
    """{primary file name: (mime type, size)} from the portal's extension."""
    found = {}
    for extension in _all(element, "AnwendungsspezifischeErweiterung"):
        if _text(extension, "Kennung") != FILES_KENNUNG:
            continue
        for group in _all(extension, "Feldgruppe"):
            values = {_text(field, "Name"): _text(field, "Wert") for field in _all(group, "Feld")}
            size = values.get(FIELD_SIZE, "")
            if size and not size.isdigit():
                raise MessageRefused(
                    _("The size given for “${name}” is not a number.", mapping={"name": _text(group, "Name")})
                )
            found[_text(group, "Name")] = (values.get(FIELD_MIME, ""), int(size or 0))
    return found


def _fields(element, kennung):
    for extension in _all(element, "AnwendungsspezifischeErweiterung"):
        if _text(extension, "Kennung") == kennung:
            return {_text(field, "Name"): _text(field, "Wert") for field in _all(extension, "Feld")}
    return {}


def _disposal(element):
    years = _text(element, "Aussonderungsmetadaten/Aufbewahrungsdauer/AnzahlJahre")
    unlimited = _one(element, "Aussonderungsmetadaten/Aufbewahrungsdauer/Unbefristet") is not None
    proposal = _text(element, "Aussonderungsmetadaten/Aussonderungsart/Aussonderungsart/code") or _text(
        element, "Aussonderungsmetadaten/Aussonderungsart/AussonderungsartKonfigurierbar"
    )
    return {
        "retention": PERMANENT if unlimited else (str(int(years)) if years else ""),
        "proposal": proposal if proposal in codes.AUSSONDERUNGSARTEN else "",
        "until": _date(_text(element, "Aussonderungsmetadaten/Aufbewahrungsende")),
    }


def _refuse_unsupported(element, paths):
    for path in paths:
        if _one(element, path) is not None:
            raise MessageRefused(
                _(
                    "Object ${uuid} contains a ${element}, which the portal cannot take over.",
                    mapping={"uuid": _uuid(element), "element": path.rpartition("/")[2]},
                )
            )


# --- helpers ----------------------------------------------------------------


def _path(path):
    """ElementPath with xdomea names qualified and the unqualified XÖV parts plain."""
    plain = {"nachrichtenUUID", "nachrichtentyp", "erstellungszeitpunkt", "code", "name"}
    return "/".join(step if step in plain else f"{{{NS}}}{step}" for step in path.split("/"))


def _one(element, path):
    return None if element is None else element.find(_path(path))


def _all(element, path):
    return [] if element is None else element.findall(_path(path))


def _text(element, path):
    found = _one(element, path)
    return (found.text or "").strip() if found is not None else ""


def _uuid(element):
    return _text(element, "Identifikation/xdomeaUUID").lower()


def _local(element):
    return element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""


def _boolean(value):
    return value in ("1", "true")


def _date(value):
    """An xs:date (a time zone suffix is dropped)."""
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        raise _bad_date(value) from None


def _datetime(value):
    """An xs:dateTime as an aware datetime (UTC when no zone is given)."""
    if not value:
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise _bad_date(value) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)


def _bad_date(value):
    return MessageRefused(_("The date “${value}” in the message cannot be processed.", mapping={"value": value}))
