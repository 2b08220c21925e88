"""Who a Wiedervorlage can be for, and who that reaches.

People come from the vocabulary ``mittelangeln.policy.staff_members``,
groups from ``mittelangeln.policy.staff_groups`` (both registered by the
security feature, looked up by name). A group reaches its members, also
through groups inside it."""

from plone import api
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory


PEOPLE_VOCABULARY = "mittelangeln.policy.staff_members"
GROUPS_VOCABULARY = "mittelangeln.policy.staff_groups"


def vocabulary(name, context=None):
    return getUtility(IVocabularyFactory, name)(context)


def people(context=None):
    return vocabulary(PEOPLE_VOCABULARY, context)


def groups(context=None):
    return vocabulary(GROUPS_VOCABULARY, context)


def is_group(principal_id):
    return api.group.get(groupname=principal_id) is not None


def members(principal_id):
    """The user ids a person or group stands for."""
    found, seen, todo = set(), set(), [principal_id]
    portal_groups = api.portal.get_tool("portal_groups")
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        group = portal_groups.getGroupById(current)
        if group is None:
            if api.user.get(userid=current) is not None:
                found.add(current)
            continue
        todo.extend(group.getGroupMemberIds())
    return found


def principals_of(user):
    """The ids a Wiedervorlage for ``user`` may name: the user and the
    groups they belong to (also through groups of groups)."""
    return {user.getId(), *user.getGroups()}


def works_here(user):
    """Is ``user`` staff: in one of the groups Wiedervorlagen go to?"""
    return bool(set(user.getGroups()) & {term.value for term in groups()})
