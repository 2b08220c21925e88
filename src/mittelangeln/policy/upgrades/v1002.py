"""1001 → 1002: the security model (groups, areas, area workflow, computed
local roles, sharing index, access trail and lock-out settings).

Items of the types on the default workflow chain (folders, pages, news ...)
move from simple_publication_workflow to mittelangeln_bereich_workflow with
their state mapped (private → draft, published stays published); files and
images, which had no workflow, get the state their folder gave them. So
nothing becomes more visible than it was. Personalakten lose the stored roles of the
personnel office and Leitung, which the policy now computes.
"""

import logging

from Acquisition import aq_parent
from DateTime import DateTime
from plone import api

from mittelangeln.policy.security.areas import ensure_areas
from mittelangeln.policy.security.groups import LEITUNG
from mittelangeln.policy.security.groups import PERSONALSTELLE
from mittelangeln.policy.security.groups import ensure_groups
from mittelangeln.policy.security.lockout import install_plugin
from mittelangeln.policy.security.session import harden_session
from mittelangeln.policy.upgrades import reimport


logger = logging.getLogger(__name__)

AREA_WORKFLOW = "mittelangeln_bereich_workflow"
STATE_MAP = {"private": "draft", "pending": "pending", "published": "published"}


def inherited_state(obj):
    """The state that keeps a workflow-less file as visible as its folder made it."""
    parent_view = {role["name"] for role in aq_parent(obj).rolesOfPermission("View") if role["selected"]}
    if "Anonymous" in parent_view:
        return "published"
    return "private" if api.content.get_state(aq_parent(obj), default=None) in ("private", "draft") else "internal"


def new_state(workflow, old_state):
    if old_state in workflow.states:
        return old_state  # already on the area workflow (upgrade run twice)
    return STATE_MAP.get(old_state, workflow.initial_state)


def upgrade(context):
    portal = api.portal.get()
    workflow_tool = api.portal.get_tool("portal_workflow")
    catalog = api.portal.get_tool("portal_catalog")
    default_chain = workflow_tool.getDefaultChain()
    default_types = [
        type_id
        for type_id in api.portal.get_tool("portal_types").objectIds()
        if workflow_tool.getChainForPortalType(type_id) == default_chain
    ]
    old_states = {
        brain.getPath(): brain.review_state
        for brain in catalog.unrestrictedSearchResults(portal_type=default_types)
        if isinstance(brain.review_state, str)
    }
    # Files and images had no workflow and showed whatever their folder showed.
    for brain in catalog.unrestrictedSearchResults(portal_type=["File", "Image"]):
        if brain.getPath() not in old_states:
            old_states[brain.getPath()] = inherited_state(brain._unrestrictedGetObject())
    reimport(context, "rolemap", "workflow", "catalog", "plone.app.registry")
    catalog.manage_reindexIndex(ids=["shared_with"])
    workflow = workflow_tool[AREA_WORKFLOW]
    for path, state in old_states.items():
        obj = portal.unrestrictedTraverse(path)
        workflow_tool.setStatusOf(
            AREA_WORKFLOW,
            obj,
            {
                "review_state": new_state(workflow, state),
                "action": None,
                "actor": "mittelangeln.policy upgrade 1002",
                "comments": f"Übernommen aus Status {state}",
                "time": DateTime(),
            },
        )
        workflow.updateRoleMappingsFor(obj)
        obj.reindexObject(idxs=["review_state", "allowedRolesAndUsers"])
    logger.info("Area workflow: %d items moved", len(old_states))

    for brain in catalog.unrestrictedSearchResults(portal_type="Personalakte"):
        personalakte = brain._unrestrictedGetObject()
        personalakte.manage_delLocalRoles([PERSONALSTELLE, LEITUNG])
        personalakte.reindexObjectSecurity()

    ensure_groups()
    ensure_areas(portal)
    harden_session(portal)
    install_plugin(portal)
