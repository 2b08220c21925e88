"""FileStorage → RelStorage → FileStorage with `bin/cluster migrate-…`
(zodbconvert): the same objects and blobs on every storage, and the
converted pages and the OCR search still work.

The embedded site is made and converted with `bin/instance-test run`
scripts on a FileStorage of its own (no HTTP server): the only ports used
are this cluster's.
"""

import base64
import concurrent.futures
import hashlib
import json
import re
import shutil
import subprocess
import urllib.parse
import urllib.request

import pytest
from ZODB.FileStorage import FileStorage

from mittelangeln.policy.cluster.migration import MIGRATION_DATABASE
from mittelangeln.policy.cluster.migration import MigrationError
from mittelangeln.policy.cluster.migration import migrate
from mittelangeln.policy.cluster.migration import relstorage_has_data
from mittelangeln.policy.cluster.nodes import Cluster
from mittelangeln.policy.cluster.postgres import ZODB_DATABASE
from mittelangeln.policy.dokumente.scanimport.generator import scanned_pdf
from mittelangeln.policy.testing.embedded import EmbeddedPortal
from mittelangeln.policy.testing.portal_process import ADMIN_PASSWORD
from mittelangeln.policy.testing.portal_process import ROOT
from mittelangeln.policy.testing.portal_process import cluster_environment
from mittelangeln.policy.testing.portal_process import fresh_cluster
from mittelangeln.policy.testing.portal_process import request


HTTP_PORT = 18380
POSTGRES_PORT = 15435
VAR = ROOT / "var" / "cluster-migration"
OCR_WORD = "Dachgeschossausbau"
SCAN_LINES = ["Bauantrag Mühlenstraße 7 in Sörup", f"{OCR_WORD} genehmigt"]

# The site with demo content (scripts/create_site.py, run before this) and
# a Dokument with a scanned (image-only) PDF in the first Vorgang, converted
# by the conversion queue as the portal's worker does it.
ADD_AND_CONVERT_SCAN = """
import transaction
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import system
from plone import api
from plone.namedfile.file import NamedBlobFile
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.globalrequest import setRequest
from mittelangeln.policy.dokumente.queue import job_for
from mittelangeln.policy.dokumente.queue import process_queue

app = makerequest(app)
setRequest(app.REQUEST)
site = app["Mittelangeln"]
setSite(site)
newSecurityManager(None, app.acl_users.getUserById("admin"))
vorgang = site.portal_catalog.unrestrictedSearchResults(portal_type="Vorgang", sort_on="path")[0].getObject()
with open({pdf!r}, "rb") as pdf:
    data = pdf.read()
dokument = api.content.create(
    container=vorgang, type="Dokument", id="scan-umzug", title="Scan vor dem Umzug", kind="eingang",
    file=NamedBlobFile(data, filename="scan.pdf", contentType="application/pdf"),
)
transaction.commit()
newSecurityManager(None, system)
process_queue(site, commit=transaction.commit, abort=transaction.abort)
scan_path = "/".join(dokument.getPhysicalPath())
print("SCAN", scan_path, job_for(dokument)["state"])
"""

# Everything the migration must keep: the class of every current object
# record, the sha256 of every blob, the portal types in the content tree,
# the catalog's counts, the converted pages of the scan and the OCR search.
SNAPSHOT = """
import collections
import base64
import concurrent.futures
import hashlib
import json
from collective.documentviewer.settings import Settings
from ZODB.blob import is_blob_record
from ZODB.utils import get_pickle_metadata
from zope.component.hooks import setSite

storage = app._p_jar.db().storage
classes = collections.Counter()
blobs = {}
max_oid = 0
cursor = None
while True:
    oid, tid, data, cursor = storage.record_iternext(cursor)
    max_oid = max(max_oid, int(oid.hex(), 16))
    if data:
        classes[".".join(get_pickle_metadata(data))] += 1
        if is_blob_record(data):
            with storage.openCommittedBlobFile(oid, tid) as blob:
                blobs[oid.hex()] = hashlib.sha256(blob.read()).hexdigest()
    if cursor is None:
        break

site = app["Mittelangeln"]
setSite(site)
catalog = site.portal_catalog
found = site.ZopeFind(site, search_sub=1)
content = collections.Counter(obj.portal_type for _, obj in found if hasattr(obj, "portal_type"))
catalog_counts = {
    portal_type: len(catalog.unrestrictedSearchResults(portal_type=portal_type))
    for portal_type in catalog.uniqueValuesFor("portal_type")
}
scan = site.unrestrictedTraverse(__SCAN__)
settings = Settings(scan)
pages = {}
for name, blob in settings.blob_files.items():
    with blob.open() as page:
        pages[name] = hashlib.sha256(page.read()).hexdigest()
print("SNAPSHOT", json.dumps({
    "classes": classes,
    "blobs": blobs,
    "content": content,
    "catalog": catalog_counts,
    "catalog_size": len(catalog),
    "pages": pages,
    "page_count": settings.num_pages,
    "max_oid": max_oid,
    "search": [b.getPath() for b in catalog.unrestrictedSearchResults(SearchableText=__WORD__, portal_type="Dokument")],
}, sort_keys=True))
"""


# After the migration the database takes new objects under new OIDs (the
# OID counters of both storages follow the copied records). Also the object
# written into a destination that --clear must replace.
WRITE = """
import transaction
from AccessControl.SecurityManagement import newSecurityManager
from plone import api
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

app = makerequest(app)
site = app["Mittelangeln"]
setSite(site)
newSecurityManager(None, app.acl_users.getUserById("admin"))
document = api.content.create(container=site, type="Document", id=__ID__, title="Geschrieben")
transaction.commit()
print("WRITTEN", int(document._p_oid.hex(), 16))
"""


def write(document_id="nach-dem-umzug"):
    return WRITE.replace("__ID__", repr(document_id))


def written_oid(output):
    return int(re.search(r"^WRITTEN (\d+)$", output, re.MULTILINE).group(1))


def cluster_command(*arguments):
    """`bin/cluster` on this test's cluster; (exit code, output)."""
    result = subprocess.run(
        [ROOT / "bin" / "cluster", "--var", VAR, "--postgres-port", str(POSTGRES_PORT), *map(str, arguments)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return result.returncode, result.stdout + result.stderr


def fetch_bytes(url):
    """(status, body) of a GET as the admin."""
    token = base64.b64encode(f"admin:{ADMIN_PASSWORD}".encode()).decode()
    req = urllib.request.Request(url, headers={"Authorization": f"Basic {token}"})
    with urllib.request.urlopen(req, timeout=60) as response:
        return response.status, response.read()


def snapshot(runner, scan, env, before="", after=""):
    """The SNAPSHOT of the database ``runner`` (a cluster node or EmbeddedPortal)
    opens, between the scripts ``before`` (which sets ``scan_path`` when
    ``scan`` is None) and ``after``; (output, snapshot)."""
    scan = "scan_path" if scan is None else repr(scan)
    source = SNAPSHOT.replace("__SCAN__", scan).replace("__WORD__", repr(OCR_WORD))
    output = runner.run_source(before + source + after, env)
    return output, json.loads(re.search(r"^SNAPSHOT (.*)$", output, re.MULTILINE).group(1))


def refusal(cluster, command, *options):
    """The German message with which the migration refuses (None if it does
    not), called as bin/cluster calls it."""
    try:
        migrate(cluster, command, list(map(str, options)))
    except MigrationError as error:
        return str(error)
    return None


def refusal_while_portal_uses(cluster, filestorage, blobs, command, *options):
    """The refusal while a process has the FileStorage open (and so holds its
    Data.fs.lock, as the running portal does)."""
    storage = FileStorage(str(filestorage), blob_dir=str(blobs))
    try:
        return refusal(cluster, command, *options)
    finally:
        storage.close()


@pytest.fixture(scope="module")
def migrated():
    cluster = fresh_cluster("cluster-migration", http_port=HTTP_PORT, postgres_port=POSTGRES_PORT)
    env = cluster_environment(MITTELANGELN_CONVERSION_WORKER="0")
    # Run with `run` scripts only: their ports are never opened.
    embedded = EmbeddedPortal(VAR / "embedded", HTTP_PORT + 8)
    returned = EmbeddedPortal(VAR / "returned", HTTP_PORT + 9)
    for portal in (embedded, returned):
        portal.write_configuration()
    source = ["--filestorage", embedded.filestorage, "--blobs", embedded.blobs]
    target = ["--filestorage", returned.filestorage, "--blobs", returned.blobs]
    result = {}
    on_cluster = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    try:
        pdf = VAR / "scan.pdf"
        pdf.write_bytes(scanned_pdf([SCAN_LINES], seed=11, umlauts=True))
        setup = (ROOT / "scripts" / "create_site.py").read_text() + ADD_AND_CONVERT_SCAN.format(pdf=str(pdf))
        output, result["before"] = snapshot(embedded, None, env, setup)
        scan, result["scan_state"] = re.search(r"^SCAN (\S+) (\S+)$", output, re.MULTILINE).groups()
        result["scan"] = scan

        result["refused_running_embedded"] = refusal_while_portal_uses(
            cluster, embedded.filestorage, embedded.blobs, "migrate-from-filestorage", *source
        )
        nowhere = VAR / "nirgends" / "Data.fs"
        result["refused_missing_source"] = refusal(
            cluster, "migrate-from-filestorage", "--filestorage", nowhere, "--blobs", embedded.blobs
        )
        result["to_cluster"] = cluster_command("migrate-from-filestorage", *source)
        result["refused_cluster_has_data"] = cluster_command("migrate-from-filestorage", *source)
        # --clear replaces the data: an object written before is gone (the
        # snapshot on the cluster shows the rest).
        cluster.postgres.start()
        result["extra_cluster"] = written_oid(cluster.node(2).run_source(write("vor-dem-ersetzen"), env))
        cluster.postgres.stop()
        result["cleared_cluster"] = refusal(cluster, "migrate-from-filestorage", *source, "--clear")

        # The snapshot of the cluster's database is taken while node 1 starts
        # (by a `run` with node 2's configuration files, which serves nothing).
        snapshot_taken = []
        cluster.start(
            instances=1,
            env=env,
            prepare=lambda cluster: snapshot_taken.append(on_cluster.submit(snapshot, cluster.node(2), scan, env)),
        )
        node = cluster.node(1)
        # As another process sees the cluster (from its node's pid file).
        operator_view = Cluster(var=VAR, http_port=HTTP_PORT, postgres_port=POSTGRES_PORT)
        result["refused_cluster_runs"] = refusal(operator_view, "migrate-to-filestorage", *target)
        site_url = node.url + "/Mittelangeln"
        page = request(scan.removeprefix("/Mittelangeln"), site_url=site_url, accept="text/html")[1]
        image_url = re.search(r'data-image-url="([^"]+)"', page).group(1)
        image_path = urllib.parse.urlparse(image_url.format(size="large", page=1)).path
        result["image_name"] = "/".join(image_path.split("/")[-2:])
        result["image_status"], image = fetch_bytes(node.url + image_path)
        result["image_sha"] = hashlib.sha256(image).hexdigest()
        answer = json.loads(request(f"/@search?SearchableText={OCR_WORD}&portal_type=Dokument", site_url=site_url)[1])
        result["cluster_search"] = [urllib.parse.urlparse(item["@id"]).path for item in answer["items"]]
        result["on_cluster"] = snapshot_taken[0].result()[1]
        cluster.stop()

        result["to_filestorage"] = cluster_command("migrate-to-filestorage", *target)
        result["refused_filestorage_has_data"] = refusal(cluster, "migrate-to-filestorage", *target)
        result["extra_filestorage"] = written_oid(returned.run_source(write("vor-dem-ersetzen"), env))
        result["cleared_filestorage"] = refusal(cluster, "migrate-to-filestorage", *target, "--clear")
        # The cluster's database takes new objects (checked while the
        # returned FileStorage's snapshot is taken).
        cluster.postgres.start()
        cluster_write = on_cluster.submit(cluster.node(2).run_source, write(), env)
        output, result["after"] = snapshot(returned, scan, env, after=write())
        result["written_filestorage"] = written_oid(output)
        result["written_cluster"] = written_oid(cluster_write.result())
        on_cluster.shutdown()

        # A blob file missing in the source: refused, the cluster's database
        # as it was (with the object written after the migration).
        broken = VAR / "broken"
        shutil.copytree(embedded.filestorage.parent, broken / "filestorage", ignore=shutil.ignore_patterns("*.lock"))
        shutil.copytree(embedded.blobs, broken / "blobs")
        next((broken / "blobs").rglob("*.blob")).unlink()
        broken_source = ["--filestorage", broken / "filestorage" / "Data.fs", "--blobs", broken / "blobs"]
        result["refused_missing_blob"] = refusal(cluster, "migrate-from-filestorage", *broken_source, "--clear")
        result["cluster_has_data_after_failure"] = relstorage_has_data(cluster.postgres)
        result["written_kept_after_failure"] = cluster.postgres.psql(
            f"SELECT count(*) FROM object_state WHERE zoid = {result['written_cluster']}", ZODB_DATABASE
        ).strip()
        result["scratch_left_after_failure"] = cluster.postgres.database_exists(MIGRATION_DATABASE)
        yield result
    finally:
        cluster.stop()
        cluster.node(1).stop()
        if cluster.postgres.is_running():
            cluster.postgres.stop()
        on_cluster.shutdown()


def test_the_embedded_site_has_a_converted_scan(migrated):
    before = migrated["before"]
    assert migrated["scan_state"] == "done"
    assert before["page_count"] == 1
    assert any(name.startswith("large/") for name in before["pages"])
    assert before["search"] == [migrated["scan"]]
    assert len(before["blobs"]) > len(before["pages"])


def test_to_the_cluster_keeps_every_object_and_blob(migrated):
    code, output = migrated["to_cluster"]
    assert code == 0, output
    assert "übernommen" in output
    assert migrated["on_cluster"] == migrated["before"]


def test_the_cluster_serves_the_converted_page_image(migrated):
    assert migrated["image_status"] == 200
    assert migrated["image_sha"] == migrated["before"]["pages"][migrated["image_name"]]


def test_the_ocr_text_is_found_on_the_cluster(migrated):
    assert migrated["cluster_search"] == [migrated["scan"]]


def test_back_to_a_filestorage_keeps_every_object_and_blob(migrated):
    code, output = migrated["to_filestorage"]
    assert code == 0, output
    assert migrated["after"] == migrated["before"]
    assert migrated["after"]["search"] == [migrated["scan"]]


def test_both_databases_take_new_objects_after_the_migration(migrated):
    assert migrated["written_cluster"] > migrated["before"]["max_oid"]
    assert migrated["written_filestorage"] > migrated["before"]["max_oid"]


def test_refuses_while_a_portal_uses_source_or_destination(migrated):
    assert "Das Portal läuft noch" in migrated["refused_running_embedded"]
    assert "Der Cluster läuft noch (Knoten 1)" in migrated["refused_cluster_runs"]


def test_refuses_a_missing_source(migrated):
    assert "Keine FileStorage-Datei" in migrated["refused_missing_source"]


def test_refuses_a_destination_with_data_without_clear(migrated):
    code, output = migrated["refused_cluster_has_data"]
    assert code == 1, output
    assert "enthält schon Daten" in output
    assert "enthält schon Daten" in migrated["refused_filestorage_has_data"]


def test_clear_replaces_the_destinations_data(migrated):
    # An object was written into each destination before --clear; the
    # snapshots taken afterwards hold no object that new.
    assert migrated["cleared_cluster"] is None
    assert migrated["cleared_filestorage"] is None
    assert migrated["extra_cluster"] > migrated["before"]["max_oid"]
    assert migrated["on_cluster"]["max_oid"] < migrated["extra_cluster"]
    assert migrated["extra_filestorage"] > migrated["before"]["max_oid"]
    assert migrated["after"]["max_oid"] < migrated["extra_filestorage"]


def test_a_missing_blob_fails_the_migration_and_keeps_the_clusters_database(migrated):
    assert "1 Blob-Datei(en) fehlen" in migrated["refused_missing_blob"]
    assert migrated["cluster_has_data_after_failure"] is True
    assert migrated["written_kept_after_failure"] == "1"
    assert migrated["scratch_left_after_failure"] is False
