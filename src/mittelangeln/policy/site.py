"""Create the Mittelangeln site once, and the Zope admin account.

Used by scripts/create_site.py, which `make run` calls before it starts the
server. Everything here is idempotent: an existing site is never recreated.
"""

import os
import secrets

import transaction
from AccessControl.SecurityManagement import newSecurityManager
from Products.CMFPlone.factory import addPloneSite
from zope.component.hooks import setSite

from mittelangeln.policy import DEMO_PROFILE_ID
from mittelangeln.policy import PROFILE_ID
from mittelangeln.policy.mail import apply_mail_settings

SITE_ID = "Mittelangeln"
SITE_TITLE = "Amt Mittelangeln"
SITE_LANGUAGE = "de"
SITE_TIMEZONE = "Europe/Berlin"
ADMIN_USER = "admin"
ADMIN_PASSWORD_VARIABLE = "MITTELANGELN_ADMIN_PASSWORD"
DEMO_VARIABLE = "MITTELANGELN_DEMO"


def ensure_admin(app, environ=None):
    """Make sure the Zope root has the admin account.

    The password comes from $MITTELANGELN_ADMIN_PASSWORD (set again on every
    run when given). Without it, a new account gets a random password that is
    returned once for printing; an existing account is left alone.
    Returns the generated password or None.
    """
    environ = os.environ if environ is None else environ
    users = app.acl_users
    password = environ.get(ADMIN_PASSWORD_VARIABLE, "")
    exists = users.getUserById(ADMIN_USER) is not None
    if password:
        if exists:
            users.userFolderEditUser(ADMIN_USER, password, ["Manager"], [])
        else:
            users.userFolderAddUser(ADMIN_USER, password, ["Manager"], [])
        return None
    if exists:
        return None
    generated = secrets.token_urlsafe(15)
    users.userFolderAddUser(ADMIN_USER, generated, ["Manager"], [])
    return generated


def ensure_site(app, environ=None):
    """Create the site unless it exists; return (site, created)."""
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
            setup_content=False,
            default_language=SITE_LANGUAGE,
            portal_timezone=SITE_TIMEZONE,
        )
    site = app[SITE_ID]
    setSite(site)
    apply_mail_settings(environ)
    return site, created


def run(app, environ=None):
    """Admin account and site in one transaction; returns a report for the log."""
    generated = ensure_admin(app, environ)
    admin = app.acl_users.getUserById(ADMIN_USER).__of__(app.acl_users)
    newSecurityManager(None, admin)
    site, created = ensure_site(app, environ)
    transaction.commit()
    return {"site": site, "created": created, "generated_password": generated}
