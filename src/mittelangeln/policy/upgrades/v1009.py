"""1008 → 1009: records belong to groups, not to their creators.

The E-Akte and submission workflows and the add permissions of records no
longer give Owner anything, and existing Akten, Vorgänge, Dokumente and
submissions lose the Owner role their creators got (security/ownership.py).
"""

import logging

from plone import api

from mittelangeln.policy.security.ownership import RECORDS
from mittelangeln.policy.security.ownership import drop_owner_role
from mittelangeln.policy.upgrades import reimport


logger = logging.getLogger(__name__)


def upgrade(context):
    reimport(context, "rolemap", "workflow")
    workflow_tool = api.portal.get_tool("portal_workflow")
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(object_provides=[record.__identifier__ for record in RECORDS])
    changed = 0
    for brain in brains:
        obj = brain._unrestrictedGetObject()
        dropped = drop_owner_role(obj)
        for workflow in workflow_tool.getWorkflowsFor(obj):
            workflow.updateRoleMappingsFor(obj)
        obj.reindexObjectSecurity()
        changed += dropped
    logger.info("Owner role dropped on %d of %d records", changed, len(brains))
