"""Site settings of the default profile."""

import pytest
from collective.documentviewer.settings import GlobalSettings
from plone import api


@pytest.mark.parametrize(
    "record,expected",
    [
        ("plone.default_language", "de"),
        ("plone.available_languages", ["de"]),
        ("plone.portal_timezone", "Europe/Berlin"),
        ("plone.available_timezones", ["Europe/Berlin"]),
        ("plone.first_weekday", 0),
        ("plone.site_title", "Amt Mittelangeln"),
        ("plone.email_from_name", "Amt Mittelangeln"),
        ("plone.bundles/mittelangeln.csscompilation", "++plone++mittelangeln.policy/mittelangeln.css"),
        ("plone.bundles/mittelangeln.enabled", True),
    ],
)
def test_registry_record(portal, record, expected):
    assert api.portal.get_registry_record(record) == expected


@pytest.mark.parametrize(
    "setting,expected",
    [("ocr", True), ("detect_text", True), ("auto_convert", True), ("auto_select_layout", True)],
)
def test_documentviewer_setting(portal, setting, expected):
    assert getattr(GlobalSettings(portal), setting) is expected


def test_theme_stylesheet_is_served(functional_portal):
    from plone.testing.zope import Browser

    browser = Browser(functional_portal.aq_parent)
    browser.open(functional_portal.absolute_url() + "/++plone++mittelangeln.policy/mittelangeln.css")
    assert "--mittelangeln-blue" in browser.contents


def test_front_page_speaks_german(functional_portal):
    from plone.testing.zope import Browser

    browser = Browser(functional_portal.aq_parent)
    browser.open(functional_portal.absolute_url())
    assert 'lang="de"' in browser.contents
    assert "Anmelden" in browser.contents
    assert "Log in" not in browser.contents
    assert "mittelangeln.css" in browser.contents
