"""Write the xdomea 4.0.0 messages the portal sends: 0501, 0503, 0505.

Where the model's data sit in the message (read back by reader.py):

- Akte: Betreff = title, Kennzeichen = Aktenzeichen, Federfuehrung = Fachdienst,
  Aktenplaneinheit Kennzeichen/Inhaltsangabe = plan position key/title,
  Aussonderungsmetadaten Aufbewahrungsdauer (AnzahlJahre or Unbefristet),
  Aussonderungsart (the proposal A/B/V), Aufbewahrungsende; Typ = kind
  (Akte/Bauakte/Personalakte); Laufzeit Beginn/Ende = opened/closed; the
  Bauakte/Personalakte fields as AnwendungsspezifischeErweiterung EXTRA_KENNUNG.
- Vorgang: Betreff, Kennzeichen, Laufzeit, Aussonderungsart only where it differs.
- Dokument: Betreff, DatumDesSchreibens, Typ = kind, WeitererKontakt with
  Rolle CORRESPONDENT_ROLE = correspondent; each Version one Format with
  Primaerdokument (Dateiname <UUID>.<ext>, DateinameOriginal, DatumUhrzeit,
  Hash SHA-256). MIME type and size have no xdomea element: they travel in
  AnwendungsspezifischeErweiterung FILES_KENNUNG, one Feldgruppe per file.
"""

import datetime

from lxml import etree

from mittelangeln.policy.aussonderung.xdomea import codes


NS = "urn:xoev-de:xdomea:schema:4.0.0"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} xdomea-Nachrichten-AussonderungDurchfuehren.xsd"
PRODUCT = "mittelangeln.policy"
MANUFACTURER = "Amt Mittelangeln"
PRODUCT_VERSION = "1.0"
PERMANENT = "dauernd"
EXTRA_KENNUNG = "mittelangeln.policy:fachdaten"
FILES_KENNUNG = "mittelangeln.policy:dateien"
FIELD_MIME = "MIME-Typ"
FIELD_SIZE = "Dateigroesse"
CORRESPONDENT_ROLE = "Korrespondenzpartner"


def anbieteverzeichnis(header, akten):
    """The 0501 (metadata only) offering ``akten`` to the archive."""
    root = _root("0501", header)
    _sub(root, "Empfangsbestaetigung", "1")
    _numbering(root)
    for akte in akten:
        _akte(_sub(root, "Schriftgutobjekt"), akte, files=False)
    return _serialize(root)


def aussonderung(header, akten, number=1):
    """The 0503 XML handing over ``akten`` with their file versions (each
    version must carry its sha256 and size); ``number``: the process's
    n-th 0503 (a new one after a failed import)."""
    root = _root("0503", header)
    _sub(root, "Importbestaetigung", "1")
    _sub(root, "RueckmeldungArchivkennung", "1")
    _sub(root, "Empfangsbestaetigung", "1")
    _numbering(root, number)
    for akte in akten:
        _akte(_sub(root, "Schriftgutobjekt"), akte, files=True)
    return _serialize(root)


def bewertung_empfangen(header, origin_uuid):
    """The 0505 confirming receipt of the 0502 ``origin_uuid``."""
    root = _root("0505", header)
    _sub(root, "UUIDUrsprungsnachricht", origin_uuid)
    _numbering(root)
    return _serialize(root)


def _root(code, header):
    name = codes.MESSAGE_NAMES[code]
    root = etree.Element(
        f"{{{NS}}}{name}.{code}",
        nsmap={"xdomea": NS, "xsi": XSI},
        produkt=PRODUCT,
        produkthersteller=MANUFACTURER,
        produktversion=PRODUCT_VERSION,
        standard="xdomea",
        version="4.0.0",
    )
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    kopf = _sub(root, "nachrichtenkopf")
    ident = _sub(kopf, "identifikation.nachricht")
    _plain(ident, "nachrichtenUUID", header.message_uuid)
    typ = _plain(ident, "nachrichtentyp", listURI=codes.NACHRICHTENTYP[0], listVersionID=codes.NACHRICHTENTYP[1])
    _plain(typ, "code", code)
    _plain(typ, "name", name)
    _plain(ident, "erstellungszeitpunkt", _datetime(header.created))
    _party(_sub(kopf, "leser"), header.receiver)
    _party(_sub(kopf, "autor"), header.sender)
    _sub(kopf, "ProzessID", header.process_id)
    return root


def _numbering(root, number=1):
    # The n-th message of its type in the process, and so far n in all.
    _sub(root, "LfdNrNachrichtProTyp", str(number))
    _sub(root, "GesamtanzahlNachrichtenProTyp", str(number))


def _party(element, party):
    if party.kennung:
        behoerde = _sub(element, "Behoerdenkennung")
        service, version, code = codes.VERZEICHNISDIENST
        dienst = _sub(behoerde, "verzeichnisdienst", listURI=service, listVersionID=version)
        _plain(dienst, "code", code)
        _sub(behoerde, "kennung", party.kennung)
    if party.name:
        _sub(_sub(element, "NameInstitution"), "Name", party.name)
    if party.address:
        lines = party.address.splitlines()
        # Six lines fit; the sixth takes the rest so nothing is lost.
        lines = [*lines[:5], "\n".join(lines[5:])] if len(lines) > 6 else lines
        anschrift = _sub(element, "UnstrukturierteAnschrift")
        for number, line in enumerate(lines, start=1):
            _sub(anschrift, f"Zeile{number}", line)


def _akte(parent, akte, files):
    element = _sub(parent, "Akte")
    _identification(element, akte.uuid)
    _sub(element, "Kontextobjekt", "0")
    meta = _general(element, akte.title, akte.aktenzeichen, federfuehrung=akte.fachdienst)
    if akte.plan_key or akte.plan_title:
        unit = _sub(meta, "Aktenplaneinheit")
        _optional(unit, "Kennzeichen", akte.plan_key)
        _optional(unit, "Inhaltsangabe", akte.plan_title)
    _disposal(element, akte.retention, akte.proposal, akte.retention_until)
    _optional(element, "Typ", akte.kind)
    _period(element, akte.opened, akte.closed)
    if akte.documents or akte.vorgaenge:
        content = _sub(element, "Akteninhalt")
        _documents(content, akte.documents, files)
        for vorgang in akte.vorgaenge:
            _vorgang(content, vorgang, files)
    if akte.extra:
        extension = _extension(element, EXTRA_KENNUNG, f"Fachdaten {akte.kind}".strip())
        for key, value in akte.extra.items():
            _field(extension, key, value)


def _vorgang(parent, vorgang, files):
    element = _sub(parent, "Vorgang")
    _identification(element, vorgang.uuid)
    _sub(element, "Kontextobjekt", "0")
    _general(element, vorgang.title, vorgang.aktenzeichen)
    if vorgang.proposal:
        _disposal(element, "", vorgang.proposal, None)
    _period(element, vorgang.opened, vorgang.closed)
    _documents(element, vorgang.documents, files)


def _documents(parent, documents, files):
    for number, document in enumerate(documents, start=1):
        element = _sub(_sub(parent, "DokumentOderDokumentMitSchriftstueck"), "Dokument")
        _identification(element, document.uuid, number)
        _general(element, document.title, "")
        if document.date:
            _sub(element, "DatumDesSchreibens", document.date.isoformat())
        _optional(element, "Typ", document.kind)
        if document.correspondent:
            contact = _sub(element, "WeitererKontakt")
            _sub(_sub(contact, "NameInstitution"), "Name", document.correspondent)
            _sub(contact, "Rolle", CORRESPONDENT_ROLE)
        if files and document.versions:
            # The extension belongs to the base type, so it precedes the versions.
            extension = _extension(element, FILES_KENNUNG, "Dateien")
            for version in document.versions:
                group = _sub(extension, "Feldgruppe")
                _sub(group, "Name", version.primary_name)
                _sub(group, "Beschreibung", f"Version {version.number}")
                _field(group, FIELD_MIME, version.mime_type)
                _field(group, FIELD_SIZE, str(version.size))
            for version in document.versions:
                _version(element, version)


def _version(parent, version):
    element = _sub(parent, "Version")
    _sub(element, "Nummer", str(version.number))
    fmt = _sub(element, "Format")
    name = _sub(fmt, "Name", listURI=codes.DATEIFORMAT[0], listVersionID=codes.DATEIFORMAT[1])
    _plain(name, "code", version.format_code)
    if version.format_code in codes.FORMAT_NAMES:
        _plain(name, "name", codes.FORMAT_NAMES[version.format_code])
    _sub(fmt, "Version", "")
    primary = _sub(fmt, "Primaerdokument")
    _sub(primary, "Dateiname", version.primary_name)
    _optional(primary, "DateinameOriginal", version.filename)
    if version.created:
        _sub(primary, "DatumUhrzeit", _datetime(version.created))
    if version.sha256:
        digest = _sub(primary, "Hash")
        _sub(digest, "Wert", version.sha256)
        algorithm = _sub(digest, "Algorithmus", listURI=codes.HASH_ALGORITHM[0], listVersionID=codes.HASH_ALGORITHM[1])
        _plain(algorithm, "code", codes.SHA256[0])
        _plain(algorithm, "name", codes.SHA256[1])


def _identification(parent, uuid, number=None):
    ident = _sub(parent, "Identifikation")
    _sub(ident, "xdomeaUUID", uuid)
    if number is not None:
        _sub(ident, "NummerImUebergeordnetenContainer", str(number))


def _general(parent, title, kennzeichen, federfuehrung=""):
    meta = _sub(parent, "AllgemeineMetadaten")
    _optional(meta, "Betreff", title)
    _optional(meta, "Kennzeichen", kennzeichen)
    _optional(meta, "Federfuehrung", federfuehrung)
    medium = _sub(meta, "Medium", listURI=codes.MEDIUM[0], listVersionID=codes.MEDIUM[1])
    _plain(medium, "code", codes.MEDIUM_ELECTRONIC)
    return meta


def _disposal(parent, retention, proposal, until):
    if not (retention or proposal or until):
        return
    meta = _sub(parent, "Aussonderungsmetadaten")
    if retention:
        period = _sub(meta, "Aufbewahrungsdauer")
        if retention == PERMANENT:
            _sub(period, "Unbefristet", "1")
        elif retention.isdigit():
            _sub(period, "AnzahlJahre", str(int(retention)))
        else:
            raise ValueError(f"retention must be years or {PERMANENT!r}, not {retention!r}")
    if proposal:
        if proposal not in codes.AUSSONDERUNGSARTEN:
            raise ValueError(f"proposal must be one of {codes.AUSSONDERUNGSARTEN}, not {proposal!r}")
        kind = _sub(_sub(meta, "Aussonderungsart"), "Aussonderungsart", listURI=codes.AUSSONDERUNGSART[0])
        kind.set("listVersionID", codes.AUSSONDERUNGSART[1])
        _plain(kind, "code", proposal)
    if until:
        _sub(meta, "Aufbewahrungsende", until.isoformat())


def _period(parent, opened, closed):
    if opened or closed:
        period = _sub(parent, "Laufzeit")
        if opened:
            _sub(period, "Beginn", opened.isoformat())
        if closed:
            _sub(period, "Ende", closed.isoformat())


def _extension(parent, kennung, name):
    extension = _sub(parent, "AnwendungsspezifischeErweiterung")
    _sub(extension, "Kennung", kennung)
    _sub(extension, "Name", name)
    return extension


def _field(parent, name, value):
    field = _sub(parent, "Feld")
    _sub(field, "Name", name)
    _sub(field, "Wert", value)


def _datetime(value):
    """xs:dateTime in UTC with milliseconds (naive values count as local time)."""
    if value.tzinfo is None:
        value = value.astimezone()
    return value.astimezone(datetime.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _sub(parent, name, text=None, **attributes):
    element = etree.SubElement(parent, f"{{{NS}}}{name}", **attributes)
    if text is not None:
        element.text = text
    return element


def _optional(parent, name, text):
    return _sub(parent, name, text) if text else None


def _plain(parent, name, text=None, **attributes):
    """An element without namespace (the XÖV parts xdomea declares unqualified)."""
    element = etree.SubElement(parent, name, **attributes)
    if text is not None:
        element.text = text
    return element


def _serialize(root):
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
