"""Old module paths of the content classes, kept loadable.

Profile 1007 moved the code into one package per feature. A ZODB pickle
names the class of every stored object by module path
(``mittelangeln.policy.content.akte.Akte``), so databases created before
must still find those modules. The finder below answers the old names with
the new modules, only when something asks for them; the upgrade step 1007
points the type information at the new names and reindexes
``object_provides``. Objects written again after the upgrade carry the new
paths; the aliases can go once no database from before 1007 is left.
"""

import importlib
import importlib.abc
import importlib.util
import sys


MOVED_MODULES = {
    "mittelangeln.policy.content": "mittelangeln.policy.eakte.content",
    "mittelangeln.policy.content.akte": "mittelangeln.policy.eakte.content.akte",
    "mittelangeln.policy.content.aktenplan": "mittelangeln.policy.eakte.content.aktenplan",
    "mittelangeln.policy.content.vorgang": "mittelangeln.policy.eakte.content.vorgang",
    "mittelangeln.policy.content.dokument": "mittelangeln.policy.dokumente.content",
    "mittelangeln.policy.content.forms": "mittelangeln.policy.onlineforms.content.forms",
    "mittelangeln.policy.content.submissions": "mittelangeln.policy.onlineforms.content.submissions",
    "mittelangeln.policy.content.public": "mittelangeln.policy.homepage.content",
}


class MovedModuleFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports an old module name as the module that replaced it."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname in MOVED_MODULES:
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec):
        return importlib.import_module(MOVED_MODULES[spec.name])

    def exec_module(self, module):
        """The new module is imported already."""


def install():
    if not any(isinstance(finder, MovedModuleFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, MovedModuleFinder())


def moved_dotted_name(dotted_name):
    """The new name of a class or interface given by its old dotted name."""
    module, _dot, name = dotted_name.rpartition(".")
    return f"{MOVED_MODULES[module]}.{name}" if module in MOVED_MODULES else dotted_name
