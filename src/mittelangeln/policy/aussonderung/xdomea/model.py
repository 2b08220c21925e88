"""The objects of an xdomea Aussonderung, independent of Plone."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from typing import BinaryIO


@dataclass
class Party:
    """Sender or receiver of a message."""

    kennung: str  # Behördenkennung / the archive's Kennung
    name: str
    address: str = ""


@dataclass
class Header:
    process_id: str  # 8-4-4-4-12
    message_uuid: str
    code: str  # "0501", "0502", ...
    created: datetime.datetime
    sender: Party
    receiver: Party


@dataclass
class Version:
    number: int
    file_uuid: str  # a fresh UUID per file version
    filename: str  # the original file name (metadata)
    extension: str  # "pdf", "txt", ...
    mime_type: str
    format_code: str  # xdomea Dateiformat code
    created: datetime.datetime | None = None
    sha256: str = ""  # hex; filled while packing (writer) or read from the message (reader)
    size: int = 0
    open: Callable[[], BinaryIO] | None = field(default=None, repr=False, compare=False)

    @property
    def primary_name(self):
        return f"{self.file_uuid}.{self.extension}"


@dataclass
class Document:
    uuid: str
    title: str
    date: datetime.date | None
    kind: str
    correspondent: str
    versions: list[Version]


@dataclass
class Vorgang:
    uuid: str
    title: str
    aktenzeichen: str
    opened: datetime.date | None
    closed: datetime.date | None
    documents: list[Document]
    proposal: str = ""  # A/B/V only if it differs from the Akte's


@dataclass
class Akte:
    uuid: str
    title: str
    aktenzeichen: str
    kind: str  # "Akte" | "Bauakte" | "Personalakte"
    plan_key: str
    plan_title: str
    fachdienst: str
    opened: datetime.date | None
    closed: datetime.date | None
    retention: str  # years "10" or "dauernd"
    retention_until: datetime.date | None
    proposal: str  # Aussonderungsart proposal A | B | V
    vorgaenge: list[Vorgang]
    documents: list[Document]  # Dokumente directly in the Akte
    extra: dict[str, str] = field(default_factory=dict)  # Bauakte/Personalakte fields


@dataclass
class Appraisal:  # 0502
    header: Header
    origin_uuid: str  # the 0501's nachrichtenUUID
    decisions: dict[str, str]  # xdomea uuid -> "A" | "V" | "B"


@dataclass
class Confirmation:  # 0506
    header: Header
    origin_uuid: str  # the 0503's nachrichtenUUID
    success: bool
    error: str  # overall ErfolgOderMisserfolg (+ Fehlermeldung text)
    objects: dict[str, tuple[bool, str]]  # xdomea uuid -> (success, archive id or error text)


@dataclass
class Receipt:  # 0504 / 0507 / 0505
    header: Header
    origin_uuid: str
