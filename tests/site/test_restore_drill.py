"""`make backup` and `make restore` of the embedded configuration
(scripts/backup.sh, scripts/restore.sh) and its restore drill, on one site:
back up; the restore refuses while the portal runs; a restore over newer
data brings back the backup but keeps the access trail; then everything is
destroyed, restored and compared."""

import base64
import hashlib
import os
import shutil
import subprocess

import pytest

from mittelangeln.policy.security.trail_store import AccessTrail
from mittelangeln.policy.testing.embedded import EmbeddedPortal
from mittelangeln.policy.testing.portal_process import ROOT
from mittelangeln.policy.testing.portal_process import cluster_environment
from mittelangeln.policy.testing.portal_process import request
from mittelangeln.policy.testing.restore_drill import SNAPSHOT
from mittelangeln.policy.testing.restore_drill import add_scan
from mittelangeln.policy.testing.restore_drill import call
from mittelangeln.policy.testing.restore_drill import differences
from mittelangeln.policy.testing.restore_drill import page_image
from mittelangeln.policy.testing.restore_drill import parse_snapshot
from mittelangeln.policy.testing.restore_drill import read_personalakte
from mittelangeln.policy.testing.restore_drill import wait_for_conversions


# A directory and port of its own: the cluster drill (tests/cluster/) may
# run at the same time on the other test worker, and var/instance-test
# belongs to the other embedded portal tests.
VAR = ROOT / "var" / "drill-embedded"
PORT = 18299
LATE_FILE = "nach-sicherung"  # added after the backup: a restore removes it


def shell(*command):
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def footprint(var):
    """Inode of every file of the ZODB and the blobs: a restore (rm, repozo's
    rename, tar) replaces them."""
    found = {}
    for name in ("filestorage", "blobstorage"):
        for directory, subdirectories, files in os.walk(var / name):
            for entry in [directory, *(os.path.join(directory, file) for file in files)]:
                found[os.path.relpath(entry, var)] = os.stat(entry).st_ino
    return found


def add_late_file(site_url):
    """A File in the intranet, added after the backup; (status of the
    creation, its content as served)."""
    file = {
        "data": base64.b64encode(f"Inhalt von {LATE_FILE}".encode()).decode(),
        "encoding": "base64",
        "filename": f"{LATE_FILE}.txt",
        "content-type": "text/plain",
    }
    payload = {"@type": "File", "id": LATE_FILE, "title": LATE_FILE, "file": file}
    status = call(site_url, "/intranet", payload)[0]
    served = request(f"/intranet/{LATE_FILE}/@@download/file", site_url=site_url)[1]
    return status, served


def record(trail, user):
    trail.record(user, "/p", "u", "Personalakte", "ansicht", "GET", True)


@pytest.fixture(scope="module")
def drill():
    shutil.rmtree(VAR, ignore_errors=True)
    portal = EmbeddedPortal(VAR, PORT)
    portal.write_configuration()
    env = cluster_environment(MITTELANGELN_CONVERSION_WORKER="1", MITTELANGELN_CONVERSION_INTERVAL="1")
    backups = VAR / "backups"
    trail = AccessTrail(VAR / "instance-test" / "access-trail.sqlite")  # the client home's
    try:
        portal.run_script(ROOT / "scripts" / "create_site.py", env)
        portal.start(env)
        scan = add_scan(portal.site_url)
        personalakte = read_personalakte(portal.site_url)
        wait_for_conversions(portal.site_url)
        portal.stop()
        record(trail, "vor-sicherung")
        # FileStorage admits one process: snapshots only while the portal is down.
        before = parse_snapshot(portal.run_source(SNAPSHOT, env))
        backup = shell("scripts/backup.sh", str(VAR), str(backups))

        portal.start(env)
        untouched = footprint(VAR)
        refusal = subprocess.run(
            ["scripts/restore.sh", str(VAR), str(backups)], cwd=ROOT, capture_output=True, text=True, timeout=600
        )
        after_refusal = footprint(VAR)
        late_file = add_late_file(portal.site_url)
        record(trail, "nach-sicherung")
        portal.stop()

        # A restore over newer data: the ZODB and blobs go back, the trail stays.
        over_newer = shell("scripts/restore.sh", str(VAR), str(backups))
        restored_over_newer = parse_snapshot(portal.run_source(SNAPSHOT, env))

        # Everything the portal keeps is gone.
        for name in ("filestorage", "blobstorage"):
            shutil.rmtree(VAR / name)
            (VAR / name).mkdir()
        for database in (VAR / "instance-test").glob("*.sqlite*"):
            database.unlink()

        restore = shell("scripts/restore.sh", str(VAR), str(backups))
        after = parse_snapshot(portal.run_source(SNAPSHOT, env))
        portal.start(env)
        image = page_image(portal.site_url, before["uids"][scan])
        portal.stop()
        yield {
            "before": before,
            "backup": backup,
            "backups": backups,
            "refusal": refusal,
            "untouched": untouched,
            "after_refusal": after_refusal,
            "late_file": late_file,
            "over_newer": over_newer,
            "restored_over_newer": restored_over_newer,
            "restore": restore,
            "after": after,
            "scan": scan,
            "personalakte": personalakte,
            "image": image,
        }
    finally:
        portal.stop()


def users(snapshot):
    """The access trail's users, newest first."""
    return [entry[1] for entry in snapshot["trail"]]


def test_the_snapshot_holds_what_the_drill_must_compare(drill):
    before = drill["before"]
    assert before["queries"]["volltext OCR"] == 1
    assert before["queries"]["aktenzeichen"] >= 1
    assert before["walked"]["Dokument"] == before["catalogued"]["Dokument"]
    page_blobs = [key for key in before["blobs"] if key.startswith(drill["scan"] + " documentviewer:")]
    assert f"{drill['scan']} documentviewer:normal/dump_1.gif" in page_blobs
    assert f"{drill['scan']} file" in before["blobs"]
    assert any(entry[2] == drill["personalakte"] for entry in before["trail"])
    assert users(before)[0] == "vor-sicherung"


def test_backup_writes_repozo_and_blob_snapshot(drill):
    assert "Sicherung abgeschlossen" in drill["backup"]
    assert list((drill["backups"] / "filestorage").glob("*.fsz"))
    assert list((drill["backups"] / "blobstorage").glob("blobstorage-*.tar.gz"))


def test_backup_copies_the_access_trail_into_backups_local(drill):
    (copy,) = (drill["backups"] / "local").glob("access-trail-*.sqlite")
    copied = [entry.user for entry in AccessTrail(copy).entries()]
    assert copied == users(drill["before"])
    assert "vor-sicherung" in copied
    assert "nach-sicherung" not in copied


def test_restore_refuses_while_portal_runs_and_changes_nothing(drill):
    refusal = drill["refusal"]
    assert refusal.returncode == 1
    assert "Das Portal läuft noch" in refusal.stderr
    assert "Wiederhergestellt" not in refusal.stdout
    assert drill["after_refusal"] == drill["untouched"]
    # ... and the portal went on serving and storing.
    assert drill["late_file"] == (201, f"Inhalt von {LATE_FILE}")


def test_restore_over_newer_data_brings_back_the_backed_up_state(drill):
    assert "Wiederhergestellt aus" in drill["over_newer"]
    restored = drill["restored_over_newer"]
    assert not [key for key in restored["blobs"] if f"/intranet/{LATE_FILE} " in key]
    assert restored["blobs"][f"{drill['scan']} file"] == drill["before"]["blobs"][f"{drill['scan']} file"]
    assert differences({**drill["before"], "trail": None}, {**restored, "trail": None}) == []


def test_restore_does_not_rewind_an_access_trail_with_entries(drill):
    assert "Nicht überschrieben (enthält Einträge)" in drill["over_newer"]
    trail = drill["restored_over_newer"]["trail"]
    assert [user for user in users(drill["restored_over_newer"]) if user.endswith("-sicherung")] == [
        "nach-sicherung",
        "vor-sicherung",
    ]
    assert all(entry in trail for entry in drill["before"]["trail"])


def test_restore_after_destruction_brings_back_the_access_trail(drill):
    assert "Wiederhergestellt aus" in drill["restore"]
    assert "Wiederhergestellt: " in drill["restore"]
    assert "access-trail.sqlite" in drill["restore"]
    assert users(drill["after"]) == users(drill["before"])


def test_restore_brings_back_counts_blobs_catalog_and_trail(drill):
    assert differences(drill["before"], drill["after"]) == []


def test_the_restored_portal_serves_a_converted_page_image(drill):
    status, body, content_type = drill["image"]
    assert status == 200
    assert content_type == "image/gif"
    page = f"{drill['scan']} documentviewer:normal/dump_1.gif"
    assert hashlib.sha256(body).hexdigest() == drill["before"]["blobs"][page]
