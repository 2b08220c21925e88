"""Compatibility fixes for third-party packages, all in one place.

Each fix names the package and version it is for, why it is needed and the
test that fails without it (tests/compat/). Nothing is edited inside installed
packages. Remove a fix when the upstream release no longer needs it.
"""

import zope.component.interfaces
import zope.interface.interfaces


def alias_object_event_in_zope_component():
    """collective.documentviewer 6.0.3: ``interfaces.py`` and ``events.py``
    import ``IObjectEvent``/``ObjectEvent`` from ``zope.component.interfaces``.
    zope.component 5+ no longer re-exports them (they live in
    ``zope.interface.interfaces``), so Zope start-up fails with ImportError.
    We put the aliases back before collective.documentviewer is imported.

    Test: tests/compat/test_documentviewer_imports.py
    """
    for name in ("IObjectEvent", "ObjectEvent"):
        if not hasattr(zope.component.interfaces, name):
            setattr(zope.component.interfaces, name, getattr(zope.interface.interfaces, name))


def apply_all():
    alias_object_event_in_zope_component()


apply_all()
