"""Parsing xdomea messages from outside without trusting them.

Refused before or while parsing, each with a German message: empty or
oversize input, a DOCTYPE (and with it every entity, internal or external,
XXE, billion laughs, quadratic blowup, external DTDs), undeclared or broken
character encodings, XML that is not well-formed, nesting deeper than
MAX_DEPTH, text longer than MAX_TEXT and XInclude elements. The parser
itself never resolves entities, loads a DTD or touches the network.
"""

import codecs
import io
import re

from lxml import etree

from mittelangeln.policy.aussonderung.xdomea.errors import MessageRefused
from mittelangeln.policy.i18n import _


MAX_BYTES = 256 * 1024 * 1024
MAX_DEPTH = 64
MAX_TEXT = 1024 * 1024
XINCLUDE_NAMESPACES = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")

_DECLARATION = re.compile(rb"^<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
_DOCTYPE = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ENCODINGS = {
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "utf-16": "utf-16",
    "utf-16le": "utf-16-le",
    "utf-16be": "utf-16-be",
    "iso-8859-1": "latin-1",
    "latin-1": "latin-1",
    "latin1": "latin-1",
    "iso-8859-15": "iso8859-15",
    "windows-1252": "cp1252",
    "cp1252": "cp1252",
    "us-ascii": "ascii",
    "ascii": "ascii",
}


def parse(data, max_bytes=MAX_BYTES):
    """The XML document ``data`` (bytes) as an lxml element tree."""
    if not isinstance(data, bytes | bytearray) or not data.strip():
        raise MessageRefused(_("The message is empty."))
    if len(data) > max_bytes:
        raise MessageRefused(
            _(
                "The message is larger than ${limit} MB and is not accepted.",
                mapping={"limit": max(1, max_bytes // (1024 * 1024))},
            )
        )
    text = _decode(bytes(data))
    if _DOCTYPE.search(text):
        raise MessageRefused(
            _(
                "The message contains a document type declaration (DOCTYPE) or entities; "
                "such XML is refused for security reasons."
            )
        )
    root = _parse(bytes(data))
    _check_content(root)
    return root.getroottree()


def _decode(data):
    """The text of ``data`` in its declared encoding, refusing what does not
    decode or holds characters XML forbids."""
    if data.startswith(codecs.BOM_UTF8):
        codec, declared = "utf-8-sig", "UTF-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec, declared = "utf-16", "UTF-16"
    elif data.startswith(b"<\x00") or data.startswith(b"\x00<"):
        codec, declared = ("utf-16-le" if data[0] == 0x3C else "utf-16-be"), "UTF-16"
    else:
        match = _DECLARATION.match(data.lstrip()[:200])
        declared = match.group(1).decode("ascii") if match else "UTF-8"
        codec = _ENCODINGS.get(declared.lower())
        if codec is None:
            raise MessageRefused(
                _(
                    "The message declares the character encoding “${encoding}”, which is not supported (use UTF-8).",
                    mapping={"encoding": declared},
                )
            )
        if codec.startswith("utf-16"):
            # Labelled UTF-16 but written with one byte per character.
            raise _encoding_error(declared)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        raise _encoding_error(declared) from None
    if _FORBIDDEN_CHARACTERS.search(text):
        raise _encoding_error(declared)
    return text


def _encoding_error(declared):
    return MessageRefused(
        _(
            "The message is not correctly encoded in its declared character encoding ${encoding} "
            "or contains characters XML does not allow.",
            mapping={"encoding": declared},
        )
    )


def _parse(data):
    """Parse with every dangerous feature off, refusing deep nesting on the way."""
    depth = 0
    events = etree.iterparse(
        io.BytesIO(data),
        events=("start", "end"),
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        for event, _element in events:
            depth += 1 if event == "start" else -1
            if depth > MAX_DEPTH:
                raise _too_deep()
        return events.root
    except etree.XMLSyntaxError as error:
        if "depth" in str(error).lower():
            raise _too_deep() from None
        raise MessageRefused(
            _(
                "The message is not well-formed XML (line ${line}: ${error}).",
                mapping={"line": error.lineno or 0, "error": error.msg or str(error)},
            )
        ) from None


def _too_deep():
    return MessageRefused(
        _("The message is nested deeper than ${limit} levels and is not accepted.", mapping={"limit": MAX_DEPTH})
    )


def _check_content(root):
    for element in root.iter():
        if not isinstance(element.tag, str):
            raise MessageRefused(
                _(
                    "The message contains a document type declaration (DOCTYPE) or entities; "
                    "such XML is refused for security reasons."
                )
            )
        if etree.QName(element).namespace in XINCLUDE_NAMESPACES:
            raise MessageRefused(_("The message contains XInclude references; they are not accepted."))
        texts = [element.text or "", element.tail or "", *element.attrib.values()]
        if any(len(text) > MAX_TEXT for text in texts):
            raise MessageRefused(
                _(
                    "A text in the message is longer than ${limit} characters and is not accepted.",
                    mapping={"limit": MAX_TEXT},
                )
            )
