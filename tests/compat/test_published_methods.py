"""compat.published_wrappers_keep_their_signature,
compat.missing_versions_not_found and compat.status_form_returns_to_the_item:
a decorated method called without its argument and a version that does not
exist are client errors (400, 404), not 500; the advanced workflow form
without a referrer leads back to the item, not round in circles (found by
the issue-15 review and its view probe)."""

import json

import pytest
import transaction
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from plone.memoize.view import memoize
from zope.component import getMultiAdapter

from mittelangeln.policy.compat import REPLACED
from mittelangeln.policy.compat import mapply_with_wrapped_signature
from mittelangeln.policy.testing.helpers import build_plan
from mittelangeln.policy.testing.helpers import fetch


class Helper:
    request = None
    context = None

    @memoize
    def provides(self, dotted_name):
        return dotted_name


def missing(name, context):
    raise LookupError(name)  # what the publisher turns into 400


def test_decorated_method_names_its_missing_argument():
    method = Helper().provides
    with pytest.raises(TypeError):  # upstream: the wrapper hides the argument
        REPLACED["WSGIPublisher.mapply"](method, (), {}, missing_name=missing)
    with pytest.raises(LookupError, match="dotted_name"):
        mapply_with_wrapped_signature(method, (), {}, missing_name=missing)
    assert mapply_with_wrapped_signature(method, (), {"dotted_name": "x"}, missing_name=missing) == "x"


@pytest.fixture
def vorgang(functional_portal):
    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    plan = build_plan(functional_portal)
    akte = api.content.create(
        container=plan["genehmigungen"], type="Akte", title="Neubau", fachdienst="Fachdienst IV – Bauen und Umwelt"
    )
    vorgang = api.content.create(container=akte, type="Vorgang", title="Bauantrag")
    setRoles(functional_portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    return vorgang


@pytest.mark.parametrize(
    "path, status",
    [("@@plone_interface_info/provides", 400), ("@history/1", 404), ("@history/zwei", 404), ("@history/-1", 404)],
)
def test_client_errors_not_500(functional_portal, vorgang, path, status):
    accept = "application/json" if path.startswith("@history") else None
    code, body, _type = fetch(functional_portal, f"{vorgang.absolute_url()}/{path}", "admin", accept=accept)
    assert code == status, body[:300]
    assert "ArchivistRetrieveError" not in body and "TypeError" not in body


def test_existing_history_still_lists(functional_portal, vorgang):
    code, body, _type = fetch(
        functional_portal, f"{vorgang.absolute_url()}/@history", "admin", accept="application/json"
    )
    assert code == 200 and json.loads(body)[0]["transition_title"] == "Erzeugen"


def test_status_form_without_referrer_leads_to_the_item(functional_portal, vorgang):
    """With nothing the user may change, the advanced workflow form sends the
    user back; without a Referer that must be somewhere, not "" (a loop)."""
    request = functional_portal.REQUEST
    request.environ.pop("HTTP_REFERER", None)
    view = getMultiAdapter((vorgang, request), name="content_status_history")
    REPLACED["ContentStatusHistoryView.redirect_to_referrer"](view)
    assert request.response.getHeader("Location") == ""  # upstream: back to the same form, forever
    view.redirect_to_referrer()
    assert request.response.getHeader("Location") == vorgang.absolute_url()
    # content_status_modify without a transition sends here: not back there.
    request.environ["HTTP_REFERER"] = f"{vorgang.absolute_url()}/content_status_modify?x=1"
    view.redirect_to_referrer()
    assert request.response.getHeader("Location") == vorgang.absolute_url()
    request.environ["HTTP_REFERER"] = f"{functional_portal.absolute_url()}/aktuelles"
    view.redirect_to_referrer()
    assert request.response.getHeader("Location") == f"{functional_portal.absolute_url()}/aktuelles"
