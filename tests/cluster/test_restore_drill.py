"""The restore drill of the cluster: back up (pg_dump), destroy PostgreSQL's
data and the blob caches, restore, compare (cluster/backup.py)."""

import hashlib

import pytest

from mittelangeln.policy.cluster import backup
from mittelangeln.policy.cluster.nodes import ClusterError
from mittelangeln.policy.testing.portal_process import ROOT
from mittelangeln.policy.testing.portal_process import cluster_environment
from mittelangeln.policy.testing.portal_process import fresh_cluster
from mittelangeln.policy.testing.restore_drill import SNAPSHOT
from mittelangeln.policy.testing.restore_drill import add_scan
from mittelangeln.policy.testing.restore_drill import differences
from mittelangeln.policy.testing.restore_drill import page_image
from mittelangeln.policy.testing.restore_drill import parse_snapshot
from mittelangeln.policy.testing.restore_drill import read_personalakte
from mittelangeln.policy.testing.restore_drill import wait_for_conversions


@pytest.fixture(scope="module")
def drill():
    cluster = fresh_cluster("cluster-drill", http_port=18280, postgres_port=15434)
    env = cluster_environment(MITTELANGELN_CONVERSION_WORKER="1", MITTELANGELN_CONVERSION_INTERVAL="1")
    node = cluster.node(1)
    site_url = node.url + "/Mittelangeln"
    backups = cluster.var / "backups"

    def create_site(cluster):
        node.run_script(ROOT / "scripts" / "create_site.py", env)

    try:
        cluster.start(instances=1, env=env, prepare=create_site)
        scan = add_scan(site_url)
        personalakte = read_personalakte(site_url)
        wait_for_conversions(site_url)
        with pytest.raises(ClusterError) as refused:
            backup.restore(cluster, backups)  # no backup yet: says so
        refused_without_backup = str(refused.value)
        backup_dir, _ = backup.backup(cluster, backups, keep_days=14)
        with pytest.raises(ClusterError) as refused:
            backup.restore(cluster, backups)
        refused_while_running = str(refused.value)
        # Nothing may change between the snapshot and the backup: stop first.
        node.stop()
        cluster.balancer.stop()
        before = parse_snapshot(node.run_source(SNAPSHOT, env))
        backup_dir, _ = backup.backup(cluster, backups, keep_days=14)
        blob_cache = node.directory / "blobcache"
        cached_before = sum(1 for path in blob_cache.rglob("*.blob"))

        # Everything the cluster keeps is gone.
        cluster.postgres.destroy()

        source, state_restored = backup.restore(cluster, backups)
        cached_after_restore = sum(1 for path in blob_cache.rglob("*.blob"))
        cluster.start(instances=1, env=env)
        after = parse_snapshot(node.run_source(SNAPSHOT, env))
        image = page_image(site_url, before["uids"][scan])
        yield {
            "before": before,
            "after": after,
            "scan": scan,
            "personalakte": personalakte,
            "image": image,
            "backup_dir": backup_dir,
            "source": source,
            "state_restored": state_restored,
            "refused_without_backup": refused_without_backup,
            "refused_while_running": refused_while_running,
            "cached": (cached_before, cached_after_restore),
        }
    finally:
        cluster.stop()
        node.stop()
        cluster.balancer.stop()
        cluster.postgres.stop("immediate")


def test_the_backup_is_a_dump_of_both_databases(drill):
    assert drill["source"] == drill["backup_dir"]
    assert sorted(path.name for path in drill["backup_dir"].iterdir()) == [
        "mittelangeln.dump",
        "mittelangeln_state.dump",
    ]


def test_restore_refuses_while_the_cluster_runs(drill):
    assert "Keine Cluster-Sicherung" in drill["refused_without_backup"]
    assert "Der Cluster läuft noch (Knoten 1, HAProxy)" in drill["refused_while_running"]


def test_the_snapshot_holds_what_the_drill_must_compare(drill):
    before = drill["before"]
    assert before["queries"]["volltext OCR"] == 1
    assert before["queries"]["aktenzeichen"] >= 1
    assert before["walked"]["Dokument"] == before["catalogued"]["Dokument"]
    assert f"{drill['scan']} documentviewer:normal/dump_1.gif" in before["blobs"]
    assert f"{drill['scan']} file" in before["blobs"]
    assert any(entry[2] == drill["personalakte"] for entry in before["trail"])


def test_restore_brings_back_counts_blobs_catalog_and_trail(drill):
    assert drill["state_restored"]
    assert differences(drill["before"], drill["after"]) == []


def test_restore_empties_the_nodes_blob_caches(drill):
    cached_before, cached_after_restore = drill["cached"]
    assert cached_before > 0
    assert cached_after_restore == 0


def test_the_restored_cluster_serves_a_converted_page_image(drill):
    status, body, content_type = drill["image"]
    assert status == 200
    assert content_type == "image/gif"
    page = f"{drill['scan']} documentviewer:normal/dump_1.gif"
    assert hashlib.sha256(body).hexdigest() == drill["before"]["blobs"][page]
