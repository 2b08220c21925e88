"""Catalog indexers of the E-Akte: Aktenzeichen, plan key, retention, Flurstücke, full text."""

from plone.indexer import indexer
from zope.interface import Interface

from mittelangeln.policy.eakte.content.akte import IAkte
from mittelangeln.policy.eakte.content.akte import IBauakte
from mittelangeln.policy.eakte.content.akte import IPersonalakte
from mittelangeln.policy.eakte.content.aktenplan import IAktenplanPosition
from mittelangeln.policy.eakte.content.vorgang import IVorgang
from mittelangeln.policy.eakte.lifecycle import enclosing
from mittelangeln.policy.eakte.retention import retention_until as compute_retention_until
from mittelangeln.policy.indexing import joined


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


def beginnings(aktenzeichen):
    """Every beginning of an Aktenzeichen, "6" to "632.1/0042-3": what a
    clerk may type of it (eakte/lookup.py looks it up as one key)."""
    text = aktenzeichen or ""
    return [text[:length] for length in range(1, len(text) + 1)]


@indexer(IAkte)
def akte_aktenzeichen_prefixes(obj):
    return beginnings(obj.aktenzeichen)


@indexer(IVorgang)
def vorgang_aktenzeichen_prefixes(obj):
    return beginnings(obj.aktenzeichen)


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


def _akte_text(obj):
    return joined(obj.aktenzeichen, obj.title, obj.description, obj.fachdienst, obj.responsible)


@indexer(IAkte)
def akte_searchable_text(obj):
    return _akte_text(obj)


@indexer(IBauakte)
def bauakte_searchable_text(obj):
    return joined(
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
    return joined(_akte_text(obj), obj.employee_name, obj.personnel_number)


@indexer(IVorgang)
def vorgang_searchable_text(obj):
    return joined(obj.aktenzeichen, obj.title, obj.description, obj.responsible)
