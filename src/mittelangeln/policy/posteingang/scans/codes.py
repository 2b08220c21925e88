"""The content of a separator sheet's QR code: a fixed prefix, optionally
followed by metadata for the letters after it
(``MITTELANGELN-TRENNBLATT?fachdienst=fachdienst-iv-bauen-und-umwelt``).
ASCII only, so every scanner's barcode reader reads it the same way."""

from urllib.parse import parse_qsl
from urllib.parse import urlencode

from mittelangeln.policy import settings
from mittelangeln.policy.principals import fachdienst_group_id


PREFIX = "MITTELANGELN-TRENNBLATT"
KEYS = ("fachdienst",)


def separator_code(fachdienst=None):
    """The QR content of a separator sheet, for the letters of ``fachdienst``
    (a Fachdienst's name) or for any letter."""
    if not fachdienst:
        return PREFIX
    return f"{PREFIX}?{urlencode({'fachdienst': fachdienst_group_id(fachdienst)})}"


def parse_separator(text):
    """The metadata of a separator code ({} for a bare sheet), or None if
    ``text`` is no separator code."""
    if not text.startswith(PREFIX):
        return None
    rest = text[len(PREFIX) :]
    if rest and not rest.startswith("?"):
        return None
    return {key: value for key, value in parse_qsl(rest[1:]) if key in KEYS}


def fachdienst_by_key(value):
    """The configured Fachdienst named ``value`` or keyed by its group id
    (``fachdienst-iv-bauen-und-umwelt``); ``value`` itself if none matches
    (intake.register then refuses it with a message)."""
    value = (value or "").strip()
    for name in settings.fachdienste():
        if value in (name, fachdienst_group_id(name)):
            return name
    return value
