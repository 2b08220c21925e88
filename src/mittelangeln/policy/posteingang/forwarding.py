"""*Weiterleiten*: an Eingang goes to another Fachdienst or person, with a
note kept in its history; the rights follow (security/localroles.py)."""

from plone import api
from zope.container.interfaces import IContainerModifiedEvent

from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.posteingang.files import IntakeRefused


def forward(eingang, fachdienst=None, responsible=None, note=""):
    if not fachdienst and not responsible:
        raise IntakeRefused(_("Choose a Fachdienst or a person to forward to."))
    if not api.user.has_permission("Modify portal content", obj=eingang):
        raise IntakeRefused(_("You may not process this Eingang."))
    before = _who(eingang.fachdienst, eingang.responsible)
    if fachdienst:
        eingang.fachdienst = fachdienst
        # A new Fachdienst decides itself who works on it.
        eingang.responsible = responsible or None
    else:
        eingang.responsible = responsible
    after = _who(eingang.fachdienst, eingang.responsible)
    comment = translate(_("Forwarded from ${before} to ${after}", mapping={"before": before, "after": after}))
    if note.strip():
        comment = f"{comment}: {note.strip()}"
    eingang.reindexObject()
    eingang.reindexObjectSecurity()
    # The forwarding user may lose access with this step: the transition
    # runs as the portal, after the permission check above.
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=eingang, transition="weiterleiten", comment=comment)


def _who(fachdienst, responsible):
    person = api.user.get(userid=responsible) if responsible else None
    name = (person.getProperty("fullname") or responsible) if person is not None else responsible
    return " / ".join(part for part in (fachdienst, name) if part) or "–"


def follow_assignment(eingang, event):
    """However the Fachdienst or person of an Eingang changed (REST, an
    administrator's edit), its documents follow: their catalog security is
    the Eingang's computed roles."""
    if IContainerModifiedEvent.providedBy(event):
        return  # a document was added or taken out
    descriptions = getattr(event, "descriptions", ())
    changed = {name.rpartition(".")[2] for d in descriptions for name in getattr(d, "attributes", ())}
    if not changed or changed & {"fachdienst", "responsible"}:
        eingang.reindexObjectSecurity()
