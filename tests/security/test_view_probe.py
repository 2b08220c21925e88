"""Generated probe (issue 15): for every content kind of the permission
matrix and the principals who must not see it (anonymous, and one signed-in
user without access), every browser view and every REST GET service
registered for the object's interfaces (enumerated from the component
registry now, so a view added later is probed too), the accessors Title,
Description and getId, and WebDAV PROPFIND reveal nothing of the object and
never answer 5xx. The summary prints the number of probes."""

import pytest
from zope.component import getSiteManager
from zope.interface import providedBy
from zope.publisher.interfaces.browser import IBrowserRequest

from tests.security.conftest import VIEW_PROBES
from tests.security.matrix_content import matrix_object
from tests.security.matrix_table import KINDS
from tests.security.test_permission_matrix import get
from tests.security.test_review_holes import last_transaction
from tests.security.test_review_holes import raw_request


ACCESSORS = ("Title", "Description", "getId", "title_or_id")
SERVICE_PREFIX = "GET_application_json_"
# Methods other than GET are services that change things; the holes of that
# kind have their own tests (test_review_holes.py).
OTHER_METHODS = ("POST_", "PATCH_", "PUT_", "DELETE_", "OPTIONS_", "GET_")


def registries(site_manager):
    """The site's component registry and every registry below it (the test
    layers stack their own global registries)."""
    seen, pending = [], [site_manager]
    while pending:
        registry = pending.pop()
        if any(registry is known for known in seen):
            continue
        seen.append(registry)
        pending.extend(registry.__bases__)
    return seen


def registered_names(obj):
    """(view names, REST GET service names) registered for ``obj`` and a
    browser request, in the global and the site's component registry."""
    spec = providedBy(obj)
    views, services = set(), set()
    for registry in registries(getSiteManager()):
        for registration in registry.registeredAdapters():
            if len(registration.required) != 2 or not registration.name:
                continue
            context_spec, request_spec = registration.required
            if request_spec is None or not request_spec.isOrExtends(IBrowserRequest):
                continue
            if context_spec is not None and not spec.isOrExtends(context_spec):
                continue
            name = registration.name
            if name.startswith(SERVICE_PREFIX):
                services.add(name.removeprefix(SERVICE_PREFIX))
            elif not name.startswith(OTHER_METHODS):
                views.add(name)
    return sorted(views), sorted(services)


def denied_principals(kind):
    signed_in = [p for p in ("ehrenamt", "kita", "fd1", "redaktion", "fd4") if p not in kind.visible_to]
    return (["anonym"] if "anonym" not in kind.visible_to else []) + signed_in[:1]


def secrets_of(obj):
    """What must not appear: the title and description of the object."""
    return [text.encode() for text in (obj.Title(), obj.Description()) if text and len(text) > 3]


@pytest.mark.parametrize("kind", [k for k in KINDS if denied_principals(k)], ids=lambda kind: kind.key)
def test_no_registered_view_reveals_an_invisible_object(matrix, kind):
    portal = matrix["portal"]
    obj = matrix_object(kind.key)
    url = obj.absolute_url()
    views, services = registered_names(obj)
    secrets = secrets_of(obj)
    problems = []
    before = last_transaction(portal)
    for principal in denied_principals(kind):
        requests = [(f"{url}/@@{name}", None) for name in views]
        requests += [(f"{url}/{name}", "application/json") for name in services]
        requests += [(f"{url}/{name}", None) for name in ACCESSORS]
        for address, accept in requests:
            status, body = get(portal, address, principal, accept=accept)
            VIEW_PROBES.append(address)
            if status >= 500 or any(secret in body for secret in secrets):
                problems.append(f"{principal} {address}: {status}")
        status, body = raw_request(portal, url, principal, "PROPFIND", headers={"Depth": "0"})
        VIEW_PROBES.append(f"PROPFIND {url}")
        if status >= 500 or any(secret in body for secret in secrets):
            problems.append(f"{principal} PROPFIND {url}: {status}")
    assert problems == [], "\n".join(problems)
    assert last_transaction(portal) == before  # reads, refused or not, commit nothing
