"""Faults in a running cluster (two instances behind HAProxy, loopback only):
an instance killed during a stream of form submissions, a conversion worker
killed during OCR, PostgreSQL restarted during reads and writes.

Every stream is bounded in count and time; the counts each test saw are
printed and kept as properties of the test report.
"""

import base64
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest
import requests

from mittelangeln.policy.dokumente.claims import worker_pid
from mittelangeln.policy.dokumente.scanimport.generator import scanned_pdf
from mittelangeln.policy.testing.portal_process import ADMIN_PASSWORD
from mittelangeln.policy.testing.portal_process import ROOT
from mittelangeln.policy.testing.portal_process import cluster_environment
from mittelangeln.policy.testing.portal_process import fresh_cluster


ADMIN = ("admin", ADMIN_PASSWORD)
FORM = "/oeffentlich/maengelmelder"
AREA = "/eingaenge/maengelmeldungen"
REFERENCE = re.compile(r'class="reference-number">(MM-\d{4}-\d{5})<')
MARKER = re.compile(r"Störfallmeldung Nr\. (\d+)\b")
# The browser's multipart/form-data (requests sends it only with a file).
NO_FILE = [("form.widgets.none", ("", b"", "application/octet-stream"))]
SUBMISSIONS = 200
CLIENTS = 4
KILL_AFTER = 50
# Bound of the whole stream (about 1 submission per second on a busy 2-core machine).
STREAM_SECONDS = 400
# A citizen's browser waits as long as the balancer does (HAProxy's server
# timeout, 300 s): a submission answered late is still confirmed, and when
# the stream ends no submission is still being stored.
SUBMISSION_SECONDS = 310
# A Zope instance, PostgreSQL or HAProxy must be back within this.
RECOVERY_SECONDS = 120
JSON = {"Accept": "application/json"}

JOB_HISTORY = """
from plone import api
from zope.component.hooks import setSite
from mittelangeln.policy.dokumente.queue import job_for

setSite(app["Mittelangeln"])
job = job_for(api.content.get(path="{path}"))
print("STATE", job["state"])
for _, worker, event in job["history"]:
    print("HISTORY", worker, event)
"""


def node_env(number):
    """Node 1 without a conversion worker, node 2 with one polling every second."""
    worker = "0" if number == 1 else "1"
    return cluster_environment(MITTELANGELN_CONVERSION_WORKER=worker, MITTELANGELN_CONVERSION_INTERVAL="1")


def site(cluster_or_node):
    return cluster_or_node.url + "/Mittelangeln"


@pytest.fixture(scope="module")
def cluster():
    cluster = fresh_cluster("cluster-fault", http_port=18480, postgres_port=15436)

    def create_site(cluster):
        cluster.node(1).run_script(ROOT / "scripts" / "create_site.py", cluster_environment())

    try:
        cluster.start(instances=2, node_env=node_env, prepare=create_site)
        # Every submission of the stream comes from 127.0.0.1 (HAProxy's
        # X-Forwarded-For, trusted by the instances): lift the form's limit.
        limit = {"mittelangeln.form_submissions_per_hour": 100_000}
        response = requests.patch(f"{site(cluster)}/@registry", json=limit, auth=ADMIN, headers=JSON, timeout=60)
        assert response.status_code == 204, response.text
        yield cluster
    finally:
        cluster.stop()  # also a node a test started again (the same Node object)


def running_node(cluster, number):
    """The node, started again (with its usual environment) if a test killed it."""
    node = cluster.node(number)
    if not node.is_running():
        node.start(env=node_env(number))
    node.wait_until_healthy(timeout=RECOVERY_SECONDS)
    return node


def wait_for(condition, timeout, interval=0.5):
    """The first true value of ``condition()`` within ``timeout`` seconds, else the last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)


def group_pids(group):
    """The processes of a process group (a node: its script and Zope)."""
    pids = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[2]) == group:
            pids.add(int(stat.parent.name))
    return pids


def report(record_property, name, text):
    print(f"\n{name}: {text}")
    record_property(name, text)


# -- (a) an instance killed during a stream of form submissions ---------------


def defect_report(number, token):
    return {
        "_authenticator": token,
        "form.widgets.category:list": "schlagloch-oder-strassenschaden",
        "form.widgets.address": f"Dorfstraße {number}, Satrup",
        "form.widgets.latitude": "",
        "form.widgets.longitude": "",
        "form.widgets.defect": f"Störfallmeldung Nr. {number}: Schlagloch vor dem Haus",
        "form.widgets.contact_name": "Jens Petersen",
        "form.widgets.contact_email": "",  # no mail: the cluster has no mail server
        "form.widgets.contact_phone": "",
        "website": "",
        "form.buttons.send": "Absenden",
    }


def form_token(session, url, attempts=3):
    """The CSRF token of the form page (its first rendering on a busy
    machine may take long: tried again)."""
    for attempt in range(1, attempts + 1):
        try:
            response = session.get(url, timeout=120)
            response.raise_for_status()
            break
        except requests.RequestException:
            if attempt == attempts:
                raise
    page = lxml.html.fromstring(response.content)
    return page.xpath("//form[@id='form']//input[@name='_authenticator']/@value")[0]


def stored_defect_reports(cluster):
    """{submission number: [reference, ...]} of the stored Mängelmeldungen."""
    response = requests.get(
        f"{site(cluster)}/++api++{AREA}", params={"fullobjects": 1, "b_size": 5000}, auth=ADMIN, timeout=120
    )
    response.raise_for_status()
    stored = {}
    for item in response.json()["items"]:
        found = MARKER.search(item.get("defect") or "")
        if found:
            stored.setdefault(int(found.group(1)), []).append(item["reference"])
    return stored


@dataclass
class Outcome:
    """What one request of a stream got: its HTTP status or the name of the
    error, and when it started and ended (time.monotonic())."""

    started: float
    ended: float
    status: object
    detail: str = ""

    @property
    def succeeded(self):
        return isinstance(self.status, int) and self.status < 300


def send(method, url, **arguments):
    started = time.monotonic()
    try:
        response = requests.request(method, url, **arguments)
        return Outcome(started, time.monotonic(), response.status_code, response.text), response
    except requests.RequestException as error:
        return Outcome(started, time.monotonic(), type(error).__name__, str(error)[:300]), None


def tally(outcomes):
    counts = {}
    for outcome in outcomes:
        counts[str(outcome.status)] = counts.get(str(outcome.status), 0) + 1
    return dict(sorted(counts.items()))


def balancer_counters(cluster):
    """HAProxy's figures per node: state, UP→DOWN changes, 5xx answers,
    failed responses, aborts, retries and redispatches."""
    lines = cluster.balancer.command("show stat").splitlines()
    header = lines[0].lstrip("# ").split(",")
    counters = {}
    for line in lines[1:]:
        fields = dict(zip(header, line.split(",")))
        if fields.get("pxname") == "instances" and fields.get("svname", "").startswith("node-"):
            names = ("status", "chkdown", "hrsp_5xx", "eresp", "econ", "cli_abrt", "srv_abrt", "wretr", "wredis")
            counters[fields["svname"]] = {name: fields.get(name) for name in names}
    return counters


def wait_for_stream(threads, results, lock, cluster):
    """Wait until the stream's threads end; returns what HAProxy says of its
    sessions if the last requests stay unanswered for 20 s after all others
    (the report shows where they wait)."""
    deadline = time.monotonic() + STREAM_SECONDS + SUBMISSION_SECONDS
    held = ""
    while any(thread.is_alive() for thread in threads) and time.monotonic() < deadline:
        with lock:
            last = max((outcome.ended for outcome, _ in results.values()), default=time.monotonic())
        if not held and len(results) >= SUBMISSIONS - CLIENTS and time.monotonic() - last > 20:
            held = cluster.balancer.command("show sess all")
        time.sleep(0.5)
    return held


def test_an_instance_killed_during_a_stream_of_submissions_loses_and_doubles_nothing(cluster, record_property):
    url = site(cluster) + FORM
    numbers = iter(range(SUBMISSIONS))
    lock = threading.Lock()
    results = {}  # number: (Outcome, reference on its confirmation page)

    def citizen():
        session = requests.Session()
        token = form_token(session, url)
        while True:
            with lock:
                number = next(numbers, None)
            if number is None:
                return
            outcome, response = send(
                "POST",
                url,
                data=defect_report(number, token),
                files=NO_FILE,
                timeout=SUBMISSION_SECONDS,
                allow_redirects=False,
            )
            found = REFERENCE.search(response.text) if response is not None and response.status_code == 200 else None
            if response is not None:
                outcome.detail = "" if found else response.text[-300:]
            with lock:
                results[number] = (outcome, found.group(1) if found else None)

    def confirmed():
        with lock:
            return sum(1 for _, reference in results.values() if reference)

    threads = [threading.Thread(target=citizen, daemon=True) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    try:
        assert wait_for(lambda: confirmed() >= KILL_AFTER, timeout=STREAM_SECONDS, interval=0.1), results
        killed_at = time.monotonic()
        cluster.node(2).kill()
        down = wait_for(lambda: cluster.balancer.server_states().get("node-2") == "DOWN", timeout=30, interval=0.2)
        states = cluster.balancer.server_states()
    finally:
        held = wait_for_stream(threads, results, lock, cluster)
    assert not any(thread.is_alive() for thread in threads)
    assert down, states
    assert states["node-1"] == "UP"

    stored = stored_defect_reports(cluster)
    confirmations = {number: reference for number, (_, reference) in results.items() if reference}
    failures = {
        number: f"{outcome.status} {outcome.started - killed_at:+.1f}..{outcome.ended - killed_at:+.1f} s "
        f"{outcome.detail[:120]!r}"
        for number, (outcome, reference) in sorted(results.items())
        if not reference
    }
    after_kill = [reference for outcome, reference in results.values() if outcome.started > killed_at]
    slowest = max(outcome.ended - outcome.started for outcome, _ in results.values())
    report(
        record_property,
        "submissions",
        f"{len(results)} sent, {len(confirmations)} confirmed, {len(failures)} failed "
        f"(status, start..end relative to the kill): {failures}; "
        f"{len(after_kill)} sent after the kill, {sum(1 for ref in after_kill if ref)} of them confirmed; "
        f"{sum(len(refs) for refs in stored.values())} stored; slowest answer {slowest:.0f} s; "
        f"HAProxy {balancer_counters(cluster)}" + (f"; requests HAProxy held unanswered: {held}" if held else ""),
    )
    assert len(results) == SUBMISSIONS
    # Every confirmed submission is stored exactly once, under its number.
    for number, reference in confirmations.items():
        assert stored.get(number) == [reference], (number, reference, stored.get(number))
    # Nothing is stored twice, nothing that was not sent.
    assert all(len(references) == 1 for references in stored.values()), stored
    assert set(stored) <= set(results)
    # The stream went on through node 1: nearly all submissions after the kill confirmed.
    assert len(after_kill) >= SUBMISSIONS - KILL_AFTER - 2 * CLIENTS
    assert sum(1 for reference in after_kill if reference) >= 0.9 * len(after_kill)


# -- (b) a conversion worker killed during OCR -------------------------------


def backlog(node):
    response = requests.get(f"{site(node)}/@conversion-backlog", auth=ADMIN, headers=JSON, timeout=30)
    response.raise_for_status()
    return response.json()


def searched(node, text):
    response = requests.get(
        f"{site(node)}/++api++/@search",
        params={"SearchableText": text, "portal_type": "Dokument"},
        auth=ADMIN,
        timeout=30,
    )
    response.raise_for_status()
    return response.json()["items_total"]


def test_a_worker_killed_during_ocr_is_replaced_and_the_job_completes_once(cluster, record_property):
    a, b = running_node(cluster, 1), running_node(cluster, 2)
    # Whatever the demo content queued is converted first.
    assert wait_for(lambda: backlog(a)["pending"] + backlog(a)["running"] == 0, timeout=RECOVERY_SECONDS), backlog(a)
    response = requests.get(
        f"{site(a)}/++api++/@search",
        params={"portal_type": "Vorgang", "sort_on": "path", "b_size": 1},
        auth=ADMIN,
        timeout=30,
    )
    vorgang = urllib.parse.urlparse(response.json()["items"][0]["@id"]).path
    page = ["Abnahme der Zisternenanlage", "Sickerschacht geprueft", "Regenwasser Nutzung genehmigt", "Satrup"]
    pdf = scanned_pdf([page] * 4, seed=11)
    file = {"data": base64.b64encode(pdf).decode(), "encoding": "base64", "filename": "scan.pdf"}
    file["content-type"] = "application/pdf"
    payload = {"@type": "Dokument", "id": "scan-stoerfall", "title": "Scan im Störfall", "kind": "eingang"}
    response = requests.post(a.url + vorgang, json={**payload, "file": file}, auth=ADMIN, headers=JSON, timeout=120)
    assert response.status_code == 201, response.text

    # Node 2's worker claims the job (node 1 has none); kill it mid-conversion.
    assert wait_for(lambda: backlog(a)["running"] == 1, timeout=60, interval=0.2), backlog(a)
    dead_workers = group_pids(b.pid())
    b.kill()
    killed_at = time.monotonic()
    assert backlog(a)["running"] == 1  # the dead worker's claim is left behind
    b = running_node(cluster, 2)
    done = wait_for(lambda: searched(a, "Zisternenanlage"), timeout=RECOVERY_SECONDS + 60)
    finished = time.monotonic() - killed_at

    output = a.run_source(JOB_HISTORY.format(path=f"{vorgang}/scan-stoerfall"), cluster_environment())
    state = re.search(r"^STATE (\S+)$", output, re.MULTILINE).group(1)
    history = re.findall(r"^HISTORY (\S+) (\S+)$", output, re.MULTILINE)
    report(record_property, "ocr_takeover", f"done {finished:.0f} s after the kill; history {history}")
    assert done == 1, b.output()
    assert state == "done"
    assert [event for _, event in history] == ["converting", "converting", "done"]
    (first, _), (second, _), (finisher, _) = history
    assert worker_pid(first) in dead_workers
    assert worker_pid(second) in group_pids(b.pid())
    assert finisher == second
    figures = backlog(a)
    assert (figures["pending"], figures["running"]) == (0, 0), figures


# -- (c) PostgreSQL restarted during reads and writes ------------------------


def test_instances_recover_from_a_postgres_restart_without_losing_acknowledged_writes(cluster, record_property):
    nodes = [running_node(cluster, 1), running_node(cluster, 2)]
    assert wait_for(lambda: set(cluster.balancer.server_states().values()) == {"UP"}, timeout=RECOVERY_SECONDS)
    pids = {node.number: node.pid() for node in nodes}
    base = site(cluster)
    stop = threading.Event()
    lock = threading.Lock()
    outcomes = []
    acknowledged, attempted = set(), set()

    def reader(number):
        for _ in range(400):
            if stop.is_set():
                return
            if number % 2:  # a page for visitors, the REST view of a folder for the staff
                outcome, _ = send("GET", base, timeout=30)
            else:
                outcome, _ = send("GET", f"{base}/++api++/intranet", auth=ADMIN, timeout=30)
            with lock:
                outcomes.append(outcome)
            time.sleep(0.05)

    def writer(number):
        for count in range(400):
            if stop.is_set():
                return
            item_id = f"pg-neustart-{number}-{count}"
            document = {"@type": "Document", "id": item_id, "title": f"Schreibtest {number}/{count}"}
            outcome, _ = send("POST", f"{base}/intranet", json=document, auth=ADMIN, headers=JSON, timeout=30)
            with lock:
                outcomes.append(outcome)
                attempted.add(item_id)
                if outcome.status == 201:
                    acknowledged.add(item_id)
            time.sleep(0.05)

    threads = [threading.Thread(target=reader, args=(n,), daemon=True) for n in range(2)]
    threads += [threading.Thread(target=writer, args=(n,), daemon=True) for n in range(2)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(4)  # reads and writes before the restart
        restart_began = time.monotonic()
        cluster.postgres.restart()
        restarted = time.monotonic()
        healthy = wait_for(lambda: all(node.health()[0] == 200 for node in nodes), timeout=RECOVERY_SECONDS)
        nodes_healthy = time.monotonic()
        balanced = wait_for(lambda: set(cluster.balancer.server_states().values()) == {"UP"}, timeout=RECOVERY_SECONDS)
        window_end = time.monotonic()
        time.sleep(5)  # reads and writes after the recovery
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)

    # A request that overlapped the restart or the recovery belongs to the window.
    before = [o for o in outcomes if o.ended < restart_began]
    during = [o for o in outcomes if o.ended >= restart_began and o.started <= window_end]
    after = [o for o in outcomes if o.started > window_end]
    report(
        record_property,
        "postgres_restart",
        f"pg_ctl restart took {restarted - restart_began:.1f} s; both nodes healthy "
        f"{nodes_healthy - restarted:.1f} s and both UP in HAProxy {window_end - restarted:.1f} s after it; "
        f"statuses before {tally(before)}, during {tally(during)}, after {tally(after)}; "
        f"{len(acknowledged)} of {len(attempted)} writes acknowledged",
    )
    assert healthy and balanced
    # Recovered without a restart of their own.
    assert {node.number: node.pid() for node in nodes} == pids
    assert all(node.is_running() for node in nodes)
    # Before the restart and after the recovery every request succeeded:
    # errors (500 included) only within the window.
    assert before and after
    assert [o for o in before + after if not o.succeeded] == []
    # New reads and writes through each node.
    for node in nodes:
        document = {"@type": "Document", "id": f"nach-neustart-{node.number}", "title": "Nach dem Neustart"}
        response = requests.post(f"{site(node)}/intranet", json=document, auth=ADMIN, headers=JSON, timeout=30)
        assert response.status_code == 201, response.text
        assert requests.get(f"{site(node)}/++api++/intranet", auth=ADMIN, timeout=30).status_code == 200
    # No acknowledged write is lost.
    response = requests.get(
        f"{base}/++api++/@search",
        params={"portal_type": "Document", "path": "/Mittelangeln/intranet", "b_size": 5000},
        auth=ADMIN,
        timeout=60,
    )
    stored = {item["@id"].rpartition("/")[2] for item in response.json()["items"]}
    assert acknowledged, tally(outcomes)
    assert acknowledged <= stored, sorted(acknowledged - stored)
