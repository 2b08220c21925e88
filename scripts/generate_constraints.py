"""Generate constraints.txt (pip) from versions.cfg (buildout).

versions.cfg is the single source of pins. Run `make constraints` after
editing it; `--check` exits non-zero when constraints.txt is out of date or a
pin is a pre-release, which the test suite and CI rely on.
"""

import argparse
import configparser
import pathlib
import sys

from packaging.version import Version


ROOT = pathlib.Path(__file__).resolve().parent.parent
VERSIONS_CFG = ROOT / "versions.cfg"
CONSTRAINTS_TXT = ROOT / "constraints.txt"
HEADER = (
    "# Generated from versions.cfg by scripts/generate_constraints.py.\n"
    "# Do not edit: change versions.cfg and run `make constraints`.\n"
)


def read_pins(path=VERSIONS_CFG):
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keep the project names' spelling
    parser.read(path, encoding="utf-8")
    return dict(parser["versions"])


def pre_releases(pins):
    return sorted(name for name, version in pins.items() if Version(version).is_prerelease)


def render(pins):
    lines = [f"{name}=={version}" for name, version in sorted(pins.items(), key=lambda i: i[0].lower())]
    return HEADER + "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only verify, write nothing")
    args = parser.parse_args(argv)
    pins = read_pins()
    bad = pre_releases(pins)
    if bad:
        print("pre-release pins in versions.cfg: " + ", ".join(bad), file=sys.stderr)
        return 1
    wanted = render(pins)
    if args.check:
        current = CONSTRAINTS_TXT.read_text(encoding="utf-8") if CONSTRAINTS_TXT.exists() else ""
        if current != wanted:
            print("constraints.txt is out of date: run `make constraints`", file=sys.stderr)
            return 1
        return 0
    CONSTRAINTS_TXT.write_text(wanted, encoding="utf-8")
    print(f"wrote {CONSTRAINTS_TXT.name} with {len(pins)} pins")
    return 0


if __name__ == "__main__":
    sys.exit(main())
