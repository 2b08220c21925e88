"""Upgrade steps of the default profile.

Every change to profiles/default once a site holds data raises the profile
version in metadata.xml and adds an upgrade step to configure.zcml here,
usually reapplying just the changed import step with
``reimport(context, "plone.app.registry")``.
"""

from mittelangeln.policy import PROFILE_ID


def reimport(context, *step_ids):
    """Re-run the named import steps of the policy's default profile."""
    for step_id in step_ids:
        context.runImportStepFromProfile("profile-" + PROFILE_ID, step_id)
