"""Settings of Plone's login session cookie (``acl_users/session``).

plone.session already sends the cookie HttpOnly and SameSite=Lax. The policy
adds: Secure (only over HTTPS; browsers accept it on http://localhost too),
a session cookie that ends with the browser, and a working day as the
longest idle time. ``MITTELANGELN_SECURE_COOKIE=0`` turns Secure off for an
installation reached over plain HTTP in a closed network (applied on every
start by scripts/create_site.py).
"""

import os


SECURE_VARIABLE = "MITTELANGELN_SECURE_COOKIE"
SESSION_SETTINGS = {
    "timeout": 8 * 60 * 60,  # seconds without a request before the login expires
    "refresh_interval": 60 * 60,
    "cookie_lifetime": 0,  # no expiry date: gone when the browser closes
}


def harden_session(portal, environ=None):
    environ = os.environ if environ is None else environ
    plugin = portal.acl_users.session
    settings = dict(SESSION_SETTINGS, secure=environ.get(SECURE_VARIABLE, "1") != "0")
    plugin.manage_changeProperties(**settings)
    return settings
