"""Builders of public documents for the feed tests (a module of its own:
test modules import it, and every test folder has a conftest)."""

from DateTime import DateTime
from plone import api
from plone.namedfile.file import NamedBlobFile

from mittelangeln.policy.textpdf import text_pdf

BAU = "Fachdienst IV – Bauen und Umwelt"
ORDNUNG = "Fachdienst III – Ordnung und Soziales"
# One word the feed must never show, in every item that is not public.
SECRET = "Geheimwort"


def pdf(*lines):
    return NamedBlobFile(text_pdf([list(lines)]), contentType="application/pdf", filename="dokument.pdf")


def public(container, type_name, item_id, state="published", effective=None, expires=None, **fields):
    fields.setdefault("gemeinde", "Gemeinde Sörup")
    fields.setdefault("fachdienst", BAU)
    obj = api.content.create(container=container, type=type_name, id=item_id, **fields)
    obj.setEffectiveDate(effective or DateTime() - 2)
    if expires is not None:
        obj.setExpirationDate(expires)
    if state != "draft":
        api.content.transition(obj=obj, to_state=state)
    obj.reindexObject()
    return obj
