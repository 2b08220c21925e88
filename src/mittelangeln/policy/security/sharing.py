"""What clerks shared with whom: the principals that hold local roles given
on the sharing tab (stored local roles other than Owner; the roles the
policy computes are in ``localroles``), indexed as ``shared_with``."""

from Acquisition import aq_base
from Acquisition import aq_chain
from plone import api
from plone.indexer import indexer
from Products.CMFCore.interfaces import IContentish
from Products.PlonePAS.interfaces.plugins import ILocalRolesPlugin


NOT_A_GRANT = {"Owner"}


def individual_grants(obj):
    """{principal: roles} given to this object on its sharing tab."""
    grants = {}
    for principal, roles in obj.get_local_roles():
        roles = sorted(set(roles) - NOT_A_GRANT)
        if roles:
            grants[principal] = roles
    return grants


def shared_here_or_above(obj):
    """Principals with grants from sharing tabs on obj or the items it
    inherits roles from."""
    principals = set()
    for item in aq_chain(obj):
        if not IContentish.providedBy(aq_base(item)):
            break
        principals |= set(individual_grants(item))
        if getattr(aq_base(item), "__ac_local_roles_block__", False):
            break
    return principals


def all_grants(obj):
    """[(principal, roles, by_policy)] of everyone with local roles on obj,
    inherited and computed ones included (as the catalog sees them);
    by_policy is False for grants from a sharing tab."""
    acl_users = api.portal.get_tool("acl_users")
    roles = {}
    for _id, plugin in acl_users.plugins.listPlugins(ILocalRolesPlugin):
        for principal, granted in plugin.getAllLocalRolesInContext(obj).items():
            roles.setdefault(principal, set()).update(granted)
    shared = shared_here_or_above(obj)
    rows = [
        (principal, sorted(granted - NOT_A_GRANT), principal not in shared)
        for principal, granted in roles.items()
        if granted - NOT_A_GRANT
    ]
    return sorted(rows, key=lambda row: (not row[2], row[0]))


@indexer(IContentish)
def shared_with(obj):
    return sorted(individual_grants(obj))


def reindex_shared_with(obj, event):
    obj.reindexObject(idxs=["shared_with"])
