"""Generated probe (issue 15): for every content kind of the permission
matrix and the principals who must not see it (anonymous, and one signed-in
user without access), every browser view and every REST GET service
registered for the object's interfaces (enumerated from the component
registry now, so a view added later is probed too), the accessors Title,
Description and getId, and WebDAV PROPFIND reveal nothing of the object and
never answer 5xx; for a principal who may see the object, the same views and
services never answer 5xx either. The summary prints the number of probes."""

import pytest
from zope.browsermenu.interfaces import IMenuItemType
from zope.component import getSiteManager
from zope.interface import providedBy
from zope.publisher.interfaces.browser import IBrowserRequest

from tests.security.conftest import VIEW_PROBES
from tests.security.conftest import VIEW_PROBES_WITH_ACCESS
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
            if IMenuItemType.providedBy(registration.provided):
                continue  # a display-menu entry, named by its title, not a view
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


# Upstream views that answer 5xx when their name alone is typed into the
# address bar by someone who may see the item. None of them is linked like
# that: they are macros, mail templates or helpers for other templates, or
# need a parameter or sub-path their callers always give. Listed with the
# reason so that a new 5xx (ours above all) fails this test; the closing note
# of issue 15 reports them upstream-ready.
KNOWN_UPSTREAM_5XX = {
    "ploneform-macros": "plone.app.z3cform: macro view, LocationError without a form",
    "manage-portlets-macros": "plone.app.portlets: macro view, LocationError without a manager",
    "registered_notify_template": "Products.CMFPlone: mail template, KeyError 'member'",
    "mail_password_template": "Products.CMFPlone: mail template, KeyError 'member'",
    "contact-info-email": "Products.CMFPlone: mail template of the contact form, KeyError",
    "plone.outputfilters_captioned_image": "plone.outputfilters: template for the filter, LocationError",
    "images-test": "plone.namedfile: test view, AttributeError without an image field",
    "pas_search": "Products.PlonePAS: helper view, 'View not callable'",
    "pas_member": "Products.PlonePAS: helper view, 'View not callable'",
    "pas_info": "Products.PlonePAS: helper view, 'View not callable'",
    "display_query_results": "plone.app.querystring: needs a collection, KeyError slice",
    "text-transform": "plone.app.textfield: needs /<field>/<mimetype>, TypeError",
    "site-logo": "plone.app.layout: no logo uploaded, AttributeError",
    "redirect-to-uuid": "plone.app.uuid: needs /<uuid>, KeyError (503)",
    "version-view": "plone.app.versioningbehavior: needs version_id, ValueError",
    "download-version": "plone.app.versioningbehavior: needs version_id, ValueError",
    "version_image_view": "Products.CMFEditions: needs version_id, LocationError",
    "version_file_view": "Products.CMFEditions: needs version_id, NameError 'test' (503)",
    "revertversion": "Products.CMFEditions: needs version_id, ArchivistRetrieveError",
    "history": "Products.CMFEditions: diff view needs two versions, AttributeError",
    "update_version_before_edit": "plone.app.versioningbehavior: form helper, KeyError (503)",
    "update_version_on_edit": "plone.app.versioningbehavior: form helper, AttributeError portal_factory",
    "updateSharingInfo": "plone.app.workflow 6.0.0: its macro wrapper lacks 'icons', NameError (503)",
    "download": "plone.namedfile: on a News Item its primary field is rich text, 500",
    "display-file": "plone.namedfile: on a News Item its primary field is rich text, 500",
}


def allowed_principal(kind):
    """The least privileged signed-in principal who may see the kind."""
    for principal in ("ehrenamt", "kita", "familienzentrum", "fd1", "redaktion", "fd4", "personalstelle", "leitung"):
        if principal in kind.visible_to:
            return principal
    return None


@pytest.mark.parametrize("kind", [k for k in KINDS if allowed_principal(k)], ids=lambda kind: kind.key)
def test_no_registered_view_fails_for_who_may_see_it(matrix, kind):
    """The same views and services for a principal who may see the object:
    an answer or a client error (4xx), never 5xx (except the known upstream
    defects above)."""
    portal = matrix["portal"]
    obj = matrix_object(kind.key)
    url = obj.absolute_url()
    views, services = registered_names(obj)
    principal = allowed_principal(kind)
    requests = [(f"{url}/@@{name}", None) for name in views]
    requests += [(f"{url}/{name}", "application/json") for name in services]
    problems = []
    for address, accept in requests:
        status, _body = get(portal, address, principal, accept=accept)
        VIEW_PROBES_WITH_ACCESS.append(address)
        if status >= 500 and address.rsplit("@@", 1)[-1] not in KNOWN_UPSTREAM_5XX:
            problems.append(f"{principal} {address}: {status}")
    assert problems == [], "\n".join(problems)
