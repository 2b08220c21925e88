"""Lock-out against password guessing: a PAS plugin, first among the
authenticators of the portal's user folder.

It checks a password itself (against Plone's user source) to count failed
logins per login name; after ``mittelangeln.login_max_failures`` failures in
a row the login is locked for ``mittelangeln.login_lock_minutes``. While
locked, it empties the credentials every authenticator of the request shares,
so not even the right password logs in. Counting covers the login form,
HTTP basic auth and the REST API's @login alike, since all of them go through
PAS authentication. Repeating the same wrong password counts once (a client
with a stale password is not an attacker trying many). The counters live in
the state database (``state_db``: SQLite, or the cluster's PostgreSQL, so a
lock-out holds on every instance), because a refused request's ZODB
transaction is rolled back. Sessions already logged in are not touched.
"""

import datetime
import hashlib

from AccessControl.class_init import InitializeClass
from plone.base.utils import safe_text
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from Products.statusmessages.interfaces import IStatusMessage
from zope.interface import implementer

from mittelangeln.policy import settings
from mittelangeln.policy import state_db
from mittelangeln.policy.formatting import german_datetime
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate


PLUGIN_ID = "mittelangeln_lockout"
COUNTED_ON_REQUEST = "mittelangeln.lockout.counted"
SCHEMA = """
CREATE TABLE IF NOT EXISTS failures (
    login TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    last_password TEXT NOT NULL,
    locked_until TEXT
);
"""


def now():
    return datetime.datetime.now(datetime.timezone.utc)


class LoginFailures:
    """Failed logins per login name (lower case)."""

    def __init__(self, path=None):
        self.store = state_db.Store("login-failures.sqlite", "MITTELANGELN_LOGIN_FAILURES", SCHEMA, path=path)

    @property
    def path(self):
        """Which counters: their SQLite file or the DSN."""
        return self.store.location

    def lookup(self, login):
        """(has failures on record, locked until or None) in one query."""
        with self.store.transaction() as cursor:
            row = cursor.execute("SELECT locked_until FROM failures WHERE login = ?", (login,)).fetchone()
        if not row or not row[0]:
            return row is not None, None
        until = datetime.datetime.fromisoformat(row[0])
        return True, (until if until > now() else None)

    def locked_until(self, login):
        return self.lookup(login)[1]

    def has_failures(self, login):
        return self.lookup(login)[0]

    def failed(self, login, password_digest, max_failures, lock_minutes):
        """Count a failure unless it repeats the previous wrong password;
        returns the time until which the login is now locked, or None."""
        with self.store.transaction() as cursor:
            # Take the row (or, in SQLite, the file) for writing first, so
            # failures counted at once on two threads or instances both count.
            cursor.execute(
                "INSERT INTO failures (login, count, last_password) VALUES (?, 0, '')"
                " ON CONFLICT (login) DO UPDATE SET login = excluded.login",
                (login,),
            )
            row = cursor.execute(
                "SELECT count, last_password, locked_until FROM failures WHERE login = ?", (login,)
            ).fetchone()
            count, last, locked = row if row else (0, "", None)
            if locked and datetime.datetime.fromisoformat(locked) <= now():
                count, last, locked = 0, "", None  # an expired lock starts afresh
            if password_digest != last:
                count += 1
            if count >= max_failures and not locked:
                locked = (now() + datetime.timedelta(minutes=lock_minutes)).isoformat()
            cursor.execute(
                "UPDATE failures SET count = ?, last_password = ?, locked_until = ? WHERE login = ?",
                (count, password_digest, locked, login),
            )
        return datetime.datetime.fromisoformat(locked) if locked else None

    def succeeded(self, login):
        """A right password ends the count (also of an expired lock)."""
        with self.store.transaction() as cursor:
            cursor.execute("DELETE FROM failures WHERE login = ?", (login,))


def digest(login, password):
    return hashlib.sha256(f"{login}\0{password}".encode()).hexdigest()[:16]


@implementer(IAuthenticationPlugin)
class LockoutPlugin(BasePlugin):
    meta_type = "Mittelangeln Lockout Plugin"

    def __init__(self, id, title=None):
        self._setId(id)
        self.title = title

    def authenticateCredentials(self, credentials):
        login = safe_text(credentials.get("login") or "").strip().lower()
        password = credentials.get("password")
        if not login or password is None:
            return None  # a session ticket or token, not a password login
        failures = LoginFailures()
        request = self.REQUEST
        on_record, until = failures.lookup(login)
        if until is None:
            counted = request.get(COUNTED_ON_REQUEST) or {}
            if login in counted:
                until = counted[login]
            elif self._password_is_right(credentials):
                if on_record:  # most logins have no failures: no write
                    failures.succeeded(login)
            else:
                until = failures.failed(
                    login,
                    digest(login, password),
                    settings.login_max_failures(),
                    settings.login_lock_minutes(),
                )
                request.set(COUNTED_ON_REQUEST, {**counted, login: until})
        if until is not None:
            credentials.clear()  # shared with the authenticators after this one
            self._tell(request, until)
        return None

    def _password_is_right(self, credentials):
        source = self._getPAS().source_users
        return source.authenticateCredentials(dict(credentials)) is not None

    def _tell(self, request, until):
        message = _(
            "Too many failed logins: this account is locked until ${time}.",
            mapping={"time": german_datetime(until)},
        )
        IStatusMessage(request).add(translate(message, request), "error")


InitializeClass(LockoutPlugin)


def install_plugin(portal):
    """Add the plugin to the portal's PAS as its first authenticator."""
    acl_users = portal.acl_users
    if PLUGIN_ID not in acl_users.objectIds():
        acl_users._setObject(PLUGIN_ID, LockoutPlugin(PLUGIN_ID, "Anmeldesperre nach Fehlversuchen"))
    plugins = acl_users.plugins
    if PLUGIN_ID not in plugins.listPluginIds(IAuthenticationPlugin):
        plugins.activatePlugin(IAuthenticationPlugin, PLUGIN_ID)
    while plugins.listPluginIds(IAuthenticationPlugin)[0] != PLUGIN_ID:
        plugins.movePluginsUp(IAuthenticationPlugin, [PLUGIN_ID])


def uninstall_plugin(portal):
    if PLUGIN_ID in portal.acl_users.objectIds():
        portal.acl_users._delObject(PLUGIN_ID)
