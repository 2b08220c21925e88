"""Rights on records come from groups and computed roles, never from having
created them.

Zope gives whoever adds or pastes an object the local role Owner. On Akten,
Vorgänge, Dokumente and submissions that role would outlive the creator's
membership of the Fachdienst: a clerk who moved on would still see and edit
what they once filed. So the role is taken away as the object is added; the
creator stays recorded in the Dublin Core creators, which is information,
not a right. The E-Akte and submission workflows give Owner nothing either.
"""

from mittelangeln.policy.dokumente.content import IDokument
from mittelangeln.policy.eakte.content.akte import IAkte
from mittelangeln.policy.eakte.content.vorgang import IVorgang
from mittelangeln.policy.onlineforms.content.submissions import ISubmission


RECORDS = (IAkte, IVorgang, IDokument, ISubmission)
OWNER = "Owner"


def is_record(obj):
    return any(interface.providedBy(obj) for interface in RECORDS)


def drop_owner_role(obj):
    """Remove the local role Owner from obj, keep every other local role.
    Returns True if something changed."""
    changed = False
    for principal, roles in list(obj.get_local_roles()):
        if OWNER not in roles:
            continue
        remaining = [role for role in roles if role != OWNER]
        if remaining:
            obj.manage_setLocalRoles(principal, remaining)
        else:
            obj.manage_delLocalRoles([principal])
        changed = True
    return changed


def record_added(obj, event):
    """IObjectAddedEvent (also after copy and paste): no Owner on records."""
    if is_record(obj) and drop_owner_role(obj):
        obj.reindexObjectSecurity()
