"""`make run` creates the site once and manages the admin account."""

import pytest
from Acquisition import aq_base
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import login

from mittelangeln.policy.site import creation as site_module
from mittelangeln.policy.testing.helpers import profile_version


@pytest.fixture
def environ():
    return {"MITTELANGELN_DEMO": "1"}


@pytest.fixture
def site_owner(app):
    """scripts/create_site.py runs as the Zope admin, so do the tests."""
    login(app, SITE_OWNER_NAME)


@pytest.fixture
def created_site(app, site_owner, environ):
    site, created = site_module.ensure_site(app, environ)
    yield site, created


def test_site_is_created_with_policy_and_demo_content(created_site):
    site, created = created_site
    assert created is True
    assert site.getId() == "Mittelangeln"
    assert site.Title() == "Amt Mittelangeln"
    assert api.portal.get_registry_record("plone.default_language") == "de"
    assert api.portal.get_registry_record("plone.portal_timezone") == "Europe/Berlin"
    installer = api.portal.get_tool("portal_setup")
    assert installer.getLastVersionForProfile("mittelangeln.policy:default") == (profile_version(),)
    assert "willkommen" in site["aktuelles"].objectIds()
    assert api.content.get_state(site["oeffentlich"]["oeffnungszeiten"]) == "published"


def test_restart_runs_pending_upgrade_steps(app, created_site, environ):
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile("mittelangeln.policy:default", "1001")
    api.content.delete(created_site[0]["ehrenamt"])
    site, created = site_module.ensure_site(app, environ)
    assert created is False
    assert setup.getLastVersionForProfile("mittelangeln.policy:default") == (profile_version(),)
    assert "ehrenamt" in site.objectIds()  # the 1002 step makes missing areas


def test_existing_site_is_not_recreated(app, created_site, environ):
    site, _ = created_site
    api.content.create(container=site, type="Document", id="notiz", title="Notiz vor dem Neustart")
    again, created = site_module.ensure_site(app, environ)
    assert created is False
    assert aq_base(again) is aq_base(site)
    assert again["notiz"].Title() == "Notiz vor dem Neustart"


def test_demo_content_can_be_skipped(app, site_owner):
    site, _ = site_module.ensure_site(app, {"MITTELANGELN_DEMO": "0"})
    assert "aktenplan" not in site.objectIds()
    assert "willkommen" not in site["aktuelles"].objectIds()


def test_demo_profile_does_not_duplicate(created_site):
    from mittelangeln.policy.site.demo import create_demo_content

    assert create_demo_content() == []


@pytest.fixture(params=["UserFolder", "PluggableAuthService"])
def zope_root_users(request, app):
    """A fresh Zope root has a UserFolder, after Plone's install a PAS."""
    if request.param == "UserFolder":
        from OFS.userfolder import UserFolder

        return UserFolder().__of__(app)
    users = app.acl_users
    if "admin" in users.users.listUserIds():
        users.users.removeUser("admin")
    return users


def can_log_in(user_folder, password):
    if hasattr(user_folder, "users"):
        credentials = {"login": "admin", "password": password}
        return user_folder.users.authenticateCredentials(credentials) is not None
    return user_folder.authenticate("admin", password, None) is not None


def is_manager(user_folder):
    return "Manager" in user_folder.getUserById("admin").getRoles()


def test_admin_password_generated_once(zope_root_users):
    generated = site_module.ensure_admin(zope_root_users, {})
    assert generated and len(generated) >= 16
    assert can_log_in(zope_root_users, generated)
    assert is_manager(zope_root_users)
    assert site_module.ensure_admin(zope_root_users, {}) is None
    assert can_log_in(zope_root_users, generated)


def test_admin_password_from_environment(zope_root_users):
    environ = {"MITTELANGELN_ADMIN_PASSWORD": "Geheim-Mittelangeln-1"}
    assert site_module.ensure_admin(zope_root_users, environ) is None
    assert can_log_in(zope_root_users, "Geheim-Mittelangeln-1")
    environ = {"MITTELANGELN_ADMIN_PASSWORD": "Anderes-Passwort-2"}
    site_module.ensure_admin(zope_root_users, environ)
    assert not can_log_in(zope_root_users, "Geheim-Mittelangeln-1")
    assert can_log_in(zope_root_users, "Anderes-Passwort-2")
    assert is_manager(zope_root_users)


def test_demo_eakte(created_site):
    site, _ = created_site
    find = api.portal.get_tool("portal_catalog").unrestrictedSearchResults
    assert len(find(portal_type="AktenplanPosition", path="/".join(site.getPhysicalPath()))) > 50
    bauakten = find(portal_type="Bauakte", path="/".join(site.getPhysicalPath()))
    assert len(bauakten) == 3
    assert all(b.aktenzeichen.startswith("632.1/") for b in bauakten)
    assert len(find(portal_type="Personalakte", path="/".join(site.getPhysicalPath()))) == 2
    fachdienste = {b.fachdienst for b in find(portal_type="Akte", path="/".join(site.getPhysicalPath()))}
    assert len(fachdienste) == 4
    # The demo PDFs are searchable by their text.
    hits = find(SearchableText="Schlussabnahme", portal_type="Dokument", path="/".join(site.getPhysicalPath()))
    assert len(hits) == 1
