"""How people and groups are named on screens and in letters."""

from plone import api


def principal_title(principal_id):
    """The group's title or the person's full name; the id if neither is known."""
    group = api.group.get(groupname=principal_id)
    if group is not None:
        return group.getProperty("title") or principal_id
    user = api.user.get(userid=principal_id)
    if user is not None:
        return user.getProperty("fullname") or principal_id
    return principal_id
