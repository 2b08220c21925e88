"""*Zu den Akten*: an Eingang's documents move into a Vorgang (an existing
one, or a new one in a chosen Akte), keeping their files, versions,
conversion and OCR text; the Eingang keeps a trace of where they went, by
whom and when, and is done. Moved, not copied: nothing is doubled, and the
whole filing is one transaction, so nothing is lost half-way."""

import datetime

from plone import api

from mittelangeln.policy.dokumente.content import IDokument
from mittelangeln.policy.eakte.content.akte import IAkte
from mittelangeln.policy.eakte.content.vorgang import IVorgang
from mittelangeln.policy.fulltext.query import searchable_text
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.posteingang.files import IntakeRefused


class FilingRefused(IntakeRefused):
    """The Eingang cannot be filed there (or not now)."""


def refusal(eingang):
    """Why ``eingang`` cannot be filed now, or None."""
    if eingang.filed_in:
        return _("This Eingang has already been filed.")
    if not api.user.has_permission("Modify portal content", obj=eingang):
        return _("You may not process this Eingang.")
    if not documents(eingang):
        return _("This Eingang holds no document to file.")
    return None


def documents(eingang):
    return [item for item in eingang.objectValues() if IDokument.providedBy(item)]


def file_eingang(eingang, target, vorgang_title=None):
    """Move the Eingang's Dokumente into ``target`` (a Vorgang, or an Akte in
    which a new Vorgang ``vorgang_title`` is made); returns the Vorgang."""
    problem = refusal(eingang)
    if problem is not None:
        raise FilingRefused(problem)
    if IAkte.providedBy(target):
        if not api.user.has_permission("mittelangeln.policy: Add Vorgang", obj=target):
            raise FilingRefused(_("You may not add a Vorgang to “${title}”.", mapping={"title": target.Title()}))
        title = (vorgang_title or "").strip() or eingang.Title()
        target = api.content.create(container=target, type="Vorgang", title=title)
    elif not IVorgang.providedBy(target):
        raise FilingRefused(_("Eingänge are filed into a Vorgang or an Akte."))
    if not api.user.has_permission("mittelangeln.policy: Add Dokument", obj=target):
        raise FilingRefused(_("You may not add Dokumente to “${title}”.", mapping={"title": target.Title()}))
    user = api.user.get_current()
    moved = []
    # Taking documents out of the Eingang needs "Delete objects" there,
    # which only administrators have (nothing is deleted from an Eingang by
    # hand); the checks above decide who may file.
    with api.env.adopt_roles(["Manager"]):
        for dokument in documents(eingang):
            moved.append(api.content.move(source=dokument, target=target, safe_id=True))
    eingang.filed_in = api.content.get_uuid(target)
    eingang.filed_by = user.getId()
    eingang.filed_at = datetime.datetime.now().replace(microsecond=0)
    eingang.filed_documents = [api.content.get_uuid(dokument) for dokument in moved]
    eingang.reindexObject()
    comment = translate(
        _("Filed in ${aktenzeichen} ${title}", mapping={"aktenzeichen": target.aktenzeichen, "title": target.Title()})
    )
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=eingang, transition="zu_den_akten", comment=comment)
    return target


def filed_in(eingang):
    return api.content.get(UID=eingang.filed_in) if eingang.filed_in else None


def find_targets(query, limit=20):
    """Akten and Vorgänge the user may see, by Aktenzeichen, title or Flurstück."""
    query = (query or "").strip()
    if not query:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    kinds = {"object_provides": [IAkte.__identifier__, IVorgang.__identifier__]}
    found = list(catalog(aktenzeichen=query, **kinds))
    found += list(catalog(flurstuecke=query, **kinds))
    # The catalog's German rules as in every search channel; like the live
    # search, the last word may also be the beginning of one ("Mühlenw").
    words = searchable_text(query, prefix=True)
    if words:
        found += list(catalog(SearchableText=words, sort_limit=limit, **kinds)[:limit])
    unique = {}
    for brain in found:
        unique.setdefault(brain.UID, brain)
    return list(unique.values())[:limit]
