"""Reads write nothing, refused writes commit nothing.

GET, HEAD, OPTIONS and PROPFIND never commit a ZODB transaction: whatever a
view, an add-on or Zope touched while answering a read is thrown away (the
access trail and lock-out counters live in SQLite, outside the ZODB). The
exception are Plone's own action links (the workflow menu's
``content_status_modify?workflow_action=…``): a GET carrying the user's valid
CSRF token (``_authenticator``) is an action the user clicked. A
request answered with an error status commits nothing either, whatever its
method: plone.restapi's services, for instance, answer errors with
``self.reply`` after having changed the object (``@workflow`` stores
``effective``/``expires`` before it finds out the transition is not allowed).
"""

import transaction
from plone.protect.authenticator import AuthenticatorView


READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PROPFIND"})


def commits_nothing(request):
    if request.response.getStatus() >= 400:
        return True
    is_read = request.get("REQUEST_METHOD", "GET").upper() in READ_METHODS
    return is_read and not AuthenticatorView(None, request).verify()


def doom_reads_and_refused_writes(event):
    """Before the publisher commits: doom the transaction (it is aborted)."""
    if commits_nothing(event.request):
        current = transaction.get()
        if not current.isDoomed():
            current.doom()
