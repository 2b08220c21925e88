"""The access trail: every request for a Personalakte (or other content
marked IAccessLogged) or anything inside it is recorded with who, what,
when, through which channel, and whether it was allowed or denied.

Two publication events cover every channel (HTML views, downloads, REST,
documentviewer page images and text): after traversal for what was allowed
(authorization is part of traversal), on failure with Unauthorized for what
was denied, wherever in the request the denial happened. The accessed object
is found from the URL, so a denial during traversal is recorded as well.
"""

import datetime
import logging
import re

from Acquisition import aq_base
from Acquisition import aq_chain
from plone import api
from plone.base.interfaces import IPloneSiteRoot
from Products.CMFCore.interfaces import IContentish
from zExceptions import Unauthorized
from zope.component.hooks import getSite

from mittelangeln.policy import settings
from mittelangeln.policy.interfaces import IAccessLogged
from mittelangeln.policy.security.trail_store import AccessTrail


logger = logging.getLogger(__name__)

REST_PREFIX = "++api++"
PAGE_FILES = re.compile(r"/@@dvpdffiles/\w/\w/([0-9a-f]{32})/(\w+)/")
# Thumbnails come with every page view, which is recorded itself.
UNRECORDED_ALLOWED_PAGE_FILES = {"small"}
_last_purge = {}


def accessed_content(request):
    """(content object, channel) the request is about, or (None, None)."""
    url = request.get("ACTUAL_URL") or request.get("URL") or ""
    match = PAGE_FILES.search(url)
    if match:
        brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(UID=match.group(1))
        if not brains:
            return None, None
        channel = "seitentext" if match.group(2) == "text" else f"seitenbild-{match.group(2)}"
        return brains[0]._unrestrictedGetObject(), channel
    try:
        path = request.physicalPathFromURL(url)
    except (ValueError, KeyError):
        return None, None
    obj = content = getSite().getPhysicalRoot()
    for name in path[1:]:
        if name == REST_PREFIX:
            continue  # /site/++api++/akte/... is the REST API on the same objects
        if not name or name.startswith("@@") or name.startswith("++"):
            break
        obj = obj.unrestrictedTraverse(name, None)
        if obj is None or not IContentish.providedBy(aq_base(obj)):
            break
        content = obj
    return content, channel_of(request, url)


def channel_of(request, url):
    if "/@@download" in url or "/@@display-file" in url:
        return "download"
    if f"/{REST_PREFIX}" in url or "application/json" in request.get_header("Accept", ""):
        return "rest"
    return "ansicht"


def logged_root(obj):
    for item in aq_chain(obj):
        if IAccessLogged.providedBy(item):
            return item
    return None


def user_id(request):
    """The requesting user, also when the request was refused during
    traversal (then Zope has not made the user current: PAS found the
    credentials but no roles for the object)."""
    if not api.user.is_anonymous():
        return api.user.get_current().getId()
    acl_users = api.portal.get_tool("acl_users")
    found = acl_users._extractUserIds(request, acl_users.plugins)
    return found[0][0] if found else "anonym"


def record(request, allowed):
    if not IPloneSiteRoot.providedBy(getSite()):
        return  # requests outside the portal (Zope root, ZMI)
    content, channel = accessed_content(request)
    if content is None or logged_root(content) is None:
        return
    if allowed and channel.removeprefix("seitenbild-") in UNRECORDED_ALLOWED_PAGE_FILES:
        return
    trail = AccessTrail()
    trail.record(
        user=user_id(request),
        path="/".join(content.getPhysicalPath()),
        uid=api.content.get_uuid(content),
        title=content.Title(),
        channel=channel,
        method=request.get("REQUEST_METHOD", "GET"),
        allowed=allowed,
    )
    purge_expired(trail)


def purge_expired(trail, now=None):
    """Delete entries older than the retention period, at most once a day
    per process and trail."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    last = _last_purge.get(trail.path)
    if last and now - last < datetime.timedelta(days=1):
        return 0
    _last_purge[trail.path] = now
    days = settings.access_trail_retention_days()
    return trail.purge(now - datetime.timedelta(days=days))


def after_traversal(event):
    _safely(event.request, allowed=True)


def on_failure(event):
    if isinstance(event.exc_info[1], Unauthorized):
        _safely(event.request, allowed=False)


def _safely(request, allowed):
    # The trail must never turn a page into an error page; a failure to
    # write it is logged loudly instead.
    try:
        record(request, allowed)
    except Exception:
        logger.exception("Zugriffsprotokoll: Eintrag nicht geschrieben (%s)", request.get("ACTUAL_URL"))
