"""Hostile and broken input for the xdomea library, one Case per attack or
defect: what to feed, to which function, and the German text it must get.

Texts ending in "…" are prefixes: the rest is the parser's own detail
(line, element)."""

import io
import random
import stat
import struct
import warnings
import zipfile
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from mittelangeln.policy.aussonderung.xdomea import package
from mittelangeln.policy.aussonderung.xdomea import reader
from mittelangeln.policy.aussonderung.xdomea import safexml

from . import samples


EXAMPLES = Path(__file__).parent / "examples" / "handmade-aussonderung"
PROCESS = "c217578e-3817-41b3-906b-0d373199bb92"
OTHER_PROCESS = "11111111-2222-4333-8444-555555555555"
FILE_UUID = samples.uid(0xF009)  # the Personalakte's only file
PRIMARY = f"{FILE_UUID}.txt"


@dataclass
class Case:
    id: str
    run: object  # () -> result of the library call that must refuse
    message: str
    problems: list = field(default_factory=list)


def example(code):
    return (EXAMPLES / f"{PROCESS}_{code}_1.xml").read_bytes()


def xml(data, read=reader.read_handover, **parse_options):
    return lambda: read(safexml.parse(data, **parse_options))


def edited(code, old, new, read):
    data = example(code)
    assert old in data, old
    return xml(data.replace(old, new, 1), read)


# --- the base hand-over and ZIP helpers -----------------------------------------


def base_entries():
    """[(name, bytes)] of a valid 0503 container for the Personalakte."""
    out = io.BytesIO()
    package.write_handover(out, samples.header("0503"), [samples.personalakte()])
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


def message_name():
    return f"{samples.PROCESS_ID}_0503_1.xml"


def container(entries, compression=zipfile.ZIP_DEFLATED):
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns of the duplicate names we want
        with zipfile.ZipFile(out, "w", compression=compression) as archive:
            for name, data in entries:
                archive.writestr(name, data)
    return out.getvalue()


def zip_case(entries=None, data=None, limits=package.LIMITS):
    def run():
        payload = data() if callable(data) else data
        if payload is None:
            payload = container(entries() if callable(entries) else entries)
        return package.read_handover_zip(io.BytesIO(payload), limits)

    return run


def with_extra(name, content=b"x"):
    return lambda: [*base_entries(), (name, content)]


def replaced(name, content):
    return lambda: [(entry, content if entry == name else data) for entry, data in base_entries()]


def message_edited(old, new):
    def entries():
        result = []
        for name, data in base_entries():
            if name == message_name():
                assert old in data, old
                data = data.replace(old, new, 1)
            result.append((name, data))
        return result

    return entries


def renamed(old, new):
    return lambda: [(new if name == old else name, data) for name, data in base_entries()]


def symlink_zip():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in base_entries():
            archive.writestr(name, data)
        info = zipfile.ZipInfo("link.txt")
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
    return out.getvalue()


def encrypted_zip():
    """The primary file's entry marked encrypted (general purpose flag bit 0)."""
    data = bytearray(container(base_entries()))
    target = PRIMARY.encode()
    for signature, flag_at, name_len_at, name_at in ((b"PK\x03\x04", 6, 26, 30), (b"PK\x01\x02", 8, 28, 46)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            (length,) = struct.unpack_from("<H", data, start + name_len_at)
            if data[start + name_at : start + name_at + length] == target:
                data[start + flag_at] |= 0x01
            start += 4
    return bytes(data)


def crc_damaged_zip():
    data = bytearray(container(base_entries(), compression=zipfile.ZIP_STORED))
    at = data.find(b"Vertrag")
    data[at] ^= 0x20
    return bytes(data)


def zip_bomb():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in base_entries():
            archive.writestr(name, data)
        with archive.open(f"{samples.uid(0xB0B)}.txt", "w") as entry:
            block = bytes(1024 * 1024)
            for _ in range(60):
                entry.write(block)
    return out.getvalue()


def noise(size, seed=1):
    """Incompressible bytes (a ZIP bomb check must not fire on them)."""
    return random.Random(seed).randbytes(size)


def vorgang_at_top_level():
    data = example("0503")
    start, end = data.index(b"<xdomea:Akte>"), data.index(b"</xdomea:Akte>") + len(b"</xdomea:Akte>")
    vorgang = data[data.index(b"<xdomea:Vorgang>") : data.index(b"</xdomea:Vorgang>") + len(b"</xdomea:Vorgang>")]
    return data[:start] + vorgang + data[end:]


def two_messages():
    entries = base_entries()
    message = dict(entries)[message_name()]
    return [*entries, (f"{samples.PROCESS_ID}_0503_2.xml", message)]


# --- XML attacks ------------------------------------------------------------

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        b' <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
    )
    + b"]>\n<lolz>&lol9;</lolz>"
)
QUADRATIC = (
    b'<?xml version="1.0"?><!DOCTYPE kaboom [<!ENTITY a "'
    + b"x" * 50000
    + b'">]><kaboom>'
    + b"&a;" * 5000
    + b"</kaboom>"
)

DOCTYPE_TEXT = (
    "Die Nachricht enthält eine Dokumenttyp-Deklaration (DOCTYPE) oder Entitäten; "
    "solches XML wird aus Sicherheitsgründen abgelehnt."
)
NOT_WELL_FORMED = "Die Nachricht ist kein wohlgeformtes XML (Zeile …"
SCHEMA = "Die Nachricht entspricht nicht dem xdomea-4.0.0-Schema (Zeile …"


def encoding_text(encoding):
    return (
        f"Die Nachricht ist nicht korrekt in ihrer angegebenen Zeichenkodierung {encoding} kodiert "
        "oder enthält Zeichen, die in XML nicht erlaubt sind."
    )


def deep(levels):
    return b"<a>" + b"<b>" * levels + b"</b>" * levels + b"</a>"


def not_offered_type(expected, found):
    return f"Erwartet wurde: {expected}; die Datei ist aber: {found}."


XML_CASES = [
    Case("doctype", xml(b"<!DOCTYPE a><a/>"), DOCTYPE_TEXT),
    Case("internal-entity", xml(b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'), DOCTYPE_TEXT),
    Case(
        "external-entity-xxe",
        xml(b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><a>&xxe;</a>'),
        DOCTYPE_TEXT,
    ),
    Case(
        "parameter-entity",
        xml(b'<!DOCTYPE a [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><a/>'),
        DOCTYPE_TEXT,
    ),
    Case("external-dtd", xml(b'<!DOCTYPE a SYSTEM "http://evil.example/x.dtd"><a/>'), DOCTYPE_TEXT),
    Case("billion-laughs", xml(BILLION_LAUGHS), DOCTYPE_TEXT),
    Case("quadratic-blowup", xml(QUADRATIC), DOCTYPE_TEXT),
    Case(
        "doctype-in-utf16",
        xml('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'.encode("utf-16")),
        DOCTYPE_TEXT,
    ),
    Case(
        "xinclude",
        xml(b'<a xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file:///etc/passwd" parse="text"/></a>'),
        "Die Nachricht enthält XInclude-Verweise; diese werden nicht angenommen.",
    ),
    Case("not-well-formed", xml(b"<a><b></a>"), NOT_WELL_FORMED),
    Case("undeclared-entity", xml(b"<a>&x;</a>"), NOT_WELL_FORMED),
    Case("truncated-xml", xml(example("0502")[:-200], reader.read_appraisal), NOT_WELL_FORMED),
    Case("empty", xml(b""), "Die Nachricht ist leer."),
    Case("whitespace-only", xml(b"  \n\t "), "Die Nachricht ist leer."),
    Case(
        "oversize",
        xml(b"<a>" + b"<b>x</b>" * 200_000 + b"</a>", max_bytes=1024 * 1024),
        "Die Nachricht ist größer als 1 MB und wird nicht angenommen.",
    ),
    Case(
        "utf16-declared-but-utf8",
        xml(b'<?xml version="1.0" encoding="UTF-16"?><a/>'),
        encoding_text("UTF-16"),
    ),
    Case(
        "latin1-declared-invalid-bytes",
        xml('<?xml version="1.0" encoding="ISO-8859-1"?><a>Größe\x01</a>'.encode("latin-1")),
        encoding_text("ISO-8859-1"),
    ),
    Case(
        "utf8-invalid-bytes", xml(b'<?xml version="1.0" encoding="UTF-8"?><a>Gr\xf6\xdfe</a>'), encoding_text("UTF-8")
    ),
    Case("undeclared-latin1", xml("<a>Größe</a>".encode("latin-1")), encoding_text("UTF-8")),
    Case(
        "ascii-declared-umlaut",
        xml('<?xml version="1.0" encoding="US-ASCII"?><a>ä</a>'.encode()),
        encoding_text("US-ASCII"),
    ),
    Case(
        "unsupported-encoding",
        xml(b'<?xml version="1.0" encoding="IBM037"?><a/>'),
        "Die Nachricht gibt die Zeichenkodierung „IBM037“ an, die nicht unterstützt wird (bitte UTF-8 verwenden).",
    ),
    Case(
        "huge-text-node",
        xml(b"<a>" + b"x" * (safexml.MAX_TEXT + 1) + b"</a>"),
        "Ein Text in der Nachricht ist länger als 1048576 Zeichen und wird nicht angenommen.",
    ),
    Case(
        "huge-attribute",
        xml(b'<a b="' + b"x" * (safexml.MAX_TEXT + 1) + b'"/>'),
        "Ein Text in der Nachricht ist länger als 1048576 Zeichen und wird nicht angenommen.",
    ),
    Case(
        "too-deep",
        xml(deep(safexml.MAX_DEPTH)),
        "Die Nachricht ist tiefer als 64 Ebenen verschachtelt und wird nicht angenommen.",
    ),
    Case(
        "far-too-deep",
        xml(deep(100_000)),
        "Die Nachricht ist tiefer als 64 Ebenen verschachtelt und wird nicht angenommen.",
    ),
]

# --- messages that parse but are not what the reader takes --------------------

READER_CASES = [
    Case(
        "wrong-root-namespace",
        xml(
            b'<Aussonderung.Bewertungsverzeichnis.0502 xmlns="urn:example:other" version="4.0.0"/>',
            reader.read_appraisal,
        ),
        "Die Datei ist keine xdomea-4.0.0-Nachricht (ihr Wurzelelement liegt im Namensraum „urn:example:other“).",
    ),
    Case(
        "no-namespace",
        xml(b"<Bewertungsverzeichnis/>", reader.read_appraisal),
        "Die Datei ist keine xdomea-4.0.0-Nachricht (ihr Wurzelelement liegt im Namensraum „-“).",
    ),
    Case(
        "0501-to-read-appraisal",
        xml(example("0501"), reader.read_appraisal),
        not_offered_type("Bewertungsverzeichnis (0502)", "Anbieteverzeichnis (0501)"),
    ),
    Case(
        "0502-to-read-confirmation",
        xml(example("0502"), reader.read_confirmation),
        not_offered_type("Importbestätigung (0506)", "Bewertungsverzeichnis (0502)"),
    ),
    Case(
        "0506-to-read-receipt",
        xml(example("0506"), reader.read_receipt),
        not_offered_type(
            "Empfangsbestätigung der Anbietung (0504) / Empfangsbestätigung der Bewertung (0505) / "
            "Empfangsbestätigung der Aussonderung (0507)",
            "Importbestätigung (0506)",
        ),
    ),
    Case(
        "0502-to-read-handover",
        xml(example("0502"), reader.read_handover),
        not_offered_type("Aussonderung (0503)", "Bewertungsverzeichnis (0502)"),
    ),
    Case(
        "version-3",
        edited("0502", b'version="4.0.0"', b'version="3.0.0"', reader.read_appraisal),
        "Die Nachricht hat die xdomea-Version 3.0.0; angenommen wird nur Version 4.0.0.",
    ),
    Case(
        "version-missing",
        edited("0502", b' version="4.0.0"', b"", reader.read_appraisal),
        "Die Nachricht gibt ihre xdomea-Version nicht an; angenommen wird nur Version 4.0.0.",
    ),
    Case(
        "namespace-of-xdomea-3",
        edited(
            "0502",
            b'xmlns:xdomea="urn:xoev-de:xdomea:schema:4.0.0"',
            b'xmlns:xdomea="urn:xoev-de:xdomea:schema:3.0.0"',
            reader.read_appraisal,
        ),
        "Die Nachricht hat die xdomea-Version 3.0.0; angenommen wird nur Version 4.0.0.",
    ),
    Case(
        "schema-missing-required-element",
        edited(
            "0502",
            b"<xdomea:UUIDUrsprungsnachricht>e21a9d03-c805-4e95-9e49-83db9715d849</xdomea:UUIDUrsprungsnachricht>",
            b"",
            reader.read_appraisal,
        ),
        SCHEMA,
    ),
    Case(
        "schema-bad-uuid",
        edited("0502", b"f83bed6e-018c-4aac-b254-8c116ba79414", b"f83bed6e-018c-4aac-b254", reader.read_appraisal),
        SCHEMA,
    ),
    Case(
        "schema-bad-aussonderungsart",
        edited("0502", b"<code>A</code>", b"<code>X</code>", reader.read_appraisal),
        SCHEMA,
    ),
    Case(
        "schema-unknown-element",
        edited(
            "0506",
            b"<xdomea:LfdNrNachrichtProTyp>",
            b"<xdomea:Hallo/><xdomea:LfdNrNachrichtProTyp>",
            reader.read_confirmation,
        ),
        SCHEMA,
    ),
    Case(
        "header-type-mismatch",
        edited("0502", b"<code>0502</code>", b"<code>0501</code>", reader.read_appraisal),
        "Der Nachrichtentyp im Nachrichtenkopf (0501) passt nicht zur Nachricht (0502).",
    ),
    Case(
        "contradicting-decisions",
        edited(
            "0502",
            b"</xdomea:BewertetesSGO>",
            b"</xdomea:BewertetesSGO><xdomea:BewertetesSGO><xdomea:xdomeaUUID>f83bed6e-018c-4aac-b254-8c116ba79414"
            b"</xdomea:xdomeaUUID><xdomea:Aussonderungsart><xdomea:Aussonderungsart><code>V</code>"
            b"</xdomea:Aussonderungsart></xdomea:Aussonderungsart></xdomea:BewertetesSGO>",
            reader.read_appraisal,
        ),
        "Die Nachricht bewertet f83bed6e-018c-4aac-b254-8c116ba79414 zweimal mit unterschiedlichen Entscheidungen.",
    ),
    Case(
        "configurable-decision-unknown",
        edited(
            "0502",
            b'<xdomea:Aussonderungsart listURI="urn:xoev-de:xdomea:codeliste:aussonderungsart" listVersionID="1.0">\n'
            b"        <code>A</code>\n      </xdomea:Aussonderungsart>",
            b"<xdomea:AussonderungsartKonfigurierbar>teilweise</xdomea:AussonderungsartKonfigurierbar>",
            reader.read_appraisal,
        ),
        "Die Bewertung von f83bed6e-018c-4aac-b254-8c116ba79414 lautet „teilweise“; verstanden werden nur A, B oder V.",
    ),
    Case(
        "hash-algorithm-sha1",
        edited("0503", b"<code>SHA-256</code>", b"<code>SHA-1</code>", reader.read_handover),
        "Die Prüfsumme von „cad55c1a-5cdc-474c-8aa7-9ba9ff176210.txt“ verwendet SHA-1; unterstützt wird nur SHA-256.",
    ),
    Case(
        "hash-not-hex",
        edited("0503", b"e3175550a7d47b99", b"zz175550a7d47b99", reader.read_handover),
        "Die SHA-256-Prüfsumme von „cad55c1a-5cdc-474c-8aa7-9ba9ff176210.txt“ ist ungültig.",
    ),
    Case(
        "primary-name-with-subject",
        edited(
            "0503",
            b"<xdomea:Dateiname>cad55c1a-5cdc-474c-8aa7-9ba9ff176210.txt",
            b"<xdomea:Dateiname>cad55c1a-5cdc-474c-8aa7-9ba9ff176210_Baugenehmigung.txt",
            reader.read_handover,
        ),
        "Der Dateiname des Primärdokuments „cad55c1a-5cdc-474c-8aa7-9ba9ff176210_Baugenehmigung.txt“ "
        "hat nicht die Form <UUID>.<Endung>.",
    ),
    Case(
        "version-number-not-a-number",
        edited(
            "0503", b"<xdomea:Nummer>1</xdomea:Nummer>", b"<xdomea:Nummer>1.a</xdomea:Nummer>", reader.read_handover
        ),
        "Die Versionsnummer „1.a“ des Dokuments ca3bcbe4-13a1-4f25-9d36-9ef89b9e79c7 ist keine ganze Zahl.",
    ),
    Case(
        "teilakte",
        edited(
            "0503",
            b"</xdomea:Vorgang>\n      </xdomea:Akteninhalt>",
            b"</xdomea:Vorgang><xdomea:Teilakte><xdomea:Identifikation><xdomea:xdomeaUUID>"
            b"0c6f2f1e-1111-4222-8333-944455556666</xdomea:xdomeaUUID></xdomea:Identifikation>"
            b"<xdomea:Kontextobjekt>0</xdomea:Kontextobjekt></xdomea:Teilakte></xdomea:Akteninhalt>",
            reader.read_handover,
        ),
        "Das Objekt f83bed6e-018c-4aac-b254-8c116ba79414 enthält ein Element Teilakte, "
        "das das Portal nicht übernehmen kann.",
    ),
    Case(
        "vorgang-outside-akte",
        xml(vorgang_at_top_level(), reader.read_handover),
        "Die Aussonderung enthält einen Vorgang außerhalb einer Akte; auf oberster Ebene werden nur Akten angenommen.",
    ),
    Case(
        "unreadable-date",
        edited(
            "0503",
            b"<xdomea:Beginn>2014-03-03</xdomea:Beginn>",
            b"<xdomea:Beginn>12014-03-03</xdomea:Beginn>",
            reader.read_handover,
        ),
        "Das Datum „12014-03-03“ in der Nachricht kann nicht verarbeitet werden.",
    ),
]

# --- ZIP containers ---------------------------------------------------------


def refused_entry(text, name):
    return text.replace("{name}", name)


ZIP_CASES = [
    Case(
        "zip-path-traversal",
        zip_case(with_extra("../x")),
        "Das ZIP-Archiv enthält den Eintrag „../x“, dessen Name aus dem Archiv hinausführt.",
    ),
    Case(
        "zip-path-traversal-deep",
        zip_case(with_extra("a/../../x.txt")),
        "Das ZIP-Archiv enthält den Eintrag „a/../../x.txt“, dessen Name aus dem Archiv hinausführt.",
    ),
    Case(
        "zip-absolute-path",
        zip_case(with_extra("/etc/x")),
        "Das ZIP-Archiv enthält den Eintrag „/etc/x“ mit einem absoluten Pfad.",
    ),
    Case(
        "zip-backslash",
        zip_case(with_extra("..\\x")),
        "Das ZIP-Archiv enthält den Eintrag „..\\x“ mit einem umgekehrten Schrägstrich im Namen.",
    ),
    Case(
        "zip-drive-letter",
        zip_case(with_extra("C:x")),
        "Das ZIP-Archiv enthält den Eintrag „C:x“ mit einem Laufwerksbuchstaben.",
    ),
    Case(
        "zip-symlink",
        zip_case(data=symlink_zip),
        "Das ZIP-Archiv enthält die symbolische Verknüpfung „link.txt“; Verknüpfungen werden nicht angenommen.",
    ),
    Case(
        "zip-folder",
        zip_case(with_extra("unterordner/", b"")),
        "Das ZIP-Archiv enthält den Ordnereintrag „unterordner/“; "
        "eine Aussonderung enthält nur Dateien auf oberster Ebene.",
    ),
    Case(
        "zip-nested-zip",
        zip_case(with_extra("innen.zip", container([("a.txt", b"a")]))),
        "Das ZIP-Archiv enthält ein weiteres Archiv („innen.zip“); verschachtelte Archive werden nicht angenommen.",
    ),
    Case(
        "zip-duplicate-entry",
        zip_case(lambda: [*base_entries(), (PRIMARY, b"Vertrag")]),
        f"Das ZIP-Archiv enthält den Eintrag „{PRIMARY}“ mehrfach.",
    ),
    Case(
        "zip-duplicate-by-case",
        zip_case(lambda: [*base_entries(), (PRIMARY.upper(), b"Vertrag")]),
        f"Das ZIP-Archiv enthält den Eintrag „{PRIMARY.upper()}“ mehrfach.",
    ),
    Case(
        "zip-missing-primary-file",
        zip_case(lambda: [(name, data) for name, data in base_entries() if name != PRIMARY]),
        f"Die in der Nachricht genannte Primärdatei „{PRIMARY}“ fehlt im ZIP-Archiv.",
    ),
    Case(
        "zip-extra-file",
        zip_case(with_extra(f"{samples.uid(0xEEEE)}.txt")),
        f"Das ZIP-Archiv enthält die Datei „{samples.uid(0xEEEE)}.txt“, die in der Nachricht nicht genannt ist.",
    ),
    Case(
        "zip-hash-mismatch",
        zip_case(replaced(PRIMARY, b"Vertrax")),
        f"Die SHA-256-Prüfsumme von „{PRIMARY}“ stimmt nicht mit der Nachricht überein.",
    ),
    Case(
        "zip-size-mismatch",
        zip_case(message_edited(b"<xdomea:Wert>7</xdomea:Wert>", b"<xdomea:Wert>70</xdomea:Wert>")),
        f"Die Größe von „{PRIMARY}“ (7 Bytes) stimmt nicht mit der Nachricht überein (70 Bytes).",
    ),
    Case(
        "zip-encrypted-entry",
        zip_case(data=encrypted_zip),
        f"Das ZIP-Archiv enthält den verschlüsselten Eintrag „{PRIMARY}“; "
        "verschlüsselte Einträge werden nicht angenommen.",
    ),
    Case(
        "zip-crc-damaged",
        zip_case(data=crc_damaged_zip),
        f"Der Eintrag „{PRIMARY}“ im ZIP-Archiv ist beschädigt.",
    ),
    Case(
        "zip-bomb-ratio",
        zip_case(data=zip_bomb),
        f"Der Eintrag „{samples.uid(0xB0B)}.txt“ ist verdächtig stark komprimiert (",
    ),
    Case(
        "zip-total-size",
        zip_case(
            with_extra(f"{samples.uid(0xEEED)}.txt", noise(3 * 1024 * 1024)),
            limits=package.Limits(max_total_size=2 * 1024 * 1024),
        ),
        "Das ZIP-Archiv wäre entpackt größer als 2 MB und wird nicht angenommen.",
    ),
    Case(
        "zip-entry-too-large",
        zip_case(
            with_extra(f"{samples.uid(0xEEEF)}.txt", b"x" * (2 * 1024 * 1024)),
            limits=package.Limits(max_entry_size=1024 * 1024),
        ),
        f"Der Eintrag „{samples.uid(0xEEEF)}.txt“ ist größer als 1 MB und wird nicht angenommen.",
    ),
    Case(
        "zip-too-many-entries",
        zip_case(
            lambda: [*base_entries(), *((f"{samples.uid(i)}.txt", b"") for i in range(20))],
            limits=package.Limits(max_entries=10),
        ),
        "Das ZIP-Archiv enthält 22 Einträge; angenommen werden höchstens 10.",
    ),
    Case("zip-not-a-zip", zip_case(data=b"%PDF-1.7 this is no zip"), "Die Datei ist kein ZIP-Archiv."),
    Case("zip-empty-file", zip_case(data=b""), "Die Datei ist kein ZIP-Archiv."),
    Case(
        "zip-truncated",
        zip_case(data=lambda: container(base_entries())[:300]),
        "Das ZIP-Archiv ist unvollständig oder beschädigt.",
    ),
    Case(
        "zip-no-message",
        zip_case(lambda: [(name, data) for name, data in base_entries() if name != message_name()]),
        "Das ZIP-Archiv enthält keine xdomea-Nachricht (<ProzessID>_0503_<n>.xml).",
    ),
    Case(
        "zip-two-messages",
        zip_case(two_messages),
        f"Das ZIP-Archiv enthält mehr als eine Nachricht: {samples.PROCESS_ID}_0503_1.xml, "
        f"{samples.PROCESS_ID}_0503_2.xml.",
    ),
    Case(
        "zip-message-misnamed",
        zip_case(renamed(message_name(), "nachricht.xml")),
        "Die Nachrichtendatei „nachricht.xml“ ist nicht nach dem Muster <ProzessID>_0503_<n>.xml "
        "mit der Prozess-ID ihrer Nachricht benannt.",
    ),
    Case(
        "zip-message-old-3x-name",
        zip_case(renamed(message_name(), f"{samples.PROCESS_ID}_Aussonderung.Aussonderung.0503.xml")),
        f"Die Nachrichtendatei „{samples.PROCESS_ID}_Aussonderung.Aussonderung.0503.xml“ ist nicht nach dem Muster "
        "<ProzessID>_0503_<n>.xml mit der Prozess-ID ihrer Nachricht benannt.",
    ),
    Case(
        "zip-message-other-process",
        zip_case(renamed(message_name(), f"{OTHER_PROCESS}_0503_1.xml")),
        f"Die Nachrichtendatei „{OTHER_PROCESS}_0503_1.xml“ ist nicht nach dem Muster <ProzessID>_0503_<n>.xml "
        "mit der Prozess-ID ihrer Nachricht benannt.",
    ),
    Case(
        "zip-message-wrong-code-in-name",
        zip_case(renamed(message_name(), f"{samples.PROCESS_ID}_0501_1.xml")),
        f"Die Nachrichtendatei „{samples.PROCESS_ID}_0501_1.xml“ ist nicht nach dem Muster <ProzessID>_0503_<n>.xml "
        "mit der Prozess-ID ihrer Nachricht benannt.",
    ),
    Case(
        "zip-message-with-doctype",
        zip_case(
            message_edited(
                b"<xdomea:Aussonderung.", b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xdomea:Aussonderung.'
            )
        ),
        DOCTYPE_TEXT,
    ),
    Case(
        "zip-message-too-large",
        zip_case(
            message_edited(
                b"<xdomea:nachrichtenkopf>", b"<!--" + noise(600_000, 2).hex().encode() + b"--><xdomea:nachrichtenkopf>"
            ),
            limits=package.Limits(max_message_size=1024 * 1024),
        ),
        "Die Nachricht ist größer als 1 MB und wird nicht angenommen.",
    ),
    Case(
        "zip-message-is-a-0502",
        zip_case(lambda: [(f"{PROCESS}_0503_1.xml", example("0502"))]),
        not_offered_type("Aussonderung (0503)", "Bewertungsverzeichnis (0502)"),
    ),
]

CASES = XML_CASES + READER_CASES + ZIP_CASES
