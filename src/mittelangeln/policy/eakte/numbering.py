"""Aktenzeichen and Vorgang numbers: unique, never reused, safe under load.

Numbers come from counters kept in a BTree annotated on the site. Each number
is taken in a short transaction of its own on a separate ZODB connection, so
two clerks creating Akten at the same moment never wait for or conflict with
each other's whole request: the counter transaction is retried on conflict,
and a number once handed out is never handed out again, even if the request
that took it is later aborted (the number is then simply unused).
"""

import datetime

import transaction
from BTrees.OOBTree import OOBTree
from plone import api
from ZODB.POSException import ConflictError
from ZODB.utils import z64
from zope.annotation.interfaces import IAnnotations

from mittelangeln.policy import settings
from mittelangeln.policy.i18n import TranslatedError
from mittelangeln.policy.i18n import _


COUNTERS_KEY = "mittelangeln.policy.counters"
MAX_ATTEMPTS = 20


class NumberingError(TranslatedError, ValueError):
    """The configured pattern cannot produce an Aktenzeichen."""


def counters(portal):
    """The site's counter BTree, created on first use."""
    annotations = IAnnotations(portal)
    if COUNTERS_KEY not in annotations:
        annotations[COUNTERS_KEY] = OOBTree()
    return annotations[COUNTERS_KEY]


def next_number(portal, counter_name):
    """Take the next number of ``counter_name``."""
    store = counters(portal)
    if not _committed(store):
        # Created in the running transaction (site set-up): not visible to
        # other connections yet, so count inside this transaction.
        store[counter_name] = store.get(counter_name, 0) + 1
        return store[counter_name]
    return _next_number_in_own_transaction(store._p_jar.db(), store._p_oid, counter_name)


def _committed(persistent):
    """Stored by an earlier transaction (a savepoint is not enough)."""
    if persistent._p_jar is None:
        return False
    persistent._p_activate()  # a ghost's serial reads as z64 until loaded
    return persistent._p_serial != z64


def _next_number_in_own_transaction(db, oid, counter_name):
    manager = transaction.TransactionManager()
    connection = db.open(transaction_manager=manager)
    try:
        for _attempt in range(MAX_ATTEMPTS):
            manager.begin()
            store = connection.get(oid)
            number = store.get(counter_name, 0) + 1
            store[counter_name] = number
            try:
                manager.commit()
            except ConflictError:
                manager.abort()
                continue
            return number
        raise ConflictError(f"counter {counter_name} stayed contended for {MAX_ATTEMPTS} attempts")
    finally:
        connection.close()


def _current_number(portal, counter_name):
    """The last number taken, as committed (not as this request last saw it)."""
    store = IAnnotations(portal).get(COUNTERS_KEY)
    if store is None:
        return 0
    if not _committed(store):
        return store.get(counter_name, 0)
    connection = store._p_jar.db().open(transaction_manager=transaction.TransactionManager())
    try:
        return connection.get(store._p_oid).get(counter_name, 0)
    finally:
        connection.close()


def format_aktenzeichen(pattern, **values):
    try:
        return pattern.format(**values)
    except (KeyError, IndexError, ValueError) as error:
        raise NumberingError(
            _(
                "The Aktenzeichen pattern “${pattern}” is invalid (${error}). "
                "Allowed are {key}, {number}, {year} or {aktenzeichen}.",
                mapping={"pattern": pattern, "error": str(error)},
            )
        ) from None


def _akte_counter(pattern, plan_key, year):
    """Akten count per plan position; per year too if the pattern shows it."""
    return f"akte:{plan_key}:{year}" if "{year" in pattern else f"akte:{plan_key}"


def assign_akte_number(akte, plan_key, today=None):
    """Give a new Akte its Aktenzeichen, e.g. 632.1/0042."""
    pattern = settings.aktenzeichen_pattern()
    year = (today or datetime.date.today()).year
    number = next_number(api.portal.get(), _akte_counter(pattern, plan_key, year))
    akte.aktenzeichen = format_aktenzeichen(pattern, key=plan_key, number=number, year=year)
    return akte.aktenzeichen


def assign_vorgang_number(vorgang, akte):
    """Give a new Vorgang its number under the Akte, e.g. 632.1/0042-3."""
    pattern = settings.vorgang_pattern()
    number = next_number(api.portal.get(), f"vorgang:{api.content.get_uuid(akte)}")
    vorgang.vorgang_number = number
    vorgang.aktenzeichen = format_aktenzeichen(
        pattern, aktenzeichen=akte.aktenzeichen, number=number, key="", year=datetime.date.today().year
    )
    return vorgang.aktenzeichen


def preview_next_aktenzeichen(plan_key):
    """What the next Akte here would probably get (for add forms; not reserved)."""
    pattern = settings.aktenzeichen_pattern()
    year = datetime.date.today().year
    current = _current_number(api.portal.get(), _akte_counter(pattern, plan_key, year))
    return format_aktenzeichen(pattern, key=plan_key, number=current + 1, year=year)
