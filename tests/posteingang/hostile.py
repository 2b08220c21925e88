"""The hostile-input corpus of the Posteingang: files, e-mail messages and
hot-folder sidecars that try to break the intake (issue 17, point 7).

Each ``Case`` says what a correct intake does with it: ``REFUSED`` (a German
reason, nothing stored), ``ACCEPTED`` (stored, hostile names and texts made
safe) or ``EITHER`` where both are right (a lenient parser may read what a
strict one refuses; then only "no crash, nothing half, German" is checked).
The inputs are built on demand, the PDFs once per session.
"""

import base64
import functools
import json
import random
import re
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from mittelangeln.policy.textpdf import text_pdf


REFUSED = "refused"
ACCEPTED = "accepted"
EITHER = "either"

LIMIT_MB = 1  # the tests set posteingang_max_file_mb to this
OVERSIZE = LIMIT_MB * 1024 * 1024 + 1

PO = Path(__file__).resolve().parents[2] / "src/mittelangeln/policy/locales/de/LC_MESSAGES/mittelangeln.policy.po"


@dataclass(frozen=True)
class Case:
    family: str  # "datei", "mail", "sidecar"
    key: str
    expected: str
    build: callable = field(compare=False, repr=False)
    # The upload form's outcome where it differs: a file input sends a part
    # without a file name when no file was chosen.
    upload: str = None

    @property
    def id(self):
        return f"{self.family}-{self.key}"


# -- PDFs ---------------------------------------------------------------


def _qpdf(*arguments, data=None):
    """Run qpdf on ``data`` (as in.pdf) and return out.pdf's bytes."""
    with tempfile.TemporaryDirectory() as directory:
        source, target = Path(directory, "in.pdf"), Path(directory, "out.pdf")
        if data is not None:
            source.write_bytes(data)
        arguments = [str(source) if a == "IN" else str(target) if a == "OUT" else a for a in arguments]
        result = subprocess.run(["qpdf", *arguments], capture_output=True, timeout=60)
        assert result.returncode in (0, 3), result.stderr
        return target.read_bytes()


@functools.cache
def pdfs():
    letter = text_pdf([["Sehr geehrte Damen und Herren,", "anbei mein Antrag."], ["Seite zwei"]])
    blank = text_pdf([[""]])
    return {
        "letter": letter,
        "blank": blank,
        "blank3": text_pdf([[""], [""], [""]]),
        "aes256": _qpdf("--encrypt", "geheim", "eigner", "256", "--", "IN", "OUT", data=letter),
        "aes128": _qpdf("--encrypt", "geheim", "eigner", "128", "--use-aes=y", "--", "IN", "OUT", data=letter),
        "rc4": _qpdf("--allow-weak-crypto", "--encrypt", "geheim", "eigner", "40", "--", "IN", "OUT", data=letter),
        # Restrictions without a password to open: readable, so taken.
        "owner_only": _qpdf("--encrypt", "", "eigner", "256", "--", "IN", "OUT", data=letter),
        "zero_pages": _qpdf("--empty", "OUT"),
    }


def letter(tag):
    """A readable PDF of its own (distinct hash) for ``tag``."""
    return pdfs()["letter"] + f"\n% {tag}\n".encode()


def garbage(size, seed):
    return random.Random(seed).randbytes(size)


# -- safe names and German messages -------------------------------------------

WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}


def unsafe_name(name):
    """Why ``name`` (a stored file name) is not safe, or None."""
    if not name or name.strip(". ") == "":
        return "empty or dots only"
    if "/" in name or "\\" in name:
        return "path separator"
    if any(unicodedata.category(c)[0] == "C" for c in name):
        return "control or format character"
    if len(name) > 120:
        return "longer than 120 characters"
    if name != name.strip(" ."):
        return "leading or trailing dot or space"
    if name.split(".")[0].strip().lower() in WINDOWS_RESERVED:
        return "Windows device name"
    return None


def unsafe_text(text):
    """Why a stored one-line text (title, sender) is not safe, or None."""
    if text and any(unicodedata.category(c)[0] == "C" for c in text):
        return "control or format character"
    return None


def _unquote(text):
    return text.replace('\\"', '"').replace("\\\\", "\\")


@functools.cache
def catalog():
    """[(msgid, msgstr)] of the German catalog (single-line entries)."""
    pairs = re.findall(r'^msgid "((?:[^"\\]|\\.)*)"\nmsgstr "((?:[^"\\]|\\.)*)"$', PO.read_text(), re.MULTILINE)
    return [(_unquote(msgid), _unquote(msgstr)) for msgid, msgstr in pairs if msgid]


def _pattern(text):
    parts = re.split(r"\$\{\w+\}", text)
    return r"(?s:.+?)".join(re.escape(part) for part in parts)


@functools.cache
def _patterns():
    german, english = [], []
    for msgid, msgstr in catalog():
        # Only the longer texts: a short one ("Alter") is found in anything.
        if len(msgid) >= 18 and msgstr and msgstr != msgid:
            german.append(re.compile(_pattern(msgstr)))
            english.append(re.compile(_pattern(msgid)))
    return german, english


def not_german(text, whole=False):
    """Why ``text`` is no German refusal of the catalog, or None: it must be
    (``whole``) or contain a German text of the catalog and no English msgid."""
    german, english = _patterns()
    if whole:
        found = any(pattern.fullmatch(text.strip()) for pattern in german)
    else:
        found = any(pattern.search(text) for pattern in german)
    if not found:
        return f"no German message of the catalog: {text!r}"
    if any(pattern.search(text) for pattern in english):
        return f"English msgid text: {text!r}"
    return None


def german_refusal(error):
    """Why the IntakeRefused ``error`` is no German message, or None."""
    message = error.args[0] if error.args else None
    msgid = str(getattr(message, "default", None) or message)
    if not any(known == msgid for known, msgstr in catalog() if msgstr and msgstr != known):
        return f"msgid not translated in the catalog: {msgid!r}"
    return not_german(str(error), whole=True)


# -- family (a): files handed to intake.register (and the upload form) ----------


def _files(*files, before=(), **fields):
    """A delivery's files [(name, data)], the deliveries registered first
    (duplicates), and other fields of the delivery."""
    return {"files": list(files), "before": list(before), "fields": fields}


def _name_case(key, name, pdf=False):
    return Case("datei", key, ACCEPTED, lambda: _files((name, letter(key) if pdf else f"Inhalt {key}".encode())))


def file_cases():
    p = pdfs
    cases = [
        Case("datei", "leer-pdf", REFUSED, lambda: _files(("brief.pdf", b""))),
        Case("datei", "leer-txt", REFUSED, lambda: _files(("notiz.txt", b""))),
        Case("datei", "leer-mit-pfad", REFUSED, lambda: _files(("../../leer.pdf", b""))),
        Case("datei", "leere-anlage", REFUSED, lambda: _files(("brief.pdf", letter("a")), ("anlage.pdf", b""))),
        Case("datei", "keine-datei", REFUSED, lambda: _files()),
        Case("datei", "zu-gross-txt", REFUSED, lambda: _files(("gross.txt", b"x" * OVERSIZE))),
        Case(
            "datei",
            "zu-gross-pdf",
            REFUSED,
            lambda: _files(("gross.pdf", letter("gross") + b"%" + b"0" * OVERSIZE)),
        ),
        Case(
            "datei",
            "zu-gross-anlage",
            REFUSED,
            lambda: _files(("brief.pdf", letter("b")), ("gross.bin", garbage(OVERSIZE, 1))),
        ),
        Case("datei", "kennwort-aes256", REFUSED, lambda: _files(("geheim.pdf", p()["aes256"]))),
        Case("datei", "kennwort-aes128", REFUSED, lambda: _files(("geheim.pdf", p()["aes128"]))),
        Case("datei", "kennwort-rc4", REFUSED, lambda: _files(("geheim.pdf", p()["rc4"]))),
        Case(
            "datei",
            "kennwort-anlage",
            REFUSED,
            lambda: _files(("brief.pdf", letter("c")), ("geheim.pdf", p()["aes256"])),
        ),
        Case("datei", "kennwort-als-txt", REFUSED, lambda: _files(("harmlos.txt", p()["aes256"]))),
        Case("datei", "nur-rechte-ohne-kennwort", ACCEPTED, lambda: _files(("rechte.pdf", p()["owner_only"]))),
        Case("datei", "abgeschnitten-halb", REFUSED, lambda: _files(("halb.pdf", p()["letter"][:600]))),
        Case("datei", "abgeschnitten-kopf", REFUSED, lambda: _files(("kopf.pdf", p()["letter"][:40]))),
        Case("datei", "nur-kopfzeile", REFUSED, lambda: _files(("kopf.pdf", b"%PDF-1.7\n"))),
        Case("datei", "muell-mit-kopf", REFUSED, lambda: _files(("muell.pdf", b"%PDF-1.4\n" + garbage(5000, 2)))),
        Case(
            "datei",
            "muell-mit-kopf-und-ende",
            REFUSED,
            lambda: _files(("m.pdf", b"%PDF-1.4\n" + garbage(900, 3) + b"\n%%EOF\n")),
        ),
        Case("datei", "null-seiten", REFUSED, lambda: _files(("leer.pdf", p()["zero_pages"]))),
        Case("datei", "png-als-pdf", REFUSED, lambda: _files(("bild.pdf", b"\x89PNG\r\n\x1a\n" + garbage(300, 4)))),
        Case(
            "datei", "html-als-pdf", REFUSED, lambda: _files(("seite.pdf", b"<html><script>alert(1)</script></html>"))
        ),
        Case("datei", "zip-als-pdf", REFUSED, lambda: _files(("archiv.pdf", b"PK\x03\x04" + garbage(400, 5)))),
        Case("datei", "pdf-ohne-endung-kaputt", REFUSED, lambda: _files(("scan", b"%PDF-1.5\n1 0 obj\n<<"))),
        Case(
            "datei",
            "kaputte-anlage",
            REFUSED,
            lambda: _files(("brief.pdf", letter("d")), ("anlage.pdf", b"%PDF-1.4\nkaputt")),
        ),
        Case(
            "datei",
            "doppelte-datei",
            REFUSED,
            lambda: _files(("b.pdf", letter("e")), before=[[("a.pdf", letter("e"))]]),
        ),
        Case(
            "datei",
            "doppelte-datei-anderer-name",
            REFUSED,
            lambda: _files(("../kopie.txt", b"Doppelt"), before=[[("original.txt", b"Doppelt")]]),
        ),
        Case(
            "datei",
            "unbekannter-fachdienst",
            REFUSED,
            lambda: _files(("brief.pdf", letter("f")), fachdienst="Fachdienst IX – Geheim"),
        ),
        Case(
            "datei",
            "fachdienst-mit-pfad",
            REFUSED,
            lambda: _files(("brief.pdf", letter("g")), fachdienst="../../acl_users"),
        ),
        # Readable, with a repairable fault: qpdf reads them, so they are taken.
        Case("datei", "xref-verschoben", ACCEPTED, lambda: _files(("xref.pdf", _shift_xref(p()["letter"])))),
        Case("datei", "leerer-scan-direkt", ACCEPTED, lambda: _files(("leer-scan.pdf", p()["blank"]))),
        # Hostile names, made safe on intake.
        _name_case("name-pfad-posix", "../../etc/passwd"),
        _name_case("name-pfad-windows", "..\\..\\Windows\\System32\\brief.pdf", pdf=True),
        _name_case("name-unc", "\\\\server\\freigabe\\brief.txt"),
        _name_case("name-laufwerk", "C:brief.txt"),
        _name_case("name-nul", "brief\x00.pdf", pdf=True),
        _name_case("name-nul-endung", "brief.pdf\x00.exe"),
        _name_case("name-300", "a" * 300 + ".pdf", pdf=True),
        _name_case("name-300-umlaute", "Ä" * 300 + ".txt"),
        _name_case("name-300-ohne-endung", "x" * 300),
        _name_case("name-steuerzeichen", "\x07\x1b[31mrot\x1b[0m.txt"),
        _name_case("name-zeilenumbruch", "brief\r\nContent-Type: text/html.txt"),
        _name_case("name-tab", "brief\tname.txt"),
        _name_case("name-rtl-override", "rechnung\u202efdp.exe"),
        _name_case("name-nullbreite", "\u200bbrief\u200d.txt"),
        _name_case("name-bom", "\ufeffbrief.txt"),
        _name_case("name-con", "CON"),
        _name_case("name-con-endung", "con.txt"),
        _name_case("name-nul-geraet", "NUL.pdf", pdf=True),
        _name_case("name-com1", "COM1.txt"),
        _name_case("name-lpt9", "lpt9"),
        _name_case("name-aux-leerzeichen", "AUX .txt"),
        _name_case("name-punkt", "."),
        _name_case("name-punkte", ".."),
        _name_case("name-viele-punkte", "......"),
        Case("datei", "name-leer", ACCEPTED, lambda: _files(("", b"Inhalt ohne Namen")), upload=REFUSED),
        _name_case("name-leerzeichen", "   "),
        _name_case("name-schraegstrich", "/"),
        _name_case("name-punkt-ende", "brief.pdf.", pdf=True),
        _name_case("name-html", "<img src=x onerror=alert(1)>.txt"),
        _name_case("name-nfd", "Mu\u0308ller.txt"),
        _name_case("name-prozent", "%2e%2e%2fetc%2fpasswd"),
        _name_case("name-lange-endung", "brief." + "p" * 200),
    ]
    return cases


def _shift_xref(data):
    """Every xref offset off by one: qpdf warns and reconstructs."""
    start = data.rindex(b"startxref")
    number = int(data[start:].split()[1])
    return data[:start] + f"startxref\n{number + 1}\n%%EOF\n".encode()


# -- family (b): e-mail messages (raw bytes) -----------------------------------------


def _mail(body, headers=None, content_type="text/plain; charset=utf-8", extra=b"", message_id=None, key=""):
    header_lines = {
        "From": "Erika Mustermann <erika@example.org>",
        "To": "post@amt-mittelangeln.de",
        "Subject": f"Anfrage {key}",
        "Date": "Tue, 03 Mar 2026 10:15:00 +0100",
        "Message-ID": message_id or f"<{key}@hostile.example.org>",
        "MIME-Version": "1.0",
        "Content-Type": content_type,
    }
    for name, value in (headers or {}).items():
        if value is None:
            header_lines.pop(name, None)
        else:
            header_lines[name] = value
    head = "".join(f"{name}: {value}\r\n" for name, value in header_lines.items()).encode("utf-8", "surrogateescape")
    body = body.encode() if isinstance(body, str) else body
    return head + extra + b"\r\n" + body


def _multipart(key, parts, boundary="GRENZE", headers=None, closing=True):
    out = [b"Dies ist eine mehrteilige Nachricht.\r\n"]
    for part in parts:
        out.append(f"--{boundary}\r\n".encode() + part)
    if closing:
        out.append(f"--{boundary}--\r\n".encode())
    return _mail(b"".join(out), headers, f'multipart/mixed; boundary="{boundary}"', key=key)


INLINE_IMAGE = (
    b"Content-Type: image/png\r\nContent-ID: <bild1>\r\nContent-Disposition: inline\r\n"
    b"Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"
)
BASE64_GARBAGE = (
    b'Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="x.bin"\r\n'
    b"Content-Transfer-Encoding: base64\r\n\r\n!!!! ????\r\n"
)


def _text_part(text="Sehr geehrte Damen und Herren, bitte um Rückruf.", charset="utf-8", encoding="8bit"):
    data = text.encode(charset) if isinstance(text, str) else text
    return (
        f"Content-Type: text/plain; charset={charset}\r\nContent-Transfer-Encoding: {encoding}\r\n\r\n".encode()
        + data
        + b"\r\n"
    )


def _attachment(name_header, data, content_type="application/octet-stream", encoding="base64"):
    payload = base64.encodebytes(data) if encoding == "base64" else data
    return (
        (
            f"Content-Type: {content_type}\r\nContent-Disposition: attachment; {name_header}\r\n"
            f"Content-Transfer-Encoding: {encoding}\r\n\r\n"
        ).encode("utf-8", "surrogateescape")
        + payload
        + b"\r\n"
    )


def _nested(depth, key):
    """``depth`` multiparts inside each other, a text at the bottom."""
    inner = _text_part(f"Ganz innen {key}")
    for level in range(depth):
        boundary = f"T{level}"
        inner = (
            f'Content-Type: multipart/mixed; boundary="{boundary}"\r\n\r\n--{boundary}\r\n'.encode()
            + inner
            + f"--{boundary}--\r\n".encode()
        )
    return _mail(
        inner.split(b"\r\n\r\n", 1)[1], content_type=inner.split(b"\r\n", 1)[0].split(b": ", 1)[1].decode(), key=key
    )


def _mail_case(key, expected, build):
    return Case("mail", key, expected, build)


def mail_cases():
    def att(name_header, data=None, content_type="text/plain", key=""):
        return lambda: _multipart(
            key, [_text_part(), _attachment(name_header, data or f"Anlage {key}".encode(), content_type)]
        )

    cases = [
        # Malformed MIME: read leniently or refused, never a crash.
        _mail_case(
            "grenze-fehlt",
            EITHER,
            lambda: _multipart(
                "grenze-fehlt", [_text_part()], boundary="A", headers={"Content-Type": 'multipart/mixed; boundary="B"'}
            ),
        ),
        _mail_case(
            "grenze-ohne-ende",
            EITHER,
            lambda: _multipart(
                "grenze-ohne-ende", [_text_part(), _attachment('filename="a.txt"', b"Anlage")], closing=False
            ),
        ),
        _mail_case(
            "multipart-ohne-grenze",
            EITHER,
            lambda: _mail(_text_part(), content_type="multipart/mixed", key="multipart-ohne-grenze"),
        ),
        _mail_case(
            "grenze-leer",
            EITHER,
            lambda: _mail(_text_part(), content_type='multipart/mixed; boundary=""', key="grenze-leer"),
        ),
        _mail_case("ohne-from", ACCEPTED, lambda: _mail("Text ohne Absender", {"From": None}, key="ohne-from")),
        _mail_case("ohne-betreff", ACCEPTED, lambda: _mail("Text ohne Betreff", {"Subject": None}, key="ohne-betreff")),
        _mail_case("ohne-datum", ACCEPTED, lambda: _mail("Text ohne Datum", {"Date": None}, key="ohne-datum")),
        _mail_case(
            "ohne-message-id", ACCEPTED, lambda: _mail("Text ohne Message-ID", {"Message-ID": None}, key="ohne-mid")
        ),
        _mail_case("ohne-kopf", EITHER, lambda: b"\r\nNur ein Text ohne Kopfzeilen."),
        _mail_case("nur-kopf", EITHER, lambda: _mail(b"", key="nur-kopf")),
        _mail_case("leer", EITHER, lambda: b""),
        _mail_case("binaermuell", EITHER, lambda: garbage(20000, 11)),
        _mail_case("nul-im-text", ACCEPTED, lambda: _mail(b"Text mit \x00 NUL \x00 Bytes", key="nul-im-text")),
        # Header injection: the stored subject and sender are one line.
        _mail_case(
            "injektion-betreff",
            ACCEPTED,
            lambda: _mail("Text", {"Subject": "=?utf-8?q?Hallo=0D=0ABcc:_opfer@example.org?="}, key="inj-b"),
        ),
        _mail_case(
            "injektion-absender",
            ACCEPTED,
            lambda: _mail(
                "Text", {"From": "=?utf-8?q?Erika=0D=0ABcc:_x@example.org?= <erika@example.org>"}, key="inj-a"
            ),
        ),
        _mail_case(
            "injektion-adresse",
            EITHER,
            lambda: _mail("Text", {"From": '"Erika" <erika@example.org\r\n Bcc: opfer@example.org>'}, key="inj-ad"),
        ),
        _mail_case("absender-kaputt", ACCEPTED, lambda: _mail("Text", {"From": "<<<@>>> ,,, @"}, key="abs-kaputt")),
        _mail_case(
            "absender-viele",
            ACCEPTED,
            lambda: _mail("Text", {"From": ", ".join(f"p{n}@example.org" for n in range(500))}, key="abs-viele"),
        ),
        # Encodings.
        _mail_case(
            "kopf-8bit-utf8", ACCEPTED, lambda: _mail("Text", {"Subject": "Müllabfuhr in Sörup \udcc3"}, key="8bit-u")
        ),
        _mail_case(
            "kopf-8bit-latin1",
            ACCEPTED,
            lambda: _mail("Text", {"Subject": "M\udcfcllabfuhr in S\udcf6rup"}, key="8bit-l"),
        ),
        _mail_case(
            "zeichensatz-unbekannt",
            ACCEPTED,
            lambda: _mail("Grüße aus Sörup".encode(), content_type="text/plain; charset=x-klingonisch", key="cs-unb"),
        ),
        _mail_case(
            "zeichensatz-falsch",
            ACCEPTED,
            lambda: _mail(
                "Grüße aus Sörup".encode("latin-1"), content_type="text/plain; charset=utf-8", key="cs-falsch"
            ),
        ),
        _mail_case(
            "zeichensatz-kopf-unbekannt",
            ACCEPTED,
            lambda: _mail("Text", {"Subject": "=?x-foo?q?Hallo_Welt?="}, key="cs-kopf"),
        ),
        _mail_case(
            "zeichensatz-kopf-kaputt",
            ACCEPTED,
            lambda: _mail("Text", {"Subject": "=?utf-8?b?!!!kein-base64?="}, key="cs-kopf-b"),
        ),
        _mail_case("utf7", ACCEPTED, lambda: _mail("Text", {"Subject": "=?utf-7?q?Gr+APw-=DFe?="}, key="utf7")),
        _mail_case(
            "base64-muell",
            ACCEPTED,
            lambda: _mail(
                b"@@@ kein base64 !!!\r\n====",
                content_type="text/plain; charset=utf-8",
                extra=b"Content-Transfer-Encoding: base64\r\n",
                key="b64",
            ),
        ),
        _mail_case(
            "qp-kaputt",
            ACCEPTED,
            lambda: _mail(b"Gr=FC=DFe =ZZ =\r\n=", extra=b"Content-Transfer-Encoding: quoted-printable\r\n", key="qp"),
        ),
        _mail_case(
            "kodierung-unbekannt",
            ACCEPTED,
            lambda: _mail(b"Text", extra=b"Content-Transfer-Encoding: x-geheim\r\n", key="cte"),
        ),
        _mail_case(
            "content-type-muell", ACCEPTED, lambda: _mail(b"Text", content_type="text/; ;; charset", key="ct-muell")
        ),
        _mail_case(
            "nur-html",
            ACCEPTED,
            lambda: _mail(
                "<html><body><script>alert(1)</script><p>Hallo <b>Amt</b></p></body></html>",
                content_type="text/html; charset=utf-8",
                key="html",
            ),
        ),
        # Structure.
        _mail_case("verschachtelt-50", ACCEPTED, lambda: _nested(50, "v50")),
        _mail_case("verschachtelt-1000", EITHER, lambda: _nested(1000, "v1000")),
        _mail_case(
            "kopfzeile-riesig", EITHER, lambda: _mail("Text", {"Subject": "Betreff " + "x" * 200_000}, key="riesig")
        ),
        _mail_case(
            "kopfzeilen-viele",
            EITHER,
            lambda: _mail("Text", extra=b"".join(b"X-Spam-%d: ja\r\n" % n for n in range(20000)), key="viele"),
        ),
        _mail_case("message-id-lang", ACCEPTED, lambda: _mail("Text", message_id="<" + "m" * 5000 + "@example.org>")),
        _mail_case("message-id-steuerzeichen", EITHER, lambda: _mail("Text", message_id="<a\x00b\x07c@example.org>")),
        _mail_case("datum-unsinn", ACCEPTED, lambda: _mail("Text", {"Date": "gestern gegen Mittag"}, key="datum")),
        _mail_case(
            "datum-jahr-9999", EITHER, lambda: _mail("Text", {"Date": "Fri, 31 Dec 9999 23:59:59 +1400"}, key="d9999")
        ),
        _mail_case(
            "datum-jahr-1900", EITHER, lambda: _mail("Text", {"Date": "Mon, 01 Jan 1900 00:00:00 -1200"}, key="d1900")
        ),
        _mail_case(
            "rfc822-anlage",
            ACCEPTED,
            lambda: _multipart(
                "rfc822",
                [
                    _text_part(),
                    b"Content-Type: message/rfc822\r\n\r\n" + _mail("Weitergeleitet", key="innen") + b"\r\n",
                ],
            ),
        ),
        _mail_case(
            "rfc822-kaputt",
            EITHER,
            lambda: _multipart(
                "rfc822-k", [_text_part(), b"Content-Type: message/rfc822\r\n\r\n" + garbage(500, 12) + b"\r\n"]
            ),
        ),
        _mail_case(
            "inline-bild",
            ACCEPTED,
            lambda: _multipart(
                "inline",
                [
                    _text_part(),
                    INLINE_IMAGE,
                ],
            ),
        ),
        # Attachments with hostile names (made safe) or contents (refused).
        _mail_case("anlage-pfad", ACCEPTED, att('filename="../../etc/passwd"', key="a-pfad")),
        _mail_case("anlage-pfad-windows", ACCEPTED, att('filename="..\\\\..\\\\boot.ini"', key="a-win")),
        _mail_case("anlage-nul", ACCEPTED, att("filename*=utf-8''brief%00.txt", key="a-nul")),
        _mail_case("anlage-300", ACCEPTED, att(f'filename="{"b" * 300}.txt"', key="a-300")),
        _mail_case("anlage-rtl", ACCEPTED, att("filename*=utf-8''rechnung%E2%80%AEfdp.exe", key="a-rtl")),
        _mail_case("anlage-con", ACCEPTED, att('filename="CON"', key="a-con")),
        _mail_case("anlage-punkte", ACCEPTED, att('filename=".."', key="a-punkte")),
        _mail_case("anlage-ohne-name", ACCEPTED, att("size=3", key="a-ohne")),
        _mail_case(
            "anlage-name-rfc2047",
            ACCEPTED,
            att('filename="=?utf-8?q?=2E=2E=2F=2E=2E=2Fb=C3=B6se=0A.txt?="', key="a-2047"),
        ),
        _mail_case("anlage-name-8bit", ACCEPTED, att('filename="M\udcfcller.txt"', key="a-8bit")),
        _mail_case("anlage-zu-gross", REFUSED, att('filename="gross.bin"', garbage(OVERSIZE, 13), key="a-gross")),
        _mail_case(
            "anlage-leer",
            ACCEPTED,
            lambda: _multipart("a-leer", [_text_part(), _attachment('filename="leer.pdf"', b"", "application/pdf")]),
        ),
        _mail_case(
            "anlage-kennwort",
            REFUSED,
            lambda: _multipart(
                "a-kw", [_text_part(), _attachment('filename="geheim.pdf"', pdfs()["aes256"], "application/pdf")]
            ),
        ),
        _mail_case(
            "anlage-pdf-kaputt",
            REFUSED,
            lambda: _multipart(
                "a-kaputt",
                [_text_part(), _attachment('filename="scan.pdf"', b"%PDF-1.4\n" + garbage(700, 14), "application/pdf")],
            ),
        ),
        _mail_case(
            "anlage-exe-als-pdf",
            REFUSED,
            lambda: _multipart(
                "a-exe",
                [
                    _text_part(),
                    _attachment('filename="rechnung.pdf"', b"MZ\x90\x00" + garbage(700, 15), "application/pdf"),
                ],
            ),
        ),
        _mail_case(
            "anlage-base64-muell",
            EITHER,
            lambda: _multipart(
                "a-b64",
                [
                    _text_part(),
                    BASE64_GARBAGE,
                ],
            ),
        ),
        _mail_case(
            "anlagen-viele",
            ACCEPTED,
            lambda: _multipart(
                "a-viele",
                [
                    _text_part(),
                    *(
                        _attachment(f'filename="anlage-{n}.txt"', f"Anlage {n}".encode(), "text/plain")
                        for n in range(60)
                    ),
                ],
            ),
        ),
        # The same message twice.
        _mail_case(
            "doppelte-message-id",
            REFUSED,
            lambda: {
                "before": [_mail("Erste", message_id="<zweimal@example.org>")],
                "raw": _mail("Zweite", message_id="<zweimal@example.org>"),
            },
        ),
        _mail_case(
            "doppelt-identisch",
            REFUSED,
            lambda: {"before": [_mail("Gleich", key="identisch")], "raw": _mail("Gleich", key="identisch")},
        ),
    ]
    return cases


def mail_input(case):
    """(raw bytes, [raw bytes delivered before]) of a mail case."""
    built = case.build()
    if isinstance(built, dict):
        return built["raw"], built["before"]
    return built, []


# -- family (c): PDFs with JSON sidecars in the scan hot folder ----------------------


def _scan(key, sidecar=None, pdf=None, name=None):
    """(file name, PDF bytes, sidecar bytes or None)."""
    if callable(pdf):
        pdf = pdf()
    if sidecar is not None and not isinstance(sidecar, bytes):
        sidecar = json.dumps(sidecar, ensure_ascii=False).encode()
    return (name or f"scan-{key}.pdf", pdf if pdf is not None else letter(f"scan-{key}"), sidecar)


def sidecar_cases():
    def case(key, expected, sidecar=None, **kwargs):
        return Case("sidecar", key, expected, lambda: _scan(key, sidecar, **kwargs))

    return [
        case("json-kaputt", REFUSED, b'{"betreff": "Bauantrag",'),
        case("json-muell", REFUSED, garbage(300, 21)),
        case("json-leer", REFUSED, b""),
        case("json-liste", REFUSED, [1, 2, 3]),
        case("json-text", REFUSED, "nur ein Text"),
        case("json-null", REFUSED, b"null"),
        case("json-tief", REFUSED, b"[" * 100_000 + b"]" * 100_000),
        case("json-nan", EITHER, b'{"subject": NaN, "scan_id": Infinity}'),
        case("json-latin1", EITHER, '{"subject": "Müll"}'.encode("latin-1")),
        case("json-bom", EITHER, b"\xef\xbb\xbf" + b'{"subject": "Brief mit BOM"}'),
        case("typ-fachdienst-liste", REFUSED, {"fachdienst": ["Fachdienst IV – Bauen und Umwelt"]}),
        case("typ-frist-zahl", REFUSED, {"deadline": 20260331}),
        case("typ-scan-id-objekt", REFUSED, {"scan_id": {"id": 1}}),
        case("typ-betreff-zahl", EITHER, {"subject": 12345}),
        case("fachdienst-unbekannt", REFUSED, {"fachdienst": "Fachdienst IX – Geheimdienst"}),
        case("fachdienst-pfad", REFUSED, {"fachdienst": "../../acl_users"}),
        case("frist-deutsch", REFUSED, {"deadline": "31.03.2026"}),
        case("frist-unsinn", REFUSED, {"deadline": "2026-13-45"}),
        case("eingang-unsinn", REFUSED, {"received": "gestern"}),
        case("eingang-falsch", REFUSED, {"received": "2026-02-30T25:61:00"}),
        case("scan-id-pfad", ACCEPTED, {"scan_id": "../../../etc/passwd", "subject": "Pfad in der Scan-ID"}),
        case("betreff-steuerzeichen", ACCEPTED, {"subject": "Bau\x00antrag\r\nBcc: x@example.org\u202e"}),
        case(
            "absender-pfad", ACCEPTED, {"sender_name": "../../root", "sender_organisation": "<script>alert(1)</script>"}
        ),
        case("felder-unbekannt", ACCEPTED, {"__class__": "x", "portal_type": "Folder", "id": "../acl_users"}),
        case("kanal-unbekannt", EITHER, {"channel": "brieftaube"}),
        case("zustaendig-unbekannt", EITHER, {"responsible": "admin"}),
        # The PDFs themselves.
        case("leerer-scan", REFUSED, pdf=lambda: pdfs()["blank"]),
        case("leerer-scan-3-seiten", REFUSED, pdf=lambda: pdfs()["blank3"]),
        case("scan-kennwort", REFUSED, pdf=lambda: pdfs()["aes256"]),
        case("scan-kaputt", REFUSED, pdf=b"%PDF-1.4\n" + garbage(2000, 22) + b"\n%%EOF\n"),
        case("scan-null-seiten", REFUSED, pdf=lambda: pdfs()["zero_pages"]),
        case("scan-zu-gross", REFUSED, pdf=lambda: letter("scan-gross") + b"%" + b"0" * OVERSIZE + b"\n%%EOF\n"),
        case("name-con", ACCEPTED, name="CON.pdf"),
        case("name-zeilenumbruch", ACCEPTED, name="brief\nzwei.pdf"),
        case("name-rtl", ACCEPTED, name="rechnung\u202efdp.pdf"),
        case("name-lang", ACCEPTED, name="s" * 240 + ".pdf"),
        case("name-gross", ACCEPTED, name="BRIEF.PDF"),
    ]


def all_cases():
    return [*file_cases(), *mail_cases(), *sidecar_cases()]


RESULTS = []  # (family, path, case key, outcome) of every hostile input run
