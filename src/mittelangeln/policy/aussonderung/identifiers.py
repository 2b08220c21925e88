"""Stable xdomea UUIDs (8-4-4-4-12) of Akten, Vorgänge and Dokumente."""

import uuid

from Acquisition import aq_base
from plone import api
from plone.indexer import indexer
from plone.uuid.interfaces import IUUID

from mittelangeln.policy.dokumente.content import IDokument
from mittelangeln.policy.eakte.content.akte import IAkte
from mittelangeln.policy.eakte.content.vorgang import IVorgang


def xdomea_uuid(obj):
    """The object's own xdomea UUID (imported objects keep the one of their
    message), else its Plone UID written 8-4-4-4-12."""
    own = getattr(aq_base(obj), "xdomea_uuid", None)
    if own:
        return own
    return str(uuid.UUID(hex=IUUID(obj)))


def find(xdomea_id):
    """The object with that xdomea UUID, or None (unrestricted: the caller
    checks what the user may do with it)."""
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(xdomea_uuid=xdomea_id)
    return brains[0]._unrestrictedGetObject() if brains else None


@indexer(IAkte)
def akte_xdomea_uuid(obj):
    return xdomea_uuid(obj)


@indexer(IVorgang)
def vorgang_xdomea_uuid(obj):
    return xdomea_uuid(obj)


@indexer(IDokument)
def dokument_xdomea_uuid(obj):
    return xdomea_uuid(obj)
