"""Open online submissions (Mängelmeldungen, Schülerbeförderungsanträge)
that the current user may see: the Fachdienst that handles them and the
Leitung (catalog security decides), oldest first, with their age."""

import datetime

from plone import api

from mittelangeln.policy.formatting import local_day
from mittelangeln.policy.onlineforms.statistics import SUBMISSION_TYPES
from mittelangeln.policy.onlineforms.submissions import FINAL_STATES
from mittelangeln.policy.security.areas import SUBMISSION_AREAS


def open_states(portal_type):
    """The states of ``portal_type``'s workflow in which work is still to do."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    states = set()
    for workflow in workflow_tool.getWorkflowsFor(portal_type):
        states.update(workflow.states.objectIds())
    return states - FINAL_STATES[portal_type]


def submission_areas():
    """The areas Eingänge/… that the current user may open."""
    portal = api.portal.get()
    found = []
    for path, _title, _field in SUBMISSION_AREAS:
        area = portal.unrestrictedTraverse(f"eingaenge/{path}", None)
        if area is not None and api.user.has_permission("View", obj=area):
            found.append(area)
    return found


def handles_submissions():
    """Does the user work on submissions: an area of them is theirs, or the
    form routed some to their Fachdienst (a category of the Mängelmelder)?"""
    return bool(submission_areas()) or bool(api.content.find(portal_type=list(SUBMISSION_TYPES), sort_limit=1)[:1])


def open_submissions():
    """Brains of the open submissions the user may see, oldest first."""
    brains = api.content.find(
        portal_type=list(SUBMISSION_TYPES),
        review_state=sorted(set().union(*(open_states(kind) for kind in SUBMISSION_TYPES))),
        sort_on="created",
    )
    return [brain for brain in brains if brain.review_state in open_states(brain.portal_type)]


def received_on(brain):
    """The day a submission came in, in the portal's time zone."""
    return local_day(brain.created)


def age_in_days(brain, today=None):
    return ((today or datetime.date.today()) - received_on(brain)).days
