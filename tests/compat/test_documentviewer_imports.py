"""compat.alias_object_event_in_zope_component."""

import os
import subprocess
import sys

import zope.component.interfaces
import zope.interface.interfaces


def test_aliases_present_after_policy_import():
    import mittelangeln.policy  # noqa: F401

    assert zope.component.interfaces.IObjectEvent is zope.interface.interfaces.IObjectEvent
    assert zope.component.interfaces.ObjectEvent is zope.interface.interfaces.ObjectEvent


def test_documentviewer_modules_import():
    import collective.documentviewer.events
    import collective.documentviewer.interfaces

    assert collective.documentviewer.interfaces.IObjectEvent is zope.interface.interfaces.IObjectEvent
    assert issubclass(collective.documentviewer.events.ConversionFinishedEvent, zope.interface.interfaces.ObjectEvent)


def test_fix_still_needed_upstream():
    """Without the fix collective.documentviewer does not import. When this
    fails, upstream has fixed it: drop the fix from compat.py."""
    result = subprocess.run(
        [sys.executable, "-c", "import collective.documentviewer.interfaces"],
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "cannot import name 'IObjectEvent' from 'zope.component.interfaces'" in result.stderr
