"""compat.helper_views_not_found and compat.broken_upstream_views_not_found:
views that cannot answer here are 404, not 500, when their name is typed
into the URL (found by the generated view probe, tests/security/)."""

import pytest
from zExceptions import NotFound
from zope.browserpage.metaconfigure import simple

from mittelangeln.policy.compat import REPLACED
from mittelangeln.policy.compat import default_page_or_not_found
from mittelangeln.policy.testing.helpers import fetch


@pytest.mark.parametrize("path", ["@@babel_utils", "@@+", "aktuelles/@@dvpdf-group-view", "@@dvpdf-group-view"])
def test_views_that_cannot_answer_are_not_found(functional_portal, path):
    status, _body, _type = fetch(functional_portal, f"{functional_portal.absolute_url()}/{path}", "admin")
    assert status == 404, status


def test_a_view_without_its_page_attribute():
    helper = type("Helper", (simple,), {"__page_attribute__": "missing_page"})(None, None)
    with pytest.raises(AttributeError):  # upstream: a 500
        REPLACED["simple.browserDefault"](helper, None)
    with pytest.raises(NotFound):
        default_page_or_not_found(helper, {})


def test_the_replaced_views_were_real_methods():
    assert callable(REPLACED["GroupView.__call__"])
    assert callable(REPLACED["BabelUtils.__init__"])
