"""The xdomea library stays free of Plone and Zope: lxml, the standard
library and the package's i18n only, so it runs (and is tested) without a portal."""

import ast
import sys
from pathlib import Path

import pytest

from mittelangeln.policy.aussonderung import xdomea


LIBRARY = Path(xdomea.__file__).parent
ALLOWED = ("lxml", "mittelangeln.policy.i18n", "mittelangeln.policy.aussonderung.xdomea")


def imported(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield node.module


@pytest.mark.parametrize("path", sorted(LIBRARY.glob("*.py")), ids=lambda path: path.name)
def test_module_imports_only_lxml_stdlib_and_i18n(path):
    for name in imported(path):
        top = name.split(".")[0]
        assert top in sys.stdlib_module_names or name.startswith(ALLOWED), f"{path.name} imports {name}"
