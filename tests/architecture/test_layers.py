"""The direction of imports in src/mittelangeln/policy (docs/architecture.md).

Layers, lowest first: the shared base (top-level modules such as i18n,
settings, formatting), the features in FEATURES order, then the top
(site creation, upgrades, control panels, test helpers). A module imports
only from lower layers or its own feature. View modules (packages
``browser`` and ``services``) are the highest part of each feature: nothing
outside a view imports one, and no feature imports another feature's views
or private (``_``-prefixed) modules. Imports of the package's own modules sit
at module level, where a cycle would show at once.
"""

import ast
from pathlib import Path

import pytest

import mittelangeln.policy


PACKAGE = "mittelangeln.policy"
SOURCE = Path(mittelangeln.policy.__file__).parent
FEATURES = (
    "eakte",
    "dokumente",
    "onlineforms",
    "posteingang",
    "wiedervorlage",
    "aussonderung",
    "homepage",
    "security",
    "arbeitsplatz",
    "search",
    "legal",
    "monitoring",
)
TOP = ("site", "upgrades", "controlpanels", "testing")
VIEW_PACKAGES = {"browser", "services"}

# Modules allowed to import the package's code inside a function, with why.
DEFERRED_IMPORTS = {
    "mittelangeln.policy.dokumente.scanimport.cli": "console script: loads the portal's code only "
    "after Zope's configuration, so --help and argument errors need no database",
}


def layer(module):
    """(rank, feature) of a dotted module name of the package."""
    parts = module.split(".")[2:]
    head = parts[0] if parts else ""
    if head in FEATURES:
        return FEATURES.index(head) + 1, head
    if head in TOP:
        return len(FEATURES) + 1, head
    return 0, "base"


def is_view(module):
    return bool(VIEW_PACKAGES & set(module.split(".")[3:]))


def is_private(module):
    return any(part.startswith("_") and part != "__init__" for part in module.split(".")[2:])


def imports_of(module, source, is_package):
    """[(imported module, line, at module level)] of the package's own modules."""
    package = module if is_package else module.rpartition(".")[0]
    found = []
    tree = ast.parse(source)
    top_level = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # "from mittelangeln.policy import settings" imports a module.
            names = [f"{target}.{alias.name}" for alias in node.names] + [target]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        names = [name for name in names if name == PACKAGE or name.startswith(PACKAGE + ".")]
        if names:
            found.append((longest_module(names), node.lineno, id(node) in top_level))
    return found


def longest_module(names):
    """The most specific existing module among ``names``."""
    for name in sorted(names, key=len, reverse=True):
        path = SOURCE.joinpath(*name.split(".")[2:])
        if path.with_suffix(".py").exists() or (path / "__init__.py").exists():
            return name
    return min(names, key=len)


def violations(modules):
    """Broken rules in ``modules``: {dotted name: (source, is_package)}."""
    problems = []
    for module, (source, is_package) in sorted(modules.items()):
        rank, feature = layer(module)
        for target, line, at_module_level in imports_of(module, source, is_package):
            where = f"{module}:{line} imports {target}"
            if target == PACKAGE:
                continue
            target_rank, target_feature = layer(target)
            if not at_module_level and module not in DEFERRED_IMPORTS:
                problems.append(f"{where} inside a function (import at module level; break the cycle instead)")
            if is_view(target) and not is_view(module):
                problems.append(f"{where}: a lower layer imports a view module")
            if target_feature != feature and (is_view(target) or is_private(target)):
                problems.append(f"{where}: another feature's view or private module")
            if target_feature != feature and target_rank >= rank:
                problems.append(f"{where}: {feature} may not depend on {target_feature} (higher or equal layer)")
    return problems


def package_modules():
    modules = {}
    for path in SOURCE.rglob("*.py"):
        relative = path.relative_to(SOURCE).with_suffix("")
        parts = [part for part in relative.parts if part != "__init__"]
        modules[".".join([PACKAGE, *parts])] = (path.read_text(encoding="utf-8"), path.name == "__init__.py")
    return modules


def test_the_package_keeps_the_direction_of_imports():
    assert violations(package_modules()) == []


def test_every_feature_and_top_package_exists():
    for name in FEATURES + TOP:
        assert (SOURCE / name / "__init__.py").exists(), name


@pytest.mark.parametrize(
    "module,source,expected",
    [
        (
            "mittelangeln.policy.eakte.lifecycle",
            "from mittelangeln.policy.eakte.browser.akte import AkteView\n",
            "a lower layer imports a view module",
        ),
        (
            "mittelangeln.policy.settings",
            "from mittelangeln.policy.security.browser import grants\n",
            "a lower layer imports a view module",
        ),
        (
            "mittelangeln.policy.onlineforms.browser.views",
            "from mittelangeln.policy.eakte.browser.akte import AkteView\n",
            "another feature's view or private module",
        ),
        (
            "mittelangeln.policy.homepage.content",
            "from mittelangeln.policy.eakte._internal import helper\n",
            "another feature's view or private module",
        ),
        (
            "mittelangeln.policy.eakte.numbering",
            "from mittelangeln.policy.security.areas import ensure_areas\n",
            "eakte may not depend on security",
        ),
        (
            "mittelangeln.policy.i18n",
            "from mittelangeln.policy.eakte import numbering\n",
            "base may not depend on eakte",
        ),
        (
            "mittelangeln.policy.onlineforms.submissions",
            "def f():\n    from mittelangeln.policy.onlineforms.letters import bescheid_pdf\n",
            "inside a function",
        ),
        (
            "mittelangeln.policy.eakte.browser.akte",
            "from ...homepage.services import public_documents\n",
            "another feature's view or private module",
        ),
    ],
)
def test_the_checker_finds_each_kind_of_violation(module, source, expected):
    found = violations({module: (source, False)})
    assert any(expected in problem for problem in found), found


def test_allowed_imports_pass_the_checker():
    allowed = {
        "mittelangeln.policy.onlineforms.filing": ("from mittelangeln.policy.eakte.content.akte import IAkte\n", False),
        "mittelangeln.policy.eakte.browser.akte": ("from ..lifecycle import enclosing\n", False),
        "mittelangeln.policy.site.demo": ("from mittelangeln.policy.security.areas import ensure_areas\n", False),
    }
    assert violations(allowed) == []
