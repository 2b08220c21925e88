"""The Fachdienste follow the settings: a new Fachdienst gets its group and
area, a kind of submission routed to another Fachdienst moves to it."""

from plone import api

from mittelangeln.policy.security.areas import SUBMISSION_AREAS
from mittelangeln.policy.security.areas import ensure_areas
from mittelangeln.policy.security.areas import reroute_submission_area
from mittelangeln.policy.security.groups import ensure_groups
from mittelangeln.policy.settings import FACHDIENSTE_RECORD
from mittelangeln.policy.settings import record_name


def fachdienste_changed(event):
    """A Fachdienst added to the settings gets its group and area; a
    kind of submission routed to another Fachdienst moves to it."""
    name = getattr(event.record, "__name__", None)
    routing = {record_name(field): field for _path, _title, field in SUBMISSION_AREAS}
    if name != FACHDIENSTE_RECORD and name not in routing:
        return
    # Whoever may change the settings may have the policy's areas made;
    # creating them needs more than the control panel's permission.
    with api.env.adopt_roles(["Manager"]):
        portal = api.portal.get()
        if name in routing:
            reroute_submission_area(portal, routing[name], event.oldValue)
        ensure_groups()
        ensure_areas(portal)
