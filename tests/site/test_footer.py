"""The footer (issue 16): the Amt's contact from the settings and the links
to the Impressum, the Datenschutzerklärung and the Erklärung zur
Barrierefreiheit, for anonymous citizens too, without Plone's marketing
text; the three pages exist on every site, published and idempotent."""

import lxml.html
import pytest
import transaction
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.portlets.interfaces import IPortletAssignmentMapping
from plone.portlets.interfaces import IPortletManager
from zope.component import getMultiAdapter
from zope.component import getUtility
from zope.i18n import translate
from zope.interface import Invalid

from mittelangeln.policy import settings
from mittelangeln.policy.legal.pages import LEGAL_PAGES
from mittelangeln.policy.legal.pages import ensure_legal_pages
from mittelangeln.policy.security.groups import REDAKTION
from mittelangeln.policy.settings import IMittelangelnSettings
from mittelangeln.policy.testing.helpers import fetch


LEGAL = {
    "impressum": "Impressum",
    "datenschutz": "Datenschutzerklärung",
    "barrierefreiheit": "Erklärung zur Barrierefreiheit",
}
PLONE_MARKETING = ("Plone®", "Plone<sup>", "Powered by Plone", "plone.org", "Plone Foundation")


def footer_of(html):
    """The page's footer element (Barceloneta's contentinfo landmark)."""
    (footer,) = lxml.html.fromstring(html).xpath("//footer[@id='portal-footer-wrapper']")
    return footer


def footer_links(footer):
    return {" ".join(a.text_content().split()): a.get("href") for a in footer.iter("a")}


def footer_portlets(portal):
    manager = getUtility(IPortletManager, name="plone.footerportlets", context=portal)
    return getMultiAdapter((portal, manager), IPortletAssignmentMapping)


@pytest.mark.parametrize("path", ["/oeffentlich", "/login", "/impressum"])
def test_footer_shows_contact_and_legal_links_to_anonymous(functional_portal, path):
    portal_url = functional_portal.absolute_url()
    status, html, _type = fetch(functional_portal, portal_url + path)
    assert status == 200
    footer = footer_of(html)
    text = " ".join(footer.text_content().split())
    for part in ("Amt Mittelangeln", "Musterstraße 1", "24986 Mittelangeln (OT Satrup)", "Öffnungszeiten"):
        assert part in text
    assert "Montag bis Freitag 8 bis 12 Uhr" in text
    links = footer_links(footer)
    assert links["04633 0000-0"] == "tel:0463300000"
    assert links["info@amt-mittelangeln.de"] == "mailto:info@amt-mittelangeln.de"
    for page_id, title in LEGAL.items():
        assert links[title] == f"{portal_url}/{page_id}"
    assert "Kontakt" in text and "Telefon" in text
    footer_html = lxml.html.tostring(footer, encoding="unicode")
    assert [word for word in PLONE_MARKETING if word in footer_html] == []
    assert "Powered by Plone" not in html and "Plone®" not in html


def test_footer_links_open_for_anonymous(functional_portal):
    portal_url = functional_portal.absolute_url()
    _status, html, _type = fetch(functional_portal, portal_url + "/oeffentlich")
    links = footer_links(footer_of(html))
    for title in LEGAL.values():
        status, page, _type = fetch(functional_portal, links[title])
        assert status == 200, title
        (heading,) = lxml.html.fromstring(page).xpath("//h1")
        assert heading.text_content().strip() == title
    # The sitemap, the one other link, lists what anonymous may see.
    status, _page, _type = fetch(functional_portal, links["Übersicht"])
    assert status == 200
    assert set(links) == {*LEGAL.values(), "Übersicht", "04633 0000-0", "info@amt-mittelangeln.de"}


def test_footer_shows_what_the_amt_entered_in_its_settings(functional_portal):
    api.portal.set_registry_record("mittelangeln.contact_phone", "04633 9876-12")
    api.portal.set_registry_record("mittelangeln.opening_hours", "Dienstag 9 bis 11 Uhr")
    transaction.commit()
    _status, html, _type = fetch(functional_portal, functional_portal.absolute_url() + "/oeffentlich")
    footer = footer_of(html)
    assert footer_links(footer)["04633 9876-12"] == "tel:04633987612"
    text = " ".join(footer.text_content().split())
    assert "Dienstag 9 bis 11 Uhr" in text and "Montag bis Freitag" not in text


def test_staff_see_the_same_footer(functional_portal):
    _status, html, _type = fetch(functional_portal, functional_portal.absolute_url() + "/aktuelles", SITE_OWNER_NAME)
    footer = footer_of(html)
    assert set(LEGAL.values()) <= set(footer_links(footer))
    assert "Amt Mittelangeln" in footer.text_content()


def test_footer_portlets_replace_plones_copyright_and_colophon(portal):
    mapping = footer_portlets(portal)
    assert list(mapping.keys()) == ["mittelangeln-contact", "actions"]
    assert mapping["mittelangeln-contact"].template == "@@mittelangeln-footer"
    site_actions = api.portal.get_tool("portal_actions")["site_actions"]
    visible = [action.getId() for action in site_actions.objectValues() if action.visible]
    assert visible == ["impressum", "datenschutz", "accessibility", "sitemap"]


def test_legal_pages_exist_published_and_outside_the_navigation(portal):
    for page in LEGAL_PAGES:
        document = portal[page.id]
        assert document.portal_type == "Document"
        assert document.Title() == LEGAL[page.id] == translate(page.title, target_language="de")
        assert api.content.get_state(document) == "published"
        assert document.exclude_from_nav is True
        assert "Editor" in document.get_local_roles_for_userid(REDAKTION)
        assert "Anonymous" in {r["name"] for r in document.rolesOfPermission("View") if r["selected"]}


@pytest.mark.parametrize(
    "page_id,texts",
    [
        (
            "impressum",
            ["Körperschaft des öffentlichen Rechts", "Amtsvorsteher", "Kreises Schleswig-Flensburg", "Musterstraße 1"],
        ),
        (
            "datenschutz",
            [
                "Verantwortliche Stelle",
                "Datenschutzbeauftragte",
                "Mängelmelder",
                "nach 365 Tagen gelöscht",
                "Art. 15 DSGVO",
                "Unabhängiges Landeszentrum für Datenschutz",
            ],
        ),
        (
            "barrierefreiheit",
            [
                "teilweise vereinbar",
                "Texterkennung (OCR)",
                "„Adresse oder Ort“ als Text",
                "axe-core",
                "30.11.2026",
                "Beschwerdestelle für barrierefreie Informationstechnik",
                "§ 12e LBGG",
            ],
        ),
    ],
)
def test_legal_pages_have_their_german_content(portal, page_id, texts):
    html = portal[page_id].text.raw
    for text in texts:
        assert text in html


def test_ensure_legal_pages_keeps_what_the_redaktion_wrote(portal, manager):
    portal["impressum"].text = portal["impressum"].text.__class__("<p>Eigener Text</p>", "text/html", "text/html")
    assert ensure_legal_pages(portal) == []
    assert portal["impressum"].text.raw == "<p>Eigener Text</p>"
    api.content.delete(portal["datenschutz"])
    assert ensure_legal_pages(portal) == ["datenschutz"]
    assert ensure_legal_pages(portal) == []
    catalog = api.portal.get_tool("portal_catalog")
    for page_id in LEGAL:
        assert len(catalog.unrestrictedSearchResults(id=page_id, portal_type="Document")) == 1


def test_contact_email_must_be_an_address(portal):
    field = IMittelangelnSettings["contact_email"]
    with pytest.raises(Invalid) as error:
        field.validate("info at amt")
    assert translate(error.value.args[0], target_language="de").startswith("Bitte geben Sie eine E-Mail-Adresse")
    field.validate("info@amt-mittelangeln.de")


def test_contact_accessor_falls_back_to_the_schema_default(portal):
    api.portal.set_registry_record("mittelangeln.contact_address", "")
    assert settings.contact()["address"] == ["Musterstraße 1", "24986 Mittelangeln (OT Satrup)"]


def test_uninstall_restores_plones_footer_and_keeps_the_pages(portal, uninstalled):
    mapping = footer_portlets(portal)
    assert set(mapping.keys()) == {"footer", "actions", "colophon"}
    site_actions = api.portal.get_tool("portal_actions")["site_actions"]
    assert "impressum" not in site_actions.objectIds() and "datenschutz" not in site_actions.objectIds()
    assert site_actions["accessibility"].url_expr.endswith('/accessibility-info"')
    assert site_actions["contact"].visible is True
    assert all(page_id in portal.objectIds() for page_id in LEGAL)


def test_demo_content_does_not_duplicate_the_legal_pages(portal, manager):
    from plone.app.testing import applyProfile

    applyProfile(portal, "mittelangeln.policy:demo")
    catalog = api.portal.get_tool("portal_catalog")
    for title in LEGAL.values():
        assert [brain.getPath() for brain in catalog.unrestrictedSearchResults(Title=f'"{title}"')] == [
            f"/plone/{page_id}" for page_id, page_title in LEGAL.items() if page_title == title
        ]


def test_links_between_the_legal_pages_open_for_anonymous(functional_portal):
    """The pages link to each other relatively (no host name stored)."""
    from urllib.parse import urljoin

    portal_url = functional_portal.absolute_url()
    _status, html, _type = fetch(functional_portal, f"{portal_url}/impressum")
    page = lxml.html.fromstring(html)
    base = (page.xpath("//base/@href") or [f"{portal_url}/impressum"])[0]
    hrefs = {a.text_content().strip(): a.get("href") for a in page.xpath("//*[@id='content-core']//a")}
    for title in ("Datenschutzerklärung", "Erklärung zur Barrierefreiheit"):
        status, target, _type = fetch(functional_portal, urljoin(base, hrefs[title]))
        assert status == 200 and f">{title}</h1>" in target.replace("\n", "")
