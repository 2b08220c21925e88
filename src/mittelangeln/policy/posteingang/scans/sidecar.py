"""The JSON sidecar a scanner may write next to a PDF (``brief.json`` or
``brief.pdf.json``) with what it knows about the letter:

    {"scan_id": "SCAN-2026-0042", "subject": "Bauantrag Mühlenweg 3",
     "sender": {"name": "…", "organisation": "…", "address": "…", "email": "…"},
     "fachdienst": "Fachdienst IV – Bauen und Umwelt", "responsible": "bauamt",
     "deadline": "2026-03-31", "received": "2026-03-02T09:15:00+01:00",
     "channel": "post"}

"betreff" is taken for "subject", "sender_name" etc. for the "sender"
object; the Fachdienst may also be given by its group id; unknown keys are
ignored. A value of the wrong kind refuses the scan with a German message
naming the field."""

import datetime
import json

from plone import api

from mittelangeln.policy.i18n import _
from mittelangeln.policy.posteingang.files import IntakeRefused
from mittelangeln.policy.posteingang.scans.codes import fachdienst_by_key
from mittelangeln.policy.principals import staff_members
from mittelangeln.policy.vocabularies import EINGANG_CHANNELS


SENDER_FIELDS = ("name", "organisation", "address", "email")
TEXT_FIELDS = ("scan_id", "subject", "fachdienst", "responsible", "channel")


def sidecar_paths(pdf):
    """Where the sidecar of the PDF at ``pdf`` (a Path) may be."""
    return [pdf.with_suffix(".json"), pdf.with_name(pdf.name + ".json")]


def find_sidecar(pdf):
    return next((path for path in sidecar_paths(pdf) if path.is_file()), None)


def complete(data):
    """Is ``data`` a whole JSON document (a scanner may still be writing it)?"""
    try:
        json.loads(data)
    except RecursionError:
        return True  # whole, but nested too deeply: read_sidecar refuses it
    except ValueError:
        return False
    return True


def read_sidecar(data, name):
    """The Delivery fields in the sidecar ``data`` (bytes) of file ``name``."""
    try:
        values = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise IntakeRefused(_("The sidecar “${name}” is not UTF-8 text.", mapping={"name": name})) from None
    except RecursionError:
        raise IntakeRefused(_("The sidecar “${name}” is nested too deeply.", mapping={"name": name})) from None
    except ValueError as error:
        raise IntakeRefused(
            _(
                "The sidecar “${name}” is not valid JSON (line ${line}, column ${column}).",
                mapping={"name": name, "line": error.lineno, "column": error.colno},
            )
        ) from None
    if not isinstance(values, dict):
        raise IntakeRefused(_("The sidecar “${name}” must contain a JSON object.", mapping={"name": name}))
    values = dict(values)
    if "subject" not in values and "betreff" in values:
        values["subject"] = values["betreff"]
    sender = values.get("sender") or {}
    if not isinstance(sender, dict):
        raise _wrong(name, "sender")
    fields = {}
    for key in SENDER_FIELDS:
        value = sender.get(key, values.get(f"sender_{key}"))
        fields[f"sender_{key}"] = _text(name, f"sender_{key}", value)
    for key in TEXT_FIELDS:
        fields[key] = _text(name, key, values.get(key))
    fields["channel"] = fields["channel"] or "post"
    if fields["channel"] not in EINGANG_CHANNELS:
        raise _wrong(name, "channel")
    fields["fachdienst"] = fachdienst_by_key(fields["fachdienst"])
    if fields["responsible"] and not _is_staff(fields["responsible"]):
        raise IntakeRefused(
            _(
                "There is no staff account “${user}” (sidecar “${name}”).",
                mapping={"user": fields["responsible"], "name": name},
            )
        )
    fields["deadline"] = _parse(name, "deadline", values.get("deadline"), datetime.date.fromisoformat)
    fields["received"] = _parse(name, "received", values.get("received"), _local_datetime)
    return fields


def _wrong(name, key):
    return IntakeRefused(
        _("The field “${field}” in the sidecar “${name}” has an invalid value.", mapping={"field": key, "name": name})
    )


def _text(name, key, value):
    if value is None:
        return ""
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise _wrong(name, key)
    return " ".join(str(value).split()) if key != "sender_address" else str(value).strip()


def _parse(name, key, value, parser):
    if value in (None, ""):
        return None
    try:
        return parser(value)
    except (TypeError, ValueError):
        raise _wrong(name, key) from None


def _local_datetime(value):
    """An ISO date and time as the portal's naive local time."""
    moment = datetime.datetime.fromisoformat(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return moment.replace(microsecond=0)


def _is_staff(user_id):
    return user_id in staff_members(api.portal.get()).by_value
