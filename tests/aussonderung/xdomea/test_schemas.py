"""The bundled xdomea/XÖV schemas are the unmodified originals (their
licence, CC BY-ND 4.0 for the XÖV files, allows no changes) and compile
offline."""

import hashlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from mittelangeln.policy.aussonderung.xdomea import safexml
from mittelangeln.policy.aussonderung.xdomea import validation
from mittelangeln.policy.aussonderung.xdomea import writer
from mittelangeln.policy.aussonderung.xdomea.errors import MessageRefused

from . import samples


SCHEMAS = validation.SCHEMAS
ORIGINALS = Path(__file__).resolve().parents[3].parent / "shared" / "xdomea" / "4.0.0"


def listed():
    lines = (SCHEMAS / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return dict(reversed(line.split(None, 1)) for line in lines if line.strip())


def test_every_schema_file_is_listed_in_sha256sums():
    bundled = {str(path.relative_to(SCHEMAS)) for path in SCHEMAS.rglob("*.xsd")}
    assert bundled == set(listed())
    assert len(bundled) == 7


@pytest.mark.parametrize("name", sorted(listed()))
def test_bundled_file_matches_its_checksum(name):
    assert hashlib.sha256((SCHEMAS / name).read_bytes()).hexdigest() == listed()[name]


# Only where the project's reference copy is checked out next to it.
@pytest.mark.parametrize("name", sorted(listed()) if ORIGINALS.is_dir() else [])
def test_bundled_file_is_byte_identical_to_the_shared_original(name):
    assert (SCHEMAS / name).read_bytes() == (ORIGINALS / name).read_bytes()


def test_attribution_names_origin_and_licences():
    text = (SCHEMAS / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "CC BY-ND 4.0" in text
    assert "Koordinierungsstelle für IT-Standards (KoSIT)" in text
    assert "5c53fd3a3b6af73c53e01cbf81797160c1f8b4e7" in text


def test_schema_compiles_without_network():
    schema = validation.schema()
    assert schema is validation.schema()  # compiled once


def test_resolver_maps_only_xoev_urls_inside_the_bundle():
    resolver = validation._BundledXoev()
    assert resolver.resolve("http://example.org/evil.xsd", None, None) is None
    assert resolver.resolve("https://xoev.de/schemata/../../../../etc/passwd", None, None) is None


def test_validation_from_many_threads_reports_each_message_its_own_errors():
    good = safexml.parse(writer.bewertung_empfangen(samples.header("0505"), samples.uid(1)))
    bad = safexml.parse(writer.bewertung_empfangen(samples.header("0505"), "kein-uuid"))

    def check(n):
        if n % 2:
            validation.validate(good)
            return "ok"
        try:
            validation.validate(bad)
        except MessageRefused as refused:
            return "kein-uuid" in str(refused)
        return "not refused"

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(check, range(200)))
    assert results == ["ok" if n % 2 else True for n in range(200)]
