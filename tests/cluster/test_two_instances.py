"""Two instances on one RelStorage/PostgreSQL database share everything:
content, the conversion queue, lock-outs and the access trail."""

import base64
import json
import os
import re
import time
import urllib.parse

import lxml.html
import pytest

from mittelangeln.policy.dokumente.claims import worker_pid
from mittelangeln.policy.dokumente.scanimport.generator import scanned_pdf
from mittelangeln.policy.testing.portal_process import ROOT
from mittelangeln.policy.testing.portal_process import cluster_environment
from mittelangeln.policy.testing.portal_process import fresh_cluster
from mittelangeln.policy.testing.portal_process import request
from mittelangeln.policy.testing.portal_process import status_of


WORKER_NAME = """
from plone import api
from zope.component.hooks import setSite
from mittelangeln.policy.dokumente.queue import job_for

site = app["Mittelangeln"]
setSite(site)
job = job_for(api.content.get(path="{path}"))
print("WORKERS", " ".join(worker for _, worker, _ in job["history"]))
print("EVENTS", " ".join(event for _, _, event in job["history"]))
"""


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Node A (1) without a conversion worker, node B (2) with one."""
    cluster = fresh_cluster("cluster-test", http_port=18180, postgres_port=15433)
    env = cluster_environment()

    def node_env(number):
        worker = "0" if number == 1 else "1"
        return {**env, "MITTELANGELN_CONVERSION_WORKER": worker, "MITTELANGELN_CONVERSION_INTERVAL": "1"}

    def create_site(cluster):
        cluster.node(1).run_script(ROOT / "scripts" / "create_site.py", env)

    try:
        cluster.start(instances=2, node_env=node_env, prepare=create_site)
        yield cluster
    finally:
        cluster.stop()


def site(node):
    return node.url + "/Mittelangeln"


def call(node, path="", payload=None, method=None, **arguments):
    data = json.dumps(payload).encode() if payload is not None else None
    status, body = request(
        path, data=data, method=method or ("POST" if data else "GET"), site_url=site(node), **arguments
    )
    return status, (json.loads(body) if body and body.lstrip().startswith(("{", "[")) else body)


def first_path(node, **query):
    answer = call(node, "/@search?" + urllib.parse.urlencode({**query, "fullobjects": 0}))[1]
    return urllib.parse.urlparse(answer["items"][0]["@id"]).path


def test_content_created_through_a_is_visible_through_b(cluster):
    a, b = cluster.node(1), cluster.node(2)
    status, created = call(a, "/intranet", {"@type": "Document", "id": "aushang-kantine", "title": "Aushang Kantine"})
    assert status == 201
    assert call(b, "/intranet/aushang-kantine")[1]["title"] == "Aushang Kantine"
    call(b, "/intranet/aushang-kantine", {"title": "Aushang Kantine (neu)"}, method="PATCH")
    assert call(a, "/intranet/aushang-kantine")[1]["title"] == "Aushang Kantine (neu)"


def test_a_scan_queued_through_a_is_converted_by_bs_worker(cluster):
    a, b = cluster.node(1), cluster.node(2)
    vorgang = first_path(a, portal_type="Vorgang", sort_on="path")
    pdf = scanned_pdf([["Nachtrag zum Bauantrag", "Schornsteinfegerabnahme bestanden"]], seed=5, umlauts=True)
    file = {
        "data": base64.b64encode(pdf).decode(),
        "encoding": "base64",
        "filename": "scan.pdf",
        "content-type": "application/pdf",
    }
    payload = {"@type": "Dokument", "id": "scan-a", "title": "Scan über A", "kind": "eingang", "file": file}
    status, _ = call(a, vorgang.removeprefix("/Mittelangeln"), payload)
    assert status == 201
    deadline = time.monotonic() + 180
    found = 0
    while time.monotonic() < deadline and not found:
        time.sleep(1)
        found = call(a, "/@search?SearchableText=Schornsteinfegerabnahme&portal_type=Dokument")[1]["items_total"]
    assert found == 1, b.output()
    output = a.run_source(WORKER_NAME.format(path=f"{vorgang}/scan-a"), cluster_environment())
    workers = re.search(r"^WORKERS (.*)$", output, re.MULTILINE).group(1).split()
    events = re.search(r"^EVENTS (.*)$", output, re.MULTILINE).group(1).split()
    assert events == ["converting", "done"]
    # The worker is a process of node B (its process group), not of A.
    assert os.getpgid(worker_pid(workers[0])) == b.pid()


def test_a_lock_out_through_a_holds_on_b(cluster):
    a, b = cluster.node(1), cluster.node(2)
    for login in ("sperre.test", "ohne.sperre"):
        user = {"username": login, "email": f"{login}@mittelangeln.de", "password": "Richtig-Passwort-1"}
        assert call(a, "/@users", user)[0] == 201
    assert status_of("/@users/sperre.test", site_url=site(b), credentials=("sperre.test", "Richtig-Passwort-1")) == 200
    for attempt in range(5):
        status_of("/@users/sperre.test", site_url=site(a), credentials=("sperre.test", f"falsch-{attempt}"))
    assert status_of("/@users/sperre.test", site_url=site(b), credentials=("sperre.test", "Richtig-Passwort-1")) == 401
    assert status_of("/@users/ohne.sperre", site_url=site(b), credentials=("ohne.sperre", "Richtig-Passwort-1")) == 200


def trail_rows(node, path):
    """(user, path, channel) of the access trail's rows for ``path``, as the
    page @@zugriffsprotokoll of ``node`` shows them."""
    page = request(
        "/@@zugriffsprotokoll?" + urllib.parse.urlencode({"pfad": path}), site_url=site(node), accept="text/html"
    )[1]
    rows = lxml.html.fromstring(page).xpath("//table//tbody/tr")
    return [
        (row.xpath("string(td[2])").strip(), row.xpath("string(td[3]//small)").strip(), row.xpath("string(td[4])"))
        for row in rows
    ]


def test_an_access_to_a_personalakte_through_b_is_in_the_trail_read_through_a(cluster):
    a, b = cluster.node(1), cluster.node(2)
    personalakte = first_path(a, portal_type="Personalakte", sort_on="path")
    before = trail_rows(a, personalakte)
    assert call(b, personalakte.removeprefix("/Mittelangeln"))[0] == 200
    after = trail_rows(a, personalakte)
    assert len(after) == len(before) + 1
    user, path, _channel = after[0]  # newest first
    assert (user, path) == ("admin", personalakte)
