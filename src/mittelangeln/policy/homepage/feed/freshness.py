"""What the public feed's answer depends on, as the basis of its ETag.

The answer changes only when

- the catalog entry of a public document changes (added, edited,
  transitioned, moved, its permissions reindexed, removed): an index-queue
  processor counts these in a conflict-free counter on the site, so intranet
  edits leave the feed's ETag alone and homepages keep getting 304s; or
- a publication or removal date passes: the catalog decides visibility in
  the units of its effectiveRange index (minutes), so the "epoch" is the
  number of such moments (from all published public items) that lie in the
  past. The moments are read once per counter value and process.

Catalog work that bypasses the index queue (ZMI "Update Catalog", direct
catalog_object calls) is not counted; "Clear and Rebuild" is. The package
version in the ETag covers changes of the JSON shape by a new release.
"""

import bisect
import uuid
from importlib.metadata import version

from Acquisition import aq_base
from BTrees.Length import Length
from DateTime import DateTime
from plone import api
from Products.CMFCore.interfaces import IIndexQueueProcessor
from Products.CMFCore.utils import getToolByName
from zope.annotation.interfaces import IAnnotations
from zope.interface import implementer

from mittelangeln.policy.homepage.content import PUBLIC_TYPES
from mittelangeln.policy.homepage.feed.query import published_public


COUNTER_KEY = "mittelangeln.policy.public_changes"
INSTANCE_KEY = "mittelangeln.policy.public_changes_instance"
RELEASE = version("mittelangeln.policy")

# (instance id, site path) → (counter value, sorted visibility moments);
# per process. The path tells apart copies of a site within one Zope.
_moments_cache = {}


def changes(portal):
    """(instance id, number of changes) of the site's public documents."""
    annotations = IAnnotations(portal)
    counter = annotations.get(COUNTER_KEY)
    if counter is None:
        return None, 0
    return annotations[INSTANCE_KEY], counter()


def count_change(portal):
    annotations = IAnnotations(portal)
    counter = annotations.get(COUNTER_KEY)
    if counter is None:
        counter = annotations[COUNTER_KEY] = Length()
        annotations[INSTANCE_KEY] = uuid.uuid4().hex
    counter.change(1)


@implementer(IIndexQueueProcessor)
class PublicChangeCounter:
    """Counts index operations on public documents (next to the catalog's
    own processor, for every object the queue hands over)."""

    def index(self, obj, attributes=None):
        self.count(obj)

    def reindex(self, obj, attributes=None, update_metadata=1):
        self.count(obj)

    def unindex(self, obj):
        self.count(obj)

    def begin(self):
        pass

    def commit(self):
        pass

    def abort(self):
        pass

    def count(self, obj):
        if getattr(aq_base(obj), "portal_type", None) in PUBLIC_TYPES:
            # The object's own site: scripts may index without a local site set.
            count_change(getToolByName(obj, "portal_url").getPortalObject())


def effective_range_units(catalog):
    """The conversion of a date into the effectiveRange index's units."""
    return catalog._catalog.getIndex("effectiveRange")._convertDateTime


def visibility_moments(catalog):
    """Sorted moments (effectiveRange units) at which a published public item
    appears (its effective date's unit) or disappears (the unit after its
    removal date's)."""
    to_units = effective_range_units(catalog)
    moments = set()
    for brain in catalog.unrestrictedSearchResults(**published_public()):
        # None: no date, or one the index treats as open (year 1000, 2500).
        since = to_units(brain.effective) if brain.effective else None
        until = to_units(brain.expires) if brain.expires else None
        if since is not None:
            moments.add(since)
        if until is not None:
            moments.add(until + 1)
    return sorted(moments)


def state_token(portal, now=None):
    """Changes as long as, and only when, the feed's answers may change."""
    catalog = api.portal.get_tool("portal_catalog")
    instance, counted = changes(portal)
    key = (instance, portal.getPhysicalPath())
    cached = _moments_cache.get(key)
    if instance is not None and cached is not None and cached[0] == counted:
        moments = cached[1]
    else:
        moments = visibility_moments(catalog)
        if instance is not None:
            _moments_cache[key] = (counted, moments)
    now_units = effective_range_units(catalog)(now or DateTime())
    epoch = bisect.bisect_right(moments, now_units)
    return f"{RELEASE}:{instance}:{counted}:{epoch}"
