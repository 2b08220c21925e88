"""Catalog indexers of the E-Akte types (indexes in profiles/default/catalog.xml)."""

import logging

from plone import api
from plone.indexer import indexer
from plone.uuid.interfaces import IUUID
from Products.CMFPlone.CatalogTool import sortable_title
from zope.interface import Interface

from mittelangeln.policy.content.akte import IAkte
from mittelangeln.policy.content.akte import IBauakte
from mittelangeln.policy.content.akte import IPersonalakte
from mittelangeln.policy.content.aktenplan import IAktenplanPosition
from mittelangeln.policy.content.dokument import IDokument
from mittelangeln.policy.content.public import IOeffentlichesFormular
from mittelangeln.policy.content.public import IPublicDocument
from mittelangeln.policy.content.public import ISatzung
from mittelangeln.policy.content.submissions import IMaengelmeldung
from mittelangeln.policy.content.submissions import ISubmission
from mittelangeln.policy.content.submissions import ISchuelerbefoerderungsantrag
from mittelangeln.policy.content.vorgang import IVorgang
from mittelangeln.policy.lifecycle import enclosing
from mittelangeln.policy.retention import retention_until as compute_retention_until
from mittelangeln.policy.scans.conversion import page_texts
from mittelangeln.policy.submissions import finished_at

logger = logging.getLogger(__name__)


def effective_retention(akte):
    """The Akte's own override, else its plan position's retention."""
    if akte.retention_override:
        return akte.retention_override
    position = enclosing(akte, IAktenplanPosition)
    return position.retention if position is not None else None


# Without these, a Dokument or Vorgang would acquire the Akte's values and
# every search for an Aktenzeichen or Flurstück would list its contents too.
@indexer(Interface)
def not_indexed(obj):
    raise AttributeError("not indexed for this type")


@indexer(IAkte)
def akte_aktenzeichen(obj):
    return obj.aktenzeichen


@indexer(IVorgang)
def vorgang_aktenzeichen(obj):
    return obj.aktenzeichen


@indexer(Interface)
def plan_key(obj):
    """The key of the plan position an object is (or lies in)."""
    position = enclosing(obj, IAktenplanPosition)
    if position is None:
        raise AttributeError("not inside the Aktenplan")
    return position.key


@indexer(IAkte)
def akte_retention_until(obj):
    until = compute_retention_until(obj.closed, effective_retention(obj))
    if until is None:
        raise AttributeError("open or kept permanently")
    return until


@indexer(IBauakte)
def bauakte_gemarkung(obj):
    return obj.gemarkung


@indexer(IBauakte)
def bauakte_flur(obj):
    return obj.flur


@indexer(IBauakte)
def bauakte_flurstuecke(obj):
    return obj.flurstuecke or []


def _joined(*values):
    return " ".join(str(v) for v in values if v)


def _akte_text(obj):
    return _joined(obj.aktenzeichen, obj.title, obj.description, obj.fachdienst, obj.responsible)


@indexer(IAkte)
def akte_searchable_text(obj):
    return _akte_text(obj)


@indexer(IBauakte)
def bauakte_searchable_text(obj):
    return _joined(
        _akte_text(obj),
        obj.gemarkung,
        f"Flur {obj.flur}" if obj.flur else "",
        " ".join(obj.flurstuecke or []),
        obj.site_address,
        obj.bauherr,
        obj.project,
        obj.permit_number,
    )


@indexer(IPersonalakte)
def personalakte_searchable_text(obj):
    return _joined(_akte_text(obj), obj.employee_name, obj.personnel_number)


@indexer(IVorgang)
def vorgang_searchable_text(obj):
    return _joined(obj.aktenzeichen, obj.title, obj.description, obj.responsible)


@indexer(IDokument)
def dokument_searchable_text(obj):
    # The converted page text includes OCR of scans; before conversion (or
    # for other formats) the text comes from portal_transforms.
    text = " ".join(page_texts(obj)) or file_text(obj)
    return _joined(obj.title, obj.description, obj.correspondent, text)


@indexer(IMaengelmeldung)
def maengelmeldung_searchable_text(obj):
    """Staff find a report by its number, place, text or reporter."""
    return _joined(obj.reference, obj.title, obj.category, obj.address, obj.defect, obj.contact_name)


@indexer(ISchuelerbefoerderungsantrag)
def schuelerbefoerderung_searchable_text(obj):
    """By number, names and school; never by bank details."""
    return _joined(obj.reference, obj.title, obj.applicant_name, obj.pupil_name, obj.school, obj.school_year)


@indexer(IMaengelmeldung)
def maengelmeldung_category(obj):
    return obj.category


@indexer(ISchuelerbefoerderungsantrag)
def antrag_category(obj):
    """Applications are compared by school."""
    return obj.school


@indexer(ISubmission)
def submission_finished(obj):
    """When the submission reached its final state (statistics)."""
    return finished_at(obj)


@indexer(IPublicDocument)
def public_gemeinde(obj):
    return obj.gemeinde


@indexer(ISatzung)
def satzung_valid_from(obj):
    return obj.valid_from.isoformat() if obj.valid_from else None


@indexer(ISatzung)
def satzung_version(obj):
    return obj.version


@indexer(IOeffentlichesFormular)
def formular_link(obj):
    return obj.link


@indexer(IPublicDocument)
def public_file(obj):
    """Name, size and type of the file, for download links in the feed."""
    blob = obj.file
    if blob is None:
        return None
    return {"filename": blob.filename, "size": blob.size, "content_type": blob.contentType}


@indexer(IPublicDocument)
def public_date_key(obj):
    """The feed's sort by date: publication date to the second, then the
    UID, so items published in the same minute keep one order and pages
    never overlap or skip."""
    return f"{obj.effective().toZone('UTC').ISO8601()}|{IUUID(obj)}"


@indexer(IPublicDocument)
def public_title_key(obj):
    """The feed's sort by title: Plone's sortable title, then the UID."""
    return f"{sortable_title(obj)()}|{IUUID(obj)}"


@indexer(IPublicDocument)
def public_document_searchable_text(obj):
    """Title, description, text, Gemeinde, version and the file's text."""
    text = getattr(obj, "text", None)
    body = text.output if text is not None else ""
    return _joined(obj.title, obj.description, obj.gemeinde, getattr(obj, "version", None), body, file_text(obj))


def file_text(obj):
    """Plain text of the Dokument's file (pdftotext for PDFs, via portal_transforms)."""
    blob = obj.file
    if blob is None or not blob.size:
        return ""
    transforms = api.portal.get_tool("portal_transforms")
    try:
        result = transforms.convertTo("text/plain", blob.data, mimetype=blob.contentType, filename=blob.filename)
    except Exception:  # a broken upload must not stop filing it
        logger.warning("no text from %s", "/".join(obj.getPhysicalPath()), exc_info=True)
        return ""
    if result is None:
        return ""
    text = result.getData()
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else text
