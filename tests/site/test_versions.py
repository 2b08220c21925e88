"""versions.cfg is the single source of pins; constraints.txt follows it."""

import importlib.util
import pathlib
import subprocess
import sys

from packaging.version import Version


ROOT = pathlib.Path(__file__).resolve().parents[2]


def load_script(name):
    """A script of scripts/ as a module (scripts/ is no package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate_constraints = load_script("generate_constraints")


def test_plone_pinned_to_622():
    pins = generate_constraints.read_pins()
    assert pins["Plone"] == "6.2.2"
    assert pins["Products.CMFPlone"] == "6.2.2"


def test_no_pre_release_pinned():
    pins = generate_constraints.read_pins()
    assert [name for name, version in pins.items() if Version(version).is_prerelease] == []


def test_constraints_txt_matches_versions_cfg():
    result = subprocess.run(
        [sys.executable, ROOT / "scripts" / "generate_constraints.py", "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


# This repository's own distributions (develop eggs), not pinned.
OWN_DISTRIBUTIONS = {"mittelangeln-policy", "mittelangeln-theme"}


def test_every_installed_distribution_is_pinned():
    """What buildout put on the path is exactly what versions.cfg pins."""
    from importlib.metadata import distributions

    pins = {name.lower().replace("_", "-").replace(".", "-"): v for name, v in generate_constraints.read_pins().items()}
    for dist in distributions():
        name = dist.metadata["Name"].lower().replace("_", "-").replace(".", "-")
        if name in OWN_DISTRIBUTIONS:
            continue
        assert pins.get(name) == dist.version, f"{dist.metadata['Name']} {dist.version} not pinned"
