"""1014 → 1015: the areas are marked as such (IArea), so that the guards of
the area workflow let only administrators change their state (a Fachdienst
with Reviewer on its Eingänge area could publish or hide the area itself);
the submission areas get the Eingänge list (@@eingangsliste) as their view
unless an editor chose another."""

from plone import api

from mittelangeln.policy.security.areas import ensure_areas
from mittelangeln.policy.upgrades import reimport


def upgrade(context):
    reimport(context, "workflow")
    ensure_areas(api.portal.get())
