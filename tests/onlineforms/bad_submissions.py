"""Malformed submissions for the online forms: what a careless, confused or
hostile sender may post. Each case says which fields must be flagged, or
that it is valid (script and foreign text are valid input, kept as text).

Every refused case also carries a foreign-script or script-payload value in
another field, so the re-shown form proves that such input is kept and shown
escaped.
"""

import io
import os
import zlib
from dataclasses import dataclass
from dataclasses import field

from PIL import Image

from mittelangeln.policy.testing.helpers import image_bytes


PAYLOADS = (
    '<script>alert("xss")</script>',
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "</textarea><script>document.cookie</script>",
)
# What must never come back unescaped in a page.
DANGEROUS = ("<script>alert(", "<img src=x onerror", "<svg onload", "<script>document.cookie")
FOREIGN = (
    "Улица Ленина 5",
    "شارع الملك فهد",
    "東京都千代田区丸の内",
    "🚧 Schlagloch 🕳️ vor Nr. 3",
    "Straße\u202eevil\u202c Ecke",
    "A\u0308rger mit Ö\u0301ffnung",
    "Ελληνικά κείμενα",
    "עברית טקסט",
)


@dataclass
class Case:
    name: str
    form: str
    fields: dict
    files: dict = field(default_factory=dict)
    flagged: tuple = ()  # fields the re-shown form must name; () and valid=False: refused as a whole
    valid: bool | None = False  # None: either, but consistently (stored if and only if confirmed)
    send: bool = True
    token: bool = True


def maengelmelder_fields(**changes):
    fields = {
        "category:list": "schlagloch-oder-strassenschaden",
        "address": "Dorfstraße 3, Satrup",
        "latitude": "",
        "longitude": "",
        "defect": "Tiefes Schlagloch vor dem Haus",
        "contact_name": "Jens Petersen",
        "contact_email": "jens@example.org",
        "contact_phone": "04633 1234",
    }
    return {**fields, **changes}


def antrag_fields(**changes):
    fields = {
        "applicant_name": "Anke Hansen",
        "applicant_address": "Hauptstraße 5, Satrup",
        "applicant_phone": "04633 5678",
        "applicant_email": "anke@example.org",
        "pupil_name": "Lena Hansen",
        "pupil_birthday": "2016-05-04",
        "pupil_address": "Hauptstraße 5, Satrup",
        "school:list": "grundschule-satrup",
        "school_class": "3",
        "siblings": "1",
        "transport:list": "schulbus-oder-linienbus",
        "transport_reason": "Schulweg länger als 2 km",
        "iban": "DE89 3704 0044 0532 0130 00",
        "account_holder": "Anke Hansen",
        "consent:list": "selected",
    }
    return {**fields, **changes}


def pdf():
    buffer = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(buffer, "PDF")
    return buffer.getvalue()


def png_bomb():
    """A small PNG that claims 30000 × 30000 pixels."""
    header = b"\x89PNG\r\n\x1a\n"
    ihdr = (30000).to_bytes(4, "big") * 2 + b"\x08\x00\x00\x00\x00"
    chunk = b"IHDR" + ihdr
    ihdr_chunk = len(ihdr).to_bytes(4, "big") + chunk + zlib.crc32(chunk).to_bytes(4, "big")
    data = zlib.compress(b"\x00" * 30001 * 200)
    idat = b"IDAT" + data
    idat_chunk = len(data).to_bytes(4, "big") + idat + zlib.crc32(idat).to_bytes(4, "big")
    end = b"IEND"
    return header + ihdr_chunk + idat_chunk + (0).to_bytes(4, "big") + end + zlib.crc32(end).to_bytes(4, "big")


FAKE_FILES = {
    "text as jpeg": ("foto.jpg", b"Das ist kein Bild, nur Text.", "image/jpeg"),
    "php as jpeg": ("shell.jpg", b"<?php system($_GET['c']); ?>", "image/jpeg"),
    "html as png": ("seite.png", b"<html><script>alert(1)</script></html>", "image/png"),
    "svg with script": ("bild.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg+xml"),
    "empty file": ("leer.jpg", b"", "image/jpeg"),
    "truncated jpeg": ("kaputt.jpg", image_bytes()[:200], "image/jpeg"),
    "exe as jpeg": ("setup.jpg", b"MZ\x90\x00" + os.urandom(2000), "image/jpeg"),
    "zip as png": ("archiv.png", b"PK\x03\x04" + os.urandom(500), "image/png"),
    "pdf as photo": ("scan.jpg", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "image/jpeg"),
    "png bomb": ("riesig.png", png_bomb(), "image/png"),
    "oversize": ("gross.jpg", image_bytes() + os.urandom(11 * 1024 * 1024), "image/jpeg"),
}
FAKE_DOCUMENTS = {
    "text as pdf": ("bescheinigung.pdf", b"Schulbescheinigung als Text", "application/pdf"),
    "pdf header only": ("kopf.pdf", b"%PDF-1.7\n garbage garbage", "application/pdf"),
    "html as pdf": ("seite.pdf", b"<html><body onload=alert(1)></body></html>", "application/pdf"),
    "exe as pdf": ("setup.pdf", b"MZ\x90\x00" + os.urandom(3000), "application/pdf"),
    "docx as pdf": ("brief.pdf", b"PK\x03\x04" + os.urandom(800), "application/pdf"),
    "empty pdf": ("leer.pdf", b"", "application/pdf"),
    "oversize pdf": ("gross.pdf", b"%PDF-1.4\n" + os.urandom(11 * 1024 * 1024), "application/pdf"),
}


def without(fields, name):
    """``fields`` lacking the field ``name``."""
    return {key: value for key, value in fields.items() if key != name}


def decorate(index, fields, keep_away):
    """Put a foreign-script or payload value into a free text field."""
    free = [
        name
        for name in ("contact_name", "address", "applicant_phone", "transport_reason", "pupil_address")
        if name in fields and name not in keep_away
    ]
    if not free:
        return fields
    values = FOREIGN + PAYLOADS
    return {**fields, free[index % len(free)]: values[index % len(values)]}


def maengelmelder_cases():
    cases = []
    broken = {
        "category:list": ["", "Spielplatz", "gibt-es-nicht", "x" * 500, '"><script>alert(1)</script>'],
        "defect": ["", "   ", "x" * 4001, "Ä" * 100_000, "😀" * 4001],
        "address": ["y" * 301, "Zeile 1\nZeile 2", "東" * 301],
        "latitude": ["abc", "91", "-90.5e3", "1e309", "NaN", "inf", "54,5,3", "54.6.1", "--1", "٥٤٫٦"],
        "longitude": ["abc", "181", "-181", "nan", "9,6,1"],
        "contact_email": [
            "kein-mail",
            "a@b",
            "x" * 300 + "@example.org",
            "<script>@example.org",
            "jens@@example.org",
            "jens@ex ample.org",
            "jens@example..org",
            ".jens@example.org",
            "jens@example.org\nBcc: x@y.z",
            "Jens <jens@example.org>",
        ],
        "contact_phone": ["1" * 51],
        "contact_name": ["n" * 201],
    }
    for name, values in broken.items():
        for value in values:
            fields = maengelmelder_fields(**{name: value})
            if name in ("latitude", "longitude"):
                fields.update(address="", latitude="54.6261", longitude="9.6012")
                fields[name] = value
            flagged = ("category",) if name == "category:list" else (name,)
            cases.append(Case(f"maengelmelder {name}={str(value)[:30]!r}", "maengelmelder", fields, flagged=flagged))
    for name in ("category:list", "defect"):
        fields = maengelmelder_fields()
        del fields[name]
        cases.append(Case(f"maengelmelder without {name}", "maengelmelder", fields, flagged=(name.split(":")[0],)))
    cases.append(
        Case("maengelmelder without any place", "maengelmelder", maengelmelder_fields(address=""), flagged=("address",))
    )
    cases.append(
        Case(
            "maengelmelder only latitude",
            "maengelmelder",
            maengelmelder_fields(address="", latitude="54.6"),
            flagged=("address",),
        )
    )
    for photo in ("photo_1", "photo_2", "photo_3"):
        for kind, spec in FAKE_FILES.items():
            cases.append(
                Case(
                    f"maengelmelder {photo} {kind}",
                    "maengelmelder",
                    maengelmelder_fields(),
                    {photo: spec},
                    flagged=(photo,),
                )
            )
    # A browser never sends a single choice twice: either value may be taken.
    cases.append(
        Case(
            "maengelmelder category twice",
            "maengelmelder",
            maengelmelder_fields(**{"category:list": ["schlagloch-oder-strassenschaden", "spielplatz"]}),
            valid=None,
        )
    )
    cases.append(Case("maengelmelder everything empty", "maengelmelder", {}, flagged=("category", "defect")))
    # Wrong types: a file where text belongs, text where a file belongs.
    cases.append(
        Case(
            "maengelmelder defect as a file",
            "maengelmelder",
            without(maengelmelder_fields(), "defect"),
            {"defect": ("text.txt", b"Loch", "text/plain")},
            flagged=("defect",),
        )
    )
    cases.append(
        Case(
            "maengelmelder photo as text",
            "maengelmelder",
            maengelmelder_fields(photo_1="kein Bild"),
            flagged=("photo_1",),
        )
    )
    cases.append(
        Case(
            "maengelmelder defect twice",
            "maengelmelder",
            maengelmelder_fields(defect=["eins", "zwei"]),
            flagged=("defect",),
        )
    )
    cases.append(
        Case(
            "maengelmelder defect invalid UTF-8",
            "maengelmelder",
            maengelmelder_fields(defect=b"\xff\xfe Loch \xc3"),
            valid=None,
        )
    )
    cases.append(
        Case(
            "maengelmelder category invalid UTF-8",
            "maengelmelder",
            maengelmelder_fields(**{"category:list": b"\xc3\x28"}),
            flagged=("category",),
        )
    )
    cases.append(
        Case(
            "maengelmelder address twice",
            "maengelmelder",
            maengelmelder_fields(address=["a", "b"]),
            flagged=("address",),
        )
    )
    # Posted in shapes no browser sends (Zope's :record, :int, repeated files,
    # the file widget's own bookkeeping).
    without_category = without(maengelmelder_fields(), "category:list")
    cases.append(
        Case(
            "maengelmelder category as :record",
            "maengelmelder",
            {**without_category, "category.x:record": "1"},
            flagged=("category",),
        )
    )
    cases.append(
        Case(
            "maengelmelder defect as :int",
            "maengelmelder",
            {**without(maengelmelder_fields(), "defect"), "defect:int": "5"},
            flagged=("defect",),
        )
    )
    cases.append(
        Case(
            "maengelmelder photo twice, first fake",
            "maengelmelder",
            maengelmelder_fields(),
            {"photo_1": [FAKE_FILES["text as jpeg"], ("echt.jpg", image_bytes(), "image/jpeg")]},
            flagged=("photo_1",),
        )
    )
    cases.append(
        Case(
            "maengelmelder photo twice, both real",
            "maengelmelder",
            maengelmelder_fields(),
            {"photo_1": [("a.jpg", image_bytes(), "image/jpeg"), ("b.jpg", image_bytes(), "image/jpeg")]},
            valid=None,
        )
    )
    cases.append(
        Case(
            "maengelmelder file widget bookkeeping",
            "maengelmelder",
            {**maengelmelder_fields(), "photo_1.action": "nochange", "photo_1.file_upload_id": ["a", "b"]},
            valid=None,
        )
    )
    cases.append(
        Case(
            "maengelmelder file_upload_id of a stranger",
            "maengelmelder",
            {**maengelmelder_fields(), "photo_1.action": "nochange", "photo_1.file_upload_id": "0" * 32},
            valid=None,
        )
    )
    # Refused as a whole: robots and forged posts.
    cases.append(
        Case("maengelmelder honeypot as a list", "maengelmelder", {**maengelmelder_fields(), "website": ["", "x"]})
    )
    cases.append(
        Case("maengelmelder honeypot", "maengelmelder", {**maengelmelder_fields(), "website": "http://spam.example"})
    )
    cases.append(Case("maengelmelder without CSRF token", "maengelmelder", maengelmelder_fields(), token=False))
    cases.append(Case("maengelmelder without the send button", "maengelmelder", maengelmelder_fields(), send=False))
    # Valid: script and foreign text are text.
    for payload in PAYLOADS + FOREIGN:
        cases.append(
            Case(
                f"maengelmelder valid with {payload[:20]!r}",
                "maengelmelder",
                maengelmelder_fields(defect=f"Mangel: {payload}", contact_name=payload),
                valid=True,
            )
        )
    cases.append(
        Case(
            "maengelmelder valid with real photo",
            "maengelmelder",
            maengelmelder_fields(),
            {"photo_1": ("laterne.jpg", image_bytes(), "image/jpeg")},
            valid=True,
        )
    )
    return cases


def antrag_cases():
    cases = []
    required = (
        "applicant_name",
        "applicant_address",
        "pupil_name",
        "pupil_birthday",
        "pupil_address",
        "school:list",
        "school_class",
        "transport:list",
        "iban",
        "account_holder",
        "consent:list",
    )
    for name in required:
        fields = antrag_fields()
        del fields[name]
        cases.append(Case(f"antrag without {name}", "schuelerbefoerderung", fields, flagged=(name.split(":")[0],)))
    broken = {
        "pupil_birthday": [
            "",
            "2016-13-01",
            "31.12.2016",
            "abc",
            "2016-02-30",
            "1-2-3-4",
            "9999-01-01",
            "1900-01-01",
            "2016-05",
            "--",
            "2016-05-04T10:00",
        ],
        "school_class": ["", "0", "14", "drei", "3.5", "-1", "99999999999999999999999", "3 a", "١٢"],
        "siblings": ["-1", "21", "zwei", "1.5"],
        "iban": [
            "   ",
            "AT61 1904 3002 3457 3202",
            "NL91ABNA041716430",
            "DK50 0040 0440 1162 4",
            "DE89-3704-0044-0532-0130-00",
            "DE89 3704 0044 0532 0130 01",
            "DE89370400440532013",
            "DE8937040044053201300000",
            "DE89 3704 0044 0532 0130 0X",
            "XX89 3704 0044 0532 0130 00",
            "DE",
            "<script>alert(1)</script>",
            "D" * 60,
            "DE00 0000 0000 0000 0000 00",
            "ÄÖ12 3456",
        ],
        "school:list": ["keine-schule", "Grundschule Satrup", "", "grundschule-satrup\x00"],
        "transport:list": ["rakete", "Bahn", ""],
        "consent:list": ["ja bitte"],
        "applicant_email": ["anke", "anke@", "@example.org", "anke example.org"],
        "pupil_name": ["p" * 201, "Lena\nHansen", "ш" * 201],
        "applicant_name": ["", "   ", "Anke\tHansen\nZeile"],
        "applicant_address": ["a" * 10_000],
        "transport_reason": ["r" * 4001],
        "account_holder": ["h" * 201],
    }
    for name, values in broken.items():
        for value in values:
            flagged = (name.split(":")[0],)
            cases.append(
                Case(
                    f"antrag {name}={str(value)[:30]!r}",
                    "schuelerbefoerderung",
                    antrag_fields(**{name: value}),
                    flagged=flagged,
                )
            )
    for kind, spec in {
        **FAKE_DOCUMENTS,
        "svg with script": FAKE_FILES["svg with script"],
        "php as jpeg": FAKE_FILES["php as jpeg"],
    }.items():
        cases.append(
            Case(
                f"antrag certificate {kind}",
                "schuelerbefoerderung",
                antrag_fields(),
                {"certificate": spec},
                flagged=("certificate",),
            )
        )
    cases.append(Case("antrag everything empty", "schuelerbefoerderung", {}, flagged=("applicant_name", "iban")))
    cases.append(
        Case(
            "antrag class as a file",
            "schuelerbefoerderung",
            without(antrag_fields(), "school_class"),
            {"school_class": ("klasse.txt", b"3", "text/plain")},
            flagged=("school_class",),
        )
    )
    cases.append(
        Case(
            "antrag birthday twice",
            "schuelerbefoerderung",
            antrag_fields(pupil_birthday=["2016-05-04", "2015-01-01"]),
            flagged=("pupil_birthday",),
        )
    )
    cases.append(
        Case(
            "antrag consent twice",
            "schuelerbefoerderung",
            antrag_fields(**{"consent:list": ["selected", "selected"]}),
            valid=None,
        )
    )
    cases.append(Case("antrag honeypot", "schuelerbefoerderung", {**antrag_fields(), "website": "x"}))
    cases.append(Case("antrag without CSRF token", "schuelerbefoerderung", antrag_fields(), token=False))
    for payload in PAYLOADS + FOREIGN:
        cases.append(
            Case(
                f"antrag valid with {payload[:20]!r}",
                "schuelerbefoerderung",
                antrag_fields(pupil_name=payload, transport_reason=f"Grund: {payload}"),
                valid=True,
            )
        )
    for payload in PAYLOADS:
        cases.append(
            Case(
                f"antrag valid address {payload[:20]!r}",
                "schuelerbefoerderung",
                antrag_fields(applicant_address=payload, account_holder=payload),
                valid=True,
            )
        )
    cases.append(
        Case(
            "antrag valid with PDF certificate",
            "schuelerbefoerderung",
            antrag_fields(),
            {"certificate": ("bescheinigung.pdf", pdf(), "application/pdf")},
            valid=True,
        )
    )
    cases.append(
        Case(
            "antrag valid with photo of the certificate",
            "schuelerbefoerderung",
            antrag_fields(),
            {"certificate": ("bescheinigung.jpg", image_bytes(), "image/jpeg")},
            valid=True,
        )
    )
    cases.append(
        Case(
            "antrag valid with lower-case IBAN",
            "schuelerbefoerderung",
            antrag_fields(iban="de89370400440532013000"),
            valid=True,
        )
    )
    return cases


def all_cases():
    cases = maengelmelder_cases() + antrag_cases()
    for index, case in enumerate(cases):
        if not case.valid and case.flagged:
            case.fields = decorate(index, case.fields, set(case.flagged) | {f"{name}:list" for name in case.flagged})
    return cases
