"""Create the Mittelangeln site once, and the Zope admin account.

Used by scripts/create_site.py, which `make run` calls before it starts the
server. Everything here is idempotent: an existing site is never recreated.
"""

import logging
import os
import secrets

import transaction
from AccessControl.SecurityManagement import newSecurityManager
from Acquisition import aq_base
from Products.CMFPlone.factory import addPloneSite
from zope.component.hooks import setSite

from mittelangeln.policy import DEMO_PROFILE_ID
from mittelangeln.policy import PROFILE_ID
from mittelangeln.policy.security.session import harden_session
from mittelangeln.policy.site.mail import apply_mail_settings


logger = logging.getLogger(__name__)

SITE_ID = "Mittelangeln"
SITE_TITLE = "Amt Mittelangeln"
SITE_LANGUAGE = "de"
SITE_TIMEZONE = "Europe/Berlin"
ADMIN_USER = "admin"
ADMIN_PASSWORD_VARIABLE = "MITTELANGELN_ADMIN_PASSWORD"
DEMO_VARIABLE = "MITTELANGELN_DEMO"


def ensure_admin(user_folder, environ=None):
    """Make sure the Zope root's user folder has the admin account.

    The password comes from $MITTELANGELN_ADMIN_PASSWORD (set again on every
    run when given). Without it, a new account gets a random password that is
    returned once for printing; an existing account is left alone.
    Returns the generated password or None.
    """
    environ = os.environ if environ is None else environ
    account = RootAccounts(user_folder)
    password = environ.get(ADMIN_PASSWORD_VARIABLE, "")
    if account.exists(ADMIN_USER):
        if password:
            account.set_password(ADMIN_USER, password)
        return None
    generated = None if password else secrets.token_urlsafe(15)
    account.add_manager(ADMIN_USER, password or generated)
    return generated


class RootAccounts:
    """Accounts of the Zope root's user folder.

    A fresh Zope root has a plain UserFolder; installing Plone (PlonePAS)
    replaces it by a PluggableAuthService whose accounts live in the
    ZODBUserManager ``users`` and roles in the ZODBRoleManager ``roles``.
    """

    def __init__(self, user_folder):
        self.user_folder = user_folder
        self.pas_users = getattr(aq_base(user_folder), "users", None) is not None

    def exists(self, user_id):
        if self.pas_users:
            return user_id in self.user_folder.users.listUserIds()
        return self.user_folder.getUser(user_id) is not None

    def set_password(self, user_id, password):
        if self.pas_users:
            self.user_folder.users.updateUserPassword(user_id, password)
        else:
            roles = self.user_folder.getUser(user_id).getRoles()
            self.user_folder.userFolderEditUser(user_id, password, roles, [])

    def add_manager(self, user_id, password):
        if self.pas_users:
            self.user_folder.users.addUser(user_id, user_id, password)
            roles = self.user_folder.roles
            if "Manager" not in roles.listRoleIds():
                roles.addRole("Manager")
            roles.assignRoleToPrincipal("Manager", user_id)
        else:
            self.user_folder.userFolderAddUser(user_id, password, ["Manager"], [])


def ensure_site(app, environ=None):
    """Create the site unless it exists, else bring the policy profile up to
    date (its upgrade steps); return (site, created)."""
    environ = os.environ if environ is None else environ
    created = SITE_ID not in app.objectIds()
    if created:
        extensions = [PROFILE_ID]
        if environ.get(DEMO_VARIABLE, "1") != "0":
            extensions.append(DEMO_PROFILE_ID)
        addPloneSite(
            app,
            SITE_ID,
            title=SITE_TITLE,
            extension_ids=extensions,
            default_language=SITE_LANGUAGE,
            portal_timezone=SITE_TIMEZONE,
        )
    site = app[SITE_ID]
    setSite(site)
    if not created:
        upgrade_policy(site)
    apply_mail_settings(environ)
    harden_session(site, environ)
    return site, created


def upgrade_policy(site):
    """Run the policy's pending upgrade steps, so that `git pull && make run`
    is the whole update of an installation. Returns the versions passed."""
    setup = site.portal_setup
    steps = setup.listUpgrades(PROFILE_ID)
    if steps:
        before = setup.getLastVersionForProfile(PROFILE_ID)
        setup.upgradeProfile(PROFILE_ID)
        logger.info("Profil %s aktualisiert: %s -> %s", PROFILE_ID, before, setup.getLastVersionForProfile(PROFILE_ID))
    return [(step["ssource"], step["sdest"]) for step in steps]


def run(app, environ=None):
    """Admin account and site in one transaction; returns a report for the log."""
    generated = ensure_admin(app.acl_users, environ)
    admin = app.acl_users.getUserById(ADMIN_USER)
    newSecurityManager(None, admin)
    site, created = ensure_site(app, environ)
    transaction.commit()
    return {"site": site, "created": created, "generated_password": generated}
