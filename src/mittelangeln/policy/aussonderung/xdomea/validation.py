"""Offline validation against the bundled xdomea 4.0.0 schemas.

The xdomea files import the XÖV modules by absolute http(s) URL; a resolver
maps those URLs to the copies in schemas/xoev.de, so nothing is fetched from
the network. The schema is compiled once per process; validation runs under
a lock because an lxml XMLSchema keeps its error log on the object.
"""

import threading
from pathlib import Path

from lxml import etree

from mittelangeln.policy.aussonderung.xdomea.errors import MessageRefused
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate


SCHEMAS = Path(__file__).resolve().parent / "schemas"
ENTRY_POINT = SCHEMAS / "xdomea-Nachrichten-AussonderungDurchfuehren.xsd"
_XOEV_PREFIXES = ("http://xoev.de/schemata/", "https://xoev.de/schemata/")
MAX_REPORTED_ERRORS = 20

_lock = threading.Lock()
_schema = None


class _BundledXoev(etree.Resolver):
    def resolve(self, url, pubid, context):
        for prefix in _XOEV_PREFIXES:
            if url and url.startswith(prefix):
                local = (SCHEMAS / "xoev.de" / "schemata" / url[len(prefix) :]).resolve()
                if SCHEMAS in local.parents and local.is_file():
                    return self.resolve_filename(str(local), context)
        return None  # relative xs:include of the xdomea files resolve next to them


def schema():
    """The compiled Aussonderung schema (0501-0507, 0511-0515)."""
    global _schema
    with _lock:
        if _schema is None:
            parser = etree.XMLParser(no_network=True, resolve_entities=False)
            parser.resolvers.add(_BundledXoev())
            _schema = etree.XMLSchema(etree.parse(str(ENTRY_POINT), parser))
        return _schema


def validate(tree):
    """Raise MessageRefused listing the schema errors (line and text) unless
    ``tree`` (element or element tree) is a valid xdomea 4.0.0 message."""
    compiled = schema()
    with _lock:
        valid = compiled.validate(tree)
        errors = [(error.line, error.message) for error in compiled.error_log] if not valid else []
    if valid:
        return
    problems = [
        translate(_("Line ${line}: ${error}", mapping={"line": line, "error": message}))
        for line, message in errors[:MAX_REPORTED_ERRORS]
    ]
    line, message = errors[0] if errors else (0, "")
    raise MessageRefused(
        _(
            "The message does not conform to the xdomea 4.0.0 schema (line ${line}: ${error}).",
            mapping={"line": line, "error": message},
        ),
        problems=problems,
    )
