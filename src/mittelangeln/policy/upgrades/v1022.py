"""1021 → 1022: the submission areas and the Posteingang keep no explicit
order of their items (security/areas.py, Area.unordered): concurrent
submissions no longer conflict on the folder's order list."""

from plone import api

from mittelangeln.policy.security.areas import ensure_areas


def upgrade(context):
    ensure_areas(api.portal.get())
