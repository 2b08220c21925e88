"""Vocabularies that need the groups of the security model."""

from plone import api
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

from mittelangeln.policy.security.groups import STAFF


@provider(IVocabularyFactory)
def staff_members(context):
    """The Amt's staff (members of the staff group, also through the
    Fachdienst groups), by name; volunteers and centres are not offered."""
    # getGroups() includes the groups of groups (Fachdienst → staff).
    users = {
        user.getId(): user.getProperty("fullname") or user.getId()
        for user in api.user.get_users()
        if STAFF in user.getGroups()
    }
    terms = [
        SimpleTerm(value=user_id, token=user_id, title=name)
        for user_id, name in sorted(users.items(), key=lambda item: item[1].lower())
    ]
    return SimpleVocabulary(terms)


@provider(IVocabularyFactory)
def staff_groups(context):
    """The groups of the staff (Fachdienste, Leitung, Personalstelle,
    Poststelle: the groups inside the staff group), by title; a
    Wiedervorlage can be set for one of them."""
    portal_groups = api.portal.get_tool("portal_groups")
    staff = portal_groups.getGroupById(STAFF)
    titles = {}
    for member_id in staff.getGroupMemberIds() if staff is not None else ():
        group = portal_groups.getGroupById(member_id)
        if group is not None:
            titles[member_id] = group.getProperty("title") or member_id
    terms = [
        SimpleTerm(value=group_id, token=group_id, title=title)
        for group_id, title in sorted(titles.items(), key=lambda item: item[1].lower())
    ]
    return SimpleVocabulary(terms)
