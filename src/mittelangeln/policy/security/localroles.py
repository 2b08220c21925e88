"""Local roles that follow from the content itself (borg.localrole providers).

They are computed, not stored: changing an Akte's Fachdienst moves the edit
rights with it, and what a clerk grants on the sharing tab (stored local
roles) stays apart from what the policy grants. Named adapters, so that they
add to borg.localrole's default provider of the stored roles.
"""

from borg.localrole.interfaces import ILocalRoleProvider
from zope.component import adapter
from zope.interface import implementer

from mittelangeln.policy.eakte.content.akte import IAkte
from mittelangeln.policy.eakte.content.akte import IPersonalakte
from mittelangeln.policy.eakte.content.aktenplan import IAktenplan
from mittelangeln.policy.onlineforms.content.submissions import IMaengelmeldung
from mittelangeln.policy.posteingang.content import IEingang
from mittelangeln.policy.security.areas import DECIDE
from mittelangeln.policy.security.groups import LEITUNG
from mittelangeln.policy.security.groups import PERSONALSTELLE
from mittelangeln.policy.security.groups import STAFF
from mittelangeln.policy.security.groups import fachdienst_group_id


CASEWORK = ("Editor", "Contributor", "Reviewer")
READ = ("Reader",)
EINGANG_WORK = ("Reader", "Contributor", "Editor")


@implementer(ILocalRoleProvider)
class PolicyRoles:
    """Base: subclasses say which principal has which roles."""

    def __init__(self, context):
        self.context = context

    def grants(self):
        raise NotImplementedError

    def getRoles(self, principal_id):
        return self.grants().get(principal_id, ())

    def getAllRoles(self):
        yield from self.grants().items()


@adapter(IAktenplan)
class AktenplanRoles(PolicyRoles):
    """Files are found across Fachdienste: all staff read the Aktenplan."""

    def grants(self):
        return {STAFF: READ}


@adapter(IAkte)
class AkteRoles(PolicyRoles):
    """The Fachdienst named on the Akte (Bauakten too) works on it."""

    def grants(self):
        group = fachdienst_group_id(getattr(self.context, "fachdienst", None))
        return {group: CASEWORK} if group else {}


@adapter(IPersonalakte)
class PersonalakteRoles(PolicyRoles):
    """Personnel office and Leitung only; the Fachdienst field of a
    Personalakte grants nothing and the Personalakte blocks inherited roles
    (``lifecycle.restrict_personalakte``)."""

    def grants(self):
        return {PERSONALSTELLE: ("Reader", "Contributor", "Editor", "Reviewer"), LEITUNG: READ}


@adapter(IMaengelmeldung)
class MaengelmeldungRoles(PolicyRoles):
    """A defect report whose category the form routes to another Fachdienst
    than the one of the area Eingänge/Mängelmeldungen: that one works on it."""

    def grants(self):
        group = fachdienst_group_id(getattr(self.context, "fachdienst", None))
        return {group: DECIDE} if group else {}


@adapter(IEingang)
class EingangRoles(PolicyRoles):
    """The Fachdienst and the person an Eingang is routed or forwarded to
    work on it; forwarded elsewhere, they no longer see it."""

    def grants(self):
        grants = {}
        group = fachdienst_group_id(getattr(self.context, "fachdienst", None))
        if group:
            grants[group] = EINGANG_WORK
        responsible = getattr(self.context, "responsible", None)
        if responsible:
            grants[responsible] = EINGANG_WORK
        return grants
