"""How people and groups are named on screens and in letters."""

from plone import api
from plone.i18n.normalizer import idnormalizer
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory


STAFF_MEMBERS_VOCABULARY = "mittelangeln.policy.staff_members"


def principal_title(principal_id):
    """The group's title or the person's full name; the id if neither is known."""
    group = api.group.get(groupname=principal_id)
    if group is not None:
        return group.getProperty("title") or principal_id
    user = api.user.get(userid=principal_id)
    if user is not None:
        return user.getProperty("fullname") or principal_id
    return principal_id


def fachdienst_group_id(name):
    """ "Fachdienst IV – Bauen und Umwelt" -> "fachdienst-iv-bauen-und-umwelt":
    the id of a Fachdienst's group (security/groups.py creates the groups)."""
    return idnormalizer.normalize(name) if name else None


def staff_members(context):
    """The vocabulary of the Amt's staff (security/vocabularies.py registers
    it), for features below security."""
    return getUtility(IVocabularyFactory, STAFF_MEMBERS_VOCABULARY)(context)
