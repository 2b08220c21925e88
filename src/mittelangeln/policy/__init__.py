"""Policy add-on of the Mittelangeln portal."""

# Imported for its side effect: third-party packages must be patched before
# Zope's configuration imports them (plone.autoinclude imports every plugin
# package, this one included, before it loads any plugin's ZCML).
from mittelangeln.policy import compat  # noqa: F401
from mittelangeln.policy import moved

# Registers the German lexicon elements with ZCTextIndex: the catalog's
# lexicon is unpickled and the profile's catalog.xml is imported with them.
from mittelangeln.policy.fulltext import lexicon  # noqa: F401, E402


# Databases from before profile 1007 name content classes by old paths.
moved.install()

PROFILE_ID = "mittelangeln.policy:default"
DEMO_PROFILE_ID = "mittelangeln.policy:demo"
UNINSTALL_PROFILE_ID = "mittelangeln.policy:uninstall"
