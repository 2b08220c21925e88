"""Bulk import of a scan-service delivery: good rows in, bad rows reported by
line, a second run adds nothing."""

import csv
import hashlib
import shutil
import subprocess

import pytest
import transaction
from plone import api

from mittelangeln.policy.dokumente.queue import job_for
from mittelangeln.policy.dokumente.scanimport.delivery import import_delivery
from mittelangeln.policy.dokumente.scanimport.generator import write_delivery
from mittelangeln.policy.dokumente.scanimport.manifest import COLUMNS
from mittelangeln.policy.dokumente.scanimport.manifest import ManifestError
from mittelangeln.policy.dokumente.scanimport.manifest import read_manifest
from mittelangeln.policy.i18n import translate


FACHDIENST = "Fachdienst IV – Bauen und Umwelt"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """Five good one-page documents (generated once, copied per test)."""
    directory = tmp_path_factory.mktemp("delivery")
    truth = write_delivery(directory, documents=5, pages_per_document=1, seed=7)
    return directory, truth


@pytest.fixture
def delivery(generated, tmp_path):
    directory = tmp_path / "delivery"
    shutil.copytree(generated[0], directory)
    return directory


def manifest_rows(directory):
    with open(directory / "manifest.csv", encoding="utf-8") as manifest:
        return list(csv.DictReader(manifest, delimiter=";"))


def write_manifest(directory, rows):
    with open(directory / "manifest.csv", "w", encoding="utf-8", newline="") as manifest:
        writer = csv.DictWriter(manifest, fieldnames=COLUMNS, delimiter=";")
        writer.writeheader()
        writer.writerows(rows)


def add_row(directory, template, **changes):
    rows = manifest_rows(directory)
    rows.append({**template, **changes})
    write_manifest(directory, rows)
    return len(rows) + 1  # the line in the file: header is line 1


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_import(portal, directory, batch_size=2):
    return import_delivery(portal, directory, FACHDIENST, commit=transaction.savepoint, batch_size=batch_size)


def dokumente(portal):
    return {brain.Title: brain.getObject() for brain in api.content.find(context=portal, portal_type="Dokument")}


def messages(result):
    return {problem.line: translate(problem.message) for problem in result.problems}


def with_three_bad_rows(directory):
    good = manifest_rows(directory)[0]
    missing = add_row(directory, good, datei="scans/fehlt.pdf", titel="Fehlt")
    tampered = directory / "scans" / "verändert.pdf"
    tampered.write_bytes((directory / good["datei"]).read_bytes() + b"\n% appended")
    mismatch = add_row(directory, good, datei="scans/verändert.pdf", titel="Verändert")
    locked = directory / "scans" / "verschluesselt.pdf"
    subprocess.run(
        ["qpdf", "--encrypt", "geheim", "geheim", "256", "--", str(directory / good["datei"]), str(locked)], check=True
    )
    encrypted = add_row(directory, good, datei="scans/verschluesselt.pdf", titel="Verschlüsselt", sha256=sha256(locked))
    return {"missing": missing, "mismatch": mismatch, "encrypted": encrypted}


def test_good_rows_go_in_and_bad_rows_are_reported_by_line(portal, plan, delivery, generated):
    lines = with_three_bad_rows(delivery)
    result = run_import(portal, delivery)
    assert result.imported == 5
    found = dokumente(portal)
    assert len(found) == 5
    assert not {"Fehlt", "Verändert", "Verschlüsselt"} & set(found)
    reported = messages(result)
    assert set(reported) == set(lines.values())
    assert "Datei nicht gefunden: scans/fehlt.pdf" in reported[lines["missing"]]
    assert "Prüfsumme" in reported[lines["mismatch"]]
    assert "verschlüsselt" in reported[lines["encrypted"]]


def test_imported_dokument_is_filed_and_queued(portal, plan, delivery):
    row = manifest_rows(delivery)[0]
    run_import(portal, delivery)
    dokument = dokumente(portal)[row["titel"]]
    vorgang = dokument.aq_parent
    bauakte = vorgang.aq_parent
    assert vorgang.portal_type == "Vorgang" and vorgang.title == row["vorgang"]
    assert bauakte.portal_type == "Bauakte"
    assert (bauakte.gemarkung, bauakte.flur, bauakte.flurstuecke) == (
        row["gemarkung"],
        row["flur"],
        [row["flurstuecke"]],
    )
    assert bauakte.aq_parent == plan["genehmigungen"]
    assert dokument.file.data == (delivery / row["datei"]).read_bytes()
    assert dokument.kind == row["art"]
    assert dokument.document_date.strftime("%d.%m.%Y") == row["datum"]
    assert job_for(dokument)["state"] == "pending"


def test_rows_of_the_same_bauakte_share_it(portal, plan, delivery):
    result = run_import(portal, delivery)
    bauakten = api.content.find(portal_type="Bauakte")
    keys = {(row["gemarkung"], row["flur"], row["flurstuecke"]) for row in manifest_rows(delivery)}
    assert len(bauakten) == len(keys) == len(result.created_akten)


def test_second_run_adds_nothing(portal, plan, delivery):
    first = run_import(portal, delivery)
    second = run_import(portal, delivery)
    assert (first.imported, second.imported, second.skipped) == (5, 0, 5)
    assert len(api.content.find(portal_type="Dokument")) == 5
    assert len(api.content.find(portal_type="Bauakte")) == len(first.created_akten)
    assert len(api.content.find(portal_type="Vorgang")) == len(first.created_vorgaenge)
    assert not second.created_akten and not second.created_vorgaenge


def test_existing_akte_by_aktenzeichen(portal, akte, delivery):
    rows = [
        {**row, "aktenzeichen": akte.aktenzeichen, "aktenplan": "", "gemarkung": ""} for row in manifest_rows(delivery)
    ]
    write_manifest(delivery, rows)
    result = run_import(portal, delivery)
    assert result.imported == 5 and not result.created_akten
    assert {vorgang.title for vorgang in akte.objectValues()} == {row["vorgang"] for row in rows}


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"aktenzeichen": "999.9/0001"}, "Unbekanntes Aktenzeichen „999.9/0001“."),
        ({"aktenplan": "7.7.7"}, "Unbekannte Aktenplanposition „7.7.7“."),
        ({"seiten": "3"}, "Das PDF hat 1 Seiten, im Manifest stehen 3."),
        ({"datum": "31.02.1999"}, "„31.02.1999“ ist kein Datum (TT.MM.JJJJ)."),
        ({"art": "brief"}, "Unbekannte Art „brief“"),
        ({"titel": ""}, "Der Titel (titel) fehlt."),
        ({"datei": "../manifest.csv"}, "Die Datei muss im Lieferverzeichnis liegen."),
        ({"sha256": "abc"}, "Die Prüfsumme (sha256) muss aus 64 Hexadezimalziffern bestehen."),
        ({"gemarkung": ""}, "Entweder das Aktenzeichen oder aktenplan, gemarkung, flur und flurstuecke"),
    ],
)
def test_bad_row_is_reported_and_the_others_import(portal, plan, delivery, changes, expected):
    line = add_row(delivery, manifest_rows(delivery)[0], **{"titel": "Fehlerhaft", **changes})
    result = run_import(portal, delivery)
    assert result.imported == 5
    assert list(messages(result)) == [line]
    assert expected in messages(result)[line]
    assert "Fehlerhaft" not in dokumente(portal)


def test_unreadable_pdf(portal, plan, delivery):
    broken = delivery / "scans" / "kaputt.pdf"
    broken.write_bytes(b"%PDF-1.4\nnur Rauschen\n")
    line = add_row(delivery, manifest_rows(delivery)[0], datei="scans/kaputt.pdf", sha256=sha256(broken))
    result = run_import(portal, delivery)
    assert messages(result) == {line: "Die Datei ist kein lesbares PDF."}


def test_duplicate_row(portal, plan, delivery):
    first = manifest_rows(delivery)[0]
    line = add_row(delivery, first)
    result = run_import(portal, delivery)
    assert messages(result) == {line: "Doppelt: wie Zeile 2."}
    assert result.imported == 5


def test_manifest_missing_or_without_columns(tmp_path):
    with pytest.raises(ManifestError):
        read_manifest(tmp_path)
    (tmp_path / "manifest.csv").write_text("titel;datei\nA;a.pdf\n", encoding="utf-8")
    with pytest.raises(ManifestError) as error:
        read_manifest(tmp_path)
    assert "aktenzeichen;aktenplan" in translate(error.value.args[0])


def test_example_delivery_in_the_repository_passes_the_checks(portal, plan):
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "examples" / "scan-delivery"
    rows, problems = read_manifest(example)
    assert problems == [] and len(rows) == 3
    result = run_import(portal, example)
    assert (result.imported, result.problems) == (3, [])
