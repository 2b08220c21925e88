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
