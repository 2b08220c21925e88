"""`make backup` and `make restore` bring back the ZODB and its blobs."""

import subprocess
import textwrap

import pytest

from mittelangeln.policy.security.trail_store import AccessTrail
from mittelangeln.policy.testing.portal_process import DATA
from mittelangeln.policy.testing.portal_process import ROOT
from mittelangeln.policy.testing.portal_process import Server
from mittelangeln.policy.testing.portal_process import create_site
from mittelangeln.policy.testing.portal_process import fresh_environment
from mittelangeln.policy.testing.portal_process import run_script


ADD_FILE = """
import transaction
from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.component.hooks import setSite
from AccessControl.SecurityManagement import newSecurityManager

site = app["Mittelangeln"]
setSite(site)
newSecurityManager(None, app.acl_users.getUserById("admin"))
api.content.create(
    container=site["intranet"], type="File", id="{id}", title="{id}",
    file=NamedBlobFile(b"Inhalt von {id}", filename="{id}.txt", contentType="text/plain"),
)
transaction.commit()
"""

LIST_FILES = """
site = app["Mittelangeln"]
for obj in site["intranet"].objectValues("Dexterity Item"):
    if obj.portal_type == "File":
        print(obj.getId(), obj.file.data.decode())
"""


@pytest.fixture(scope="module")
def restored(tmp_path_factory):
    scripts = tmp_path_factory.mktemp("scripts")
    backups = tmp_path_factory.mktemp("backups")
    env = fresh_environment()

    def run(name, source):
        path = scripts / f"{name}.py"
        path.write_text(textwrap.dedent(source))
        return run_script(env, path)

    def shell(*command):
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    create_site(env)
    run("add_before", ADD_FILE.format(id="vor-sicherung"))
    trail = AccessTrail(DATA / "instance-test" / "access-trail.sqlite")  # its client home
    trail.path.unlink(missing_ok=True)
    trail.record("vor-sicherung", "/p", "u", "Personalakte", "ansicht", "GET", True)
    backup_output = shell("scripts/backup.sh", str(DATA), str(backups))
    trail.record("nach-sicherung", "/p", "u", "Personalakte", "ansicht", "GET", False)
    run("add_after", ADD_FILE.format(id="nach-sicherung"))
    before_restore = run("list_before", LIST_FILES)
    restore_output = shell("scripts/restore.sh", str(DATA), str(backups))
    after_restore = run("list_after", LIST_FILES)
    return {
        "backup": backup_output,
        "restore": restore_output,
        "before": before_restore,
        "after": after_restore,
        "backups": backups,
        "trail": [entry.user for entry in trail.entries()],
    }


def test_backup_writes_repozo_and_blob_snapshot(restored):
    assert "Sicherung abgeschlossen" in restored["backup"]
    assert list((restored["backups"] / "filestorage").glob("*.fsz"))
    assert list((restored["backups"] / "blobstorage").glob("blobstorage-*.tar.gz"))


def test_backup_copies_the_access_trail_and_restore_does_not_rewind_it(restored):
    (copy,) = (restored["backups"] / "local").glob("access-trail-*.sqlite")
    assert [entry.user for entry in AccessTrail(copy).entries()] == ["vor-sicherung"]
    assert restored["trail"] == ["nach-sicherung", "vor-sicherung"]


def test_restore_brings_back_the_backed_up_state(restored):
    assert "nach-sicherung" in restored["before"]
    assert "Wiederhergestellt" in restored["restore"]
    assert "vor-sicherung Inhalt von vor-sicherung" in restored["after"]
    assert "nach-sicherung" not in restored["after"]


def test_restore_refuses_while_portal_runs(tmp_path):

    env = fresh_environment()
    create_site(env)
    subprocess.run(["scripts/backup.sh", str(DATA), str(tmp_path)], cwd=ROOT, check=True, capture_output=True)
    server = Server(env, tmp_path / "server.log")
    try:
        result = subprocess.run(
            ["scripts/restore.sh", str(DATA), str(tmp_path)], cwd=ROOT, capture_output=True, text=True
        )
    finally:
        server.stop()
    assert result.returncode == 1
    assert "Das Portal läuft noch" in result.stderr
