"""Policy add-on of the Mittelangeln portal."""

# Imported for its side effect: third-party packages must be patched before
# Zope's configuration imports them (plone.autoinclude imports every plugin
# package, this one included, before it loads any plugin's ZCML).
from mittelangeln.policy import compat  # noqa: F401

PROFILE_ID = "mittelangeln.policy:default"
DEMO_PROFILE_ID = "mittelangeln.policy:demo"
UNINSTALL_PROFILE_ID = "mittelangeln.policy:uninstall"
