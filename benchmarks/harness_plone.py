"""The Zope side of the harness, for the drivers that `bin/instance-bench run`
executes (Plone imports; harness.py is the standard-library part).

Such a driver ends with

    if "app" in globals():  # the Zope root, provided by bin/instance run (with a REQUEST)
        sys.exit(main(app, harness.script_args()))
"""

import os
import time

import harness
import transaction
from zope.component.hooks import setSite

from mittelangeln.policy.site.creation import DEMO_VARIABLE
from mittelangeln.policy.site.creation import run as create_site


def bench_site(app):
    """The site Mittelangeln without demo content, created unless it exists
    (else its pending upgrade steps run), with the admin account; admin stays
    logged in and the site is the current site. Committed.

    Returns (portal, created, seconds)."""
    started = time.perf_counter()
    environ = dict(os.environ)
    environ[DEMO_VARIABLE] = "0"
    report = create_site(app, environ)  # ensure_admin, log in as admin, ensure_site, commit
    portal = report["site"]
    setSite(portal)
    return portal, report["created"], time.perf_counter() - started


def commit(app):
    """Commit and trim the ZODB cache to its size, as a long build must."""
    transaction.commit()
    app._p_jar.cacheGC()


def storage_label(app):
    """What the database is: "FileStorage" or "RelStorage (PostgreSQL)"."""
    storage = app._p_jar.db().storage
    if hasattr(storage, "_adapter"):
        return f"RelStorage ({type(storage._adapter).__name__.removesuffix('Adapter')})"
    inner = getattr(storage, "_BlobStorage__storage", storage)  # ZODB's BlobStorage wraps the FileStorage
    return type(inner).__name__ + (" with blobs" if inner is not storage else "")


def database_size(app):
    """What the database takes: the files of var/bench/ for a FileStorage
    (harness.storage_sizes), the PostgreSQL database for RelStorage."""
    storage = app._p_jar.db().storage
    adapter = getattr(storage, "_adapter", None)
    if adapter is None:
        return harness.storage_sizes()
    connection, cursor = adapter.connmanager.open()
    try:
        cursor.execute("SELECT pg_database_size(current_database())")
        size = cursor.fetchone()[0]
    finally:
        adapter.connmanager.close(connection, cursor)
    return f"PostgreSQL database {size / 2**20:,.0f} MB (blobs included)"


def cold_caches(app):
    """What a restarted server has forgotten: the connection's object cache
    and, on RelStorage, its local pickle cache (the storage server's own
    buffers stay warm, as the OS page cache does for a FileStorage)."""
    transaction.abort()
    app._p_jar.cacheMinimize()
    cache = getattr(app._p_jar._storage, "_cache", None)
    if cache is not None and hasattr(cache, "clear"):
        cache.clear(load_persistent=False)
    app._p_jar.sync()
