"""Security headers on every response of the portal, including streamed
file downloads and the JSON of the REST API the homepage reads.

HTML pages keep Plone's inline scripts, so they get no script policy, only
the frame and sniffing protections; JSON responses get a policy that allows
nothing to run or load.
"""

from AccessControl import getSecurityManager
from AccessControl.SpecialUsers import nobody
from zope.globalrequest import getRequest


COMMON = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
JSON_POLICY = "default-src 'none'; frame-ancestors 'none'"
HSTS = "max-age=31536000"


def add_security_headers(event):
    """IPubBeforeCommit (has the request) and IPubBeforeStreaming (has only
    the response; e.g. the iCalendar export writes its answer in parts)."""
    request = getattr(event, "request", None) or getRequest()
    response = getattr(event, "response", None) or request.response
    for name, value in COMMON.items():
        if not response.getHeader(name):
            response.setHeader(name, value)
    if "json" in (response.getHeader("Content-Type") or "") and not response.getHeader("Content-Security-Policy"):
        response.setHeader("Content-Security-Policy", JSON_POLICY)
    if request.get("SERVER_URL", "").startswith("https://"):
        response.setHeader("Strict-Transport-Security", HSTS)
    if not response.getHeader("Cache-Control") and not _anonymous():
        # What a signed-in user sees must not land in a shared proxy cache.
        response.setHeader("Cache-Control", "private, no-cache")


def _anonymous():
    return getSecurityManager().getUser().getUserName() == nobody.getUserName()
