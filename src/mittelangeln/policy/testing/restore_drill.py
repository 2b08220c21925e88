"""The restore drill's parts for both configurations
(tests/site/test_restore_drill.py, tests/cluster/test_restore_drill.py):
content to back up and a snapshot of everything a restore must bring back
(the embedded portal itself: testing/embedded.py)."""

import base64
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request

from mittelangeln.policy.dokumente.scanimport.generator import scanned_pdf
from mittelangeln.policy.testing.portal_process import ADMIN_PASSWORD
from mittelangeln.policy.testing.portal_process import request


OCR_WORD = "Schornsteinfegerabnahme"
SCAN_ID = "drill-scan"
PAGE_IMAGE = "normal/dump_1.gif"

# Run in the portal (bin/instance run, node.run_source): prints one line
# "SNAPSHOT <json>". Reads only; the transaction is aborted.
SNAPSHOT = """
import hashlib
import json
from collections import Counter

import transaction
from Acquisition import aq_base
from plone.dexterity.interfaces import IDexterityContent
from plone.dexterity.utils import iterSchemata
from plone.namedfile.interfaces import INamedBlobFile
from plone.namedfile.interfaces import INamedBlobImage
from zope.annotation.interfaces import IAnnotations
from zope.component.hooks import setSite
from zope.schema import getFieldsInOrder

from mittelangeln.policy.security.trail_store import AccessTrail

site = app["Mittelangeln"]
setSite(site)
catalog = site.portal_catalog


def walk(container):
    for obj in container.objectValues():
        if IDexterityContent.providedBy(obj):
            yield obj
            if hasattr(aq_base(obj), "objectValues"):
                yield from walk(obj)


def digest(blob_file):
    with blob_file.open() as data:
        return hashlib.sha256(data.read()).hexdigest()


walked, blobs, uids = Counter(), {}, {}
for obj in walk(site):
    walked[obj.portal_type] += 1
    path = "/".join(obj.getPhysicalPath())
    for schema in iterSchemata(obj):
        adapted = schema(obj, None)
        for name, _field in getFieldsInOrder(schema):
            value = getattr(adapted, name, None) if adapted is not None else None
            if INamedBlobFile.providedBy(value) or INamedBlobImage.providedBy(value):
                blobs[f"{path} {name}"] = digest(value)
    # collective.documentviewer's page images and texts (storage "Blob")
    viewer = IAnnotations(obj).get("collective.documentviewer") or {}
    pages = viewer.get("blob_files") or {}
    for name in pages.keys():
        blobs[f"{path} documentviewer:{name}"] = digest(pages[name])
    if pages:
        uids[path] = obj.UID()

site_path = "/".join(site.getPhysicalPath())
brains = catalog.unrestrictedSearchResults(path=site_path)  # an empty query finds nothing
personalakten = catalog.unrestrictedSearchResults(portal_type="Personalakte", sort_on="path")
aktenzeichen = personalakten[0].aktenzeichen if personalakten else None
queries = {
    "alle": {"path": site_path},
    "volltext OCR": {"SearchableText": "%(word)s"},
    "volltext Demo": {"SearchableText": "Hundesteuersatzung"},
    "aktenzeichen": {"aktenzeichen": aktenzeichen},
    "intranet": {"path": site_path + "/intranet"},
    "Dokumente": {"portal_type": "Dokument"},
}
trail = [
    [entry.time.isoformat(), entry.user, entry.path, entry.uid, entry.channel, entry.method, entry.allowed]
    for entry in AccessTrail().entries(limit=1000000)
]
print("SNAPSHOT " + json.dumps({
    "walked": dict(walked),
    "catalogued": dict(Counter(brain.portal_type for brain in brains)),
    "queries": {name: len(catalog.unrestrictedSearchResults(**query)) for name, query in queries.items()},
    "aktenzeichen": aktenzeichen,
    "blobs": blobs,
    "uids": uids,
    "trail": trail,
}, sort_keys=True))
transaction.abort()
""" % {"word": OCR_WORD}


def parse_snapshot(output):
    found = re.search(r"^SNAPSHOT (.*)$", output, re.MULTILINE)
    assert found, output
    return json.loads(found.group(1))


def differences(before, after):
    """Readable lines for what differs between two snapshots."""
    lines = []
    for part in sorted(set(before) | set(after)):
        old, new = before.get(part), after.get(part)
        if old == new:
            continue
        if isinstance(old, dict) and isinstance(new, dict):
            for key in sorted(set(old) | set(new)):
                if old.get(key) != new.get(key):
                    lines.append(f"{part}[{key}]: vorher {old.get(key)!r}, nachher {new.get(key)!r}")
        elif isinstance(old, list) and isinstance(new, list):
            lines += [f"{part}: nur vorher {entry!r}" for entry in old if entry not in new]
            lines += [f"{part}: nur nachher {entry!r}" for entry in new if entry not in old]
            if not lines:
                lines.append(f"{part}: andere Reihenfolge oder Anzahl ({len(old)} / {len(new)})")
        else:
            lines.append(f"{part}: vorher {old!r}, nachher {new!r}")
    return lines


# -- content -------------------------------------------------------------------


def call(site_url, path="", payload=None, method=None):
    data = json.dumps(payload).encode() if payload is not None else None
    status, body = request(path, data=data, method=method or ("POST" if data else "GET"), site_url=site_url)
    return status, (json.loads(body) if body.lstrip().startswith(("{", "[")) else body)


def first_path(site_url, **query):
    answer = call(site_url, "/@search?" + urllib.parse.urlencode({**query, "sort_on": "path"}))[1]
    return urllib.parse.urlparse(answer["items"][0]["@id"]).path


def add_scan(site_url):
    """An image-only scan (OCR) in the first Vorgang; returns its path."""
    vorgang = first_path(site_url, portal_type="Vorgang")
    pdf = scanned_pdf([["Nachtrag zum Bauantrag", f"{OCR_WORD} bestanden"]], seed=7, umlauts=True)
    file = {
        "data": base64.b64encode(pdf).decode(),
        "encoding": "base64",
        "filename": "scan.pdf",
        "content-type": "application/pdf",
    }
    payload = {"@type": "Dokument", "id": SCAN_ID, "title": "Scan für die Übung", "kind": "eingang", "file": file}
    status, _ = call(site_url, vorgang.removeprefix("/Mittelangeln"), payload)
    assert status == 201
    return f"{vorgang}/{SCAN_ID}"


def read_personalakte(site_url):
    """A Personalakte read as admin: an entry in the access trail."""
    personalakte = first_path(site_url, portal_type="Personalakte")
    assert call(site_url, personalakte.removeprefix("/Mittelangeln"))[0] == 200
    return personalakte


def wait_for_conversions(site_url, timeout=240):
    """Until the scan's OCR text is found and the queue is empty (the demo
    content's PDFs are converted too), so nothing changes after the snapshot."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = call(site_url, f"/@search?SearchableText={OCR_WORD}&portal_type=Dokument")[1]["items_total"]
        figures = call(site_url, "/@conversion-backlog")[1]
        if found == 1 and figures["pending"] == 0 and figures["running"] == 0:
            return figures
        time.sleep(1)
    raise AssertionError(f"Konvertierung nicht fertig nach {timeout} s: {figures}")


def page_image(site_url, uid):
    url = f"{site_url}/@@dvpdffiles/{uid[0]}/{uid[1]}/{uid}/{PAGE_IMAGE}"
    token = base64.b64encode(f"admin:{ADMIN_PASSWORD}".encode()).decode()
    req = urllib.request.Request(url, headers={"Authorization": f"Basic {token}"})
    with urllib.request.urlopen(req, timeout=60) as response:
        status, body, content_type = response.status, response.read(), response.headers["Content-Type"]
    return status, body, content_type
