"""bin/import-scans against a real database: a run killed midway and run again
leaves every document exactly once; bad rows land in the report by line; a
running portal (the database locked) gets a clear message."""

import csv
import json
import re
import signal
import subprocess

import pytest

from mittelangeln.policy.dokumente.scanimport.generator import write_delivery
from mittelangeln.policy.testing.portal_process import ROOT
from mittelangeln.policy.testing.portal_process import Server
from mittelangeln.policy.testing.portal_process import create_site
from mittelangeln.policy.testing.portal_process import fresh_environment
from mittelangeln.policy.testing.portal_process import run_script


IMPORT = ROOT / "bin" / "import-scans"
ZOPE_CONF = ROOT / "parts" / "instance-test" / "etc" / "zope.conf"
DOCUMENTS = 30
KILL_AFTER = 10
PROGRESS = re.compile(rb"\] (\d+)/(\d+)")

COUNT_SCRIPT = """
import json
catalog = app.Mittelangeln.portal_catalog
brains = catalog.unrestrictedSearchResults(portal_type="Dokument")
# The generated delivery's titles begin with "Scan "; the demo's do not.
titles = [brain.Title for brain in brains if brain.Title.startswith("Scan ")]
print("RESULT " + json.dumps(titles))
"""


def import_scans(env, delivery, *options, **popen):
    command = [IMPORT, delivery, "--zope-conf", ZOPE_CONF, *options]
    return subprocess.Popen(command, env=env, cwd=delivery, **popen)


def run_to_end(env, delivery, *options):
    process = import_scans(env, delivery, *options, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout, stderr = process.communicate(timeout=300)
    return process.returncode, stdout, stderr


def kill_midway(env, delivery):
    """Start an import and SIGKILL it once KILL_AFTER rows are done; returns
    the number of rows it had done."""
    process = import_scans(env, delivery, "--batch-size", "3", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    output = b""
    done = 0
    while done < KILL_AFTER:
        byte = process.stderr.read(1)
        assert byte, f"import ended before it could be killed: {output[-2000:]!r}"
        output += byte
        found = PROGRESS.findall(output)
        done = int(found[-1][0]) if found else 0
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    return done


def imported_titles(env, tmp_path):
    script = tmp_path / "count.py"
    script.write_text(COUNT_SCRIPT)
    line = next(line for line in run_script(env, script).splitlines() if line.startswith("RESULT "))
    return json.loads(line[len("RESULT ") :])


def add_bad_rows(delivery):
    with open(delivery / "manifest.csv", encoding="utf-8") as manifest:
        rows = list(csv.DictReader(manifest, delimiter=";"))
    good = rows[0]
    rows += [
        {**good, "datei": "scans/fehlt.pdf", "titel": "Fehlt"},
        {**good, "sha256": "0" * 64, "titel": "Falsche Prüfsumme"},
        {**good, "aktenzeichen": "999.9/0001", "titel": "Unbekannte Akte"},
    ]
    with open(delivery / "manifest.csv", "w", encoding="utf-8", newline="") as manifest:
        writer = csv.DictWriter(manifest, fieldnames=list(good), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    return [len(rows) - 1, len(rows), len(rows) + 1]  # their lines; the header is line 1


@pytest.fixture(scope="module")
def imports(tmp_path_factory):
    delivery = tmp_path_factory.mktemp("delivery")
    write_delivery(delivery, documents=DOCUMENTS, pages_per_document=1, seed=11)
    bad_lines = add_bad_rows(delivery)
    env = fresh_environment()
    create_site(env)
    scratch = tmp_path_factory.mktemp("scratch")
    killed_at = kill_midway(env, delivery)
    after_kill = imported_titles(env, scratch)
    rerun = run_to_end(env, delivery, "--report", str(scratch / "report.csv"))
    after_rerun = imported_titles(env, scratch)
    third = run_to_end(env, delivery, "--report", str(scratch / "report-3.csv"))
    after_third = imported_titles(env, scratch)
    server = Server(env, scratch / "server.log")
    try:
        locked = run_to_end(env, delivery)
    finally:
        server.stop()
    with open(scratch / "report.csv", encoding="utf-8") as report:
        report_rows = list(csv.DictReader(report, delimiter=";"))
    return locals()


def test_kill_happened_midway(imports):
    assert KILL_AFTER <= imports["killed_at"] < DOCUMENTS
    assert 0 < len(imports["after_kill"]) < DOCUMENTS


def test_rerun_completes_with_every_document_once(imports):
    titles = imports["after_rerun"]
    assert len(titles) == DOCUMENTS
    assert len(set(titles)) == DOCUMENTS
    status, stdout, _ = imports["rerun"]
    assert status == 1  # the bad rows
    expected = f"{DOCUMENTS - len(imports['after_kill'])} Dokumente importiert, {len(imports['after_kill'])} schon"
    assert expected in stdout


def test_third_run_adds_nothing(imports):
    assert sorted(imports["after_third"]) == sorted(imports["after_rerun"])
    assert f"0 Dokumente importiert, {DOCUMENTS} schon vorhanden" in imports["third"][1]


def test_report_lists_bad_rows_by_line(imports):
    assert [int(row["zeile"]) for row in imports["report_rows"]] == imports["bad_lines"]
    problems = [row["problem"] for row in imports["report_rows"]]
    assert problems[0] == "Datei nicht gefunden: scans/fehlt.pdf"
    assert problems[1].startswith("Prüfsumme stimmt nicht")
    assert problems[2] == "Unbekanntes Aktenzeichen „999.9/0001“."
    assert "Zeile %d: Datei nicht gefunden" % imports["bad_lines"][0] in imports["rerun"][1]


def test_progress_bar_shows_rate_and_eta(imports):
    stderr = imports["rerun"][2]
    assert re.search(r"Import \[#+\.*\] \d+/\d+ \d+\.\d/s, ETA \d:\d\d:\d\d", stderr)


def test_running_portal_gets_a_clear_message(imports):
    status, stdout, stderr = imports["locked"]
    assert status == 2
    assert "Die Datenbank lässt sich nicht öffnen (läuft das Portal?)" in stderr
    assert "Traceback" not in stderr
