"""GET @oeffentliche-dokumente and @oeffentliche-dokumente/<uid>.

Any client gets JSON: a request for the feed is a REST request whatever its
Accept header (``speak_json``), so a browser or plain curl gets the same
answer as the homepage. Other methods than GET and HEAD answer 405 with an
Allow header.

Caching: anonymous responses may be kept 60 s by browsers and proxies; the
ETag is derived from the state of the public documents (freshness.py) and
the parameters, so it changes as soon as a public document is published,
changed or retracted or one of their publication or removal dates passes,
and not when the intranet changes. A matching If-None-Match is answered
with 304 before any query runs.
"""

import hashlib

from DateTime import DateTime
from plone import api
from plone.rest.interfaces import IAPIRequest
from plone.rest.negotiation import lookup_service_id
from plone.restapi.batching import HypermediaBatch
from plone.restapi.services import Service
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

from mittelangeln.policy import settings
from mittelangeln.policy.homepage.feed.freshness import state_token
from mittelangeln.policy.homepage.feed.query import QueryError
from mittelangeln.policy.homepage.feed.query import parse
from mittelangeln.policy.homepage.feed.query import public_constraints
from mittelangeln.policy.homepage.feed.serialize import detail
from mittelangeln.policy.homepage.feed.serialize import summary
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate


NAME = "@oeffentliche-dokumente"
MAX_AGE = 60
ALLOWED_METHODS = ("GET", "HEAD")


@implementer(IPublishTraverse)
class PublicDocuments(Service):
    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self

    @property
    def service_url(self):
        return f"{api.portal.get().absolute_url()}/{NAME}"

    def reply(self):
        if self.request.get("REQUEST_METHOD", "GET").upper() not in ALLOWED_METHODS:
            return self.refuse_method()
        self.allow_homepage_origin()
        try:
            if len(self.params) > 1:
                raise QueryError(_("Unknown address."), status=404)
            now = DateTime()
            query = parse(dict(self.request.form), now)
        except QueryError as error:
            return self.error(error)
        etag = self.etag(state_token(api.portal.get(), now), query.canonical, *self.params)
        self.set_cache_headers(etag)
        if self.client_has(etag):
            return self.reply_no_content(status=304)
        catalog = api.portal.get_tool("portal_catalog")
        if self.params:
            return self.single(catalog, self.params[0], now)
        brains = catalog.unrestrictedSearchResults(**query.catalog_query)
        self.request.form["b_size"] = str(query.b_size)  # HypermediaBatch reads the request
        self.request.form["b_start"] = str(query.b_start)
        batch = HypermediaBatch(self.request, brains)
        service_url = self.service_url
        result = {
            "@id": batch.canonical_url,
            "items_total": batch.items_total,
            "items": [summary(brain, service_url) for brain in batch],
        }
        links = batch.links
        if links:
            result["batching"] = links
        return result

    def single(self, catalog, uid, now):
        brains = catalog.unrestrictedSearchResults(UID=uid, **public_constraints(now))
        if not brains:
            return self.error(QueryError(_("There is no public document “${uid}”.", mapping={"uid": uid}), status=404))
        return detail(brains[0], self.service_url)

    def error(self, error):
        self.request.response.setStatus(error.status)
        self.request.response.setHeader("Cache-Control", "no-store")
        return error_body(error.status, error.message, error.parameter)

    def refuse_method(self):
        response = self.request.response
        response.setStatus(405)
        response.setHeader("Allow", ", ".join(ALLOWED_METHODS))
        response.setHeader("Cache-Control", "no-store")
        return error_body(405, _("The public documents can only be read (GET)."))

    def etag(self, *parts):
        digest = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:20]
        return f'W/"{digest}"'

    def set_cache_headers(self, etag):
        response = self.request.response
        response.setHeader("ETag", etag)
        response.setHeader("Cache-Control", f"public, max-age={MAX_AGE}")
        response.setHeader("Vary", "Origin")

    def client_has(self, etag):
        sent = self.request.getHeader("If-None-Match") or ""
        return etag in (tag.strip() for tag in sent.split(","))

    def allow_homepage_origin(self):
        """CORS for the homepages named in the registry, no one else."""
        origin = self.request.getHeader("Origin")
        allowed = settings.homepage_origins()
        if origin and origin in allowed:
            self.request.response.setHeader("Access-Control-Allow-Origin", origin)
            self.request.response.setHeader("Access-Control-Expose-Headers", "ETag")


def error_body(status, message, parameter=None):
    kind = {400: "BadRequest", 405: "MethodNotAllowed"}.get(status, "NotFound")
    return {"error": {"type": kind, "message": translate(message), "parameter": parameter}}


def speak_json(event):
    """IPubStart, for the feed's addresses: whatever the method and the Accept
    header, the request reaches the REST service (which refuses methods
    other than GET and HEAD); plone.rest itself routes only GET with Accept:
    application/json there, and Zope would treat other methods as WebDAV."""
    request = event.request
    if NAME not in request.get("PATH_INFO", "").split("/"):
        return
    if request.get("REQUEST_METHOD") == "OPTIONS" and request.getHeader("Origin"):
        return  # CORS preflight: plone.rest's
    alsoProvides(request, IAPIRequest)
    request._rest_service_id = lookup_service_id("GET", "application/json")
    request._rest_cors_preflight = False
    request.maybe_webdav_client = 0
