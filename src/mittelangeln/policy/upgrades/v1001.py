"""1000 → 1001: the page viewer ``dokument-view`` is the Dokument's view.

Reapplies the Dokument type information (default view, view methods,
immediate view) and drops a layout stored on existing Dokumente
(``documentviewer`` set by a conversion, or ``view``) so they show the
type's default view.
"""

import logging

from plone import api

from mittelangeln.policy.upgrades import reimport


logger = logging.getLogger(__name__)


def upgrade(context):
    reimport(context, "typeinfo")
    view_methods = api.portal.get_tool("portal_types")["Dokument"].view_methods
    reset = 0
    for brain in api.portal.get_tool("portal_catalog").unrestrictedSearchResults(portal_type="Dokument"):
        dokument = brain._unrestrictedGetObject()
        layout = dokument.__dict__.get("layout")
        if layout is not None and layout not in view_methods:
            del dokument.layout
            reset += 1
    logger.info("Dokument view: layout reset on %d Dokumente", reset)
