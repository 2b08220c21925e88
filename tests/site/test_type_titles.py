"""Folder listings name the type of each item in German (its tooltip), not
by the type's id."""

import lxml.html
import transaction
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles

from mittelangeln.policy.testing.helpers import browser_as


def test_listing_tooltips_are_type_titles(functional_portal):
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    form = api.content.create(
        container=portal["oeffentlich"]["dokumente"],
        type="OeffentlichesFormular",
        title="Antrag auf Hundesteuer",
        gemeinde="Amt Mittelangeln",
        fachdienst="Fachdienst II – Finanzen",
        link="https://example.org/formular",
    )
    api.content.transition(obj=form, to_state="published")
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    browser = browser_as(portal)
    browser.open(portal["oeffentlich"]["dokumente"].absolute_url())
    page = lxml.html.fromstring(browser.contents)
    tooltips = {link.get("title") for link in page.xpath("//a[contains(@class, 'contenttype-oeffentlichesformular')]")}
    assert tooltips == {"Formular (öffentlich)"}  # the FTI's title
