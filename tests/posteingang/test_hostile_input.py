"""The hostile-input corpus (tests/posteingang/hostile.py) through every
intake path: files through intake.register and the upload form, e-mails
through the parser and the drop directory, scans with sidecars through the
hot folder. For every input: no exception but IntakeRefused, no 5xx, the
refusal in German, nothing half imported (no Eingang or Dokument of a
refused delivery; the refused file in fehler/ with its reason, an entry in
the protocol), hostile names and texts stored safe. The summary prints how
many inputs were refused and taken per family."""

import html
import re
import uuid

import pytest
import transaction
from plone import api
from plone.testing.zope import Browser

from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.posteingang import protocol
from mittelangeln.policy.posteingang.files import IntakeRefused
from mittelangeln.policy.posteingang.intake import Delivery
from mittelangeln.policy.posteingang.intake import IncomingFile
from mittelangeln.policy.posteingang.intake import check
from mittelangeln.policy.posteingang.intake import register
from mittelangeln.policy.posteingang.mail.maildrop import poll_maildrop
from mittelangeln.policy.posteingang.mail.parse import delivery_from_message
from mittelangeln.policy.posteingang.scans.hotfolder import poll_hotfolder
from mittelangeln.policy.settings import record_name
from mittelangeln.policy.testing.helpers import PASSWORD
from mittelangeln.policy.testing.helpers import add_member
from mittelangeln.policy.testing.helpers import as_conversion_worker
from tests.posteingang import hostile
from tests.posteingang.hostile import ACCEPTED
from tests.posteingang.hostile import EITHER
from tests.posteingang.hostile import REFUSED


RESULTS = hostile.RESULTS


@pytest.fixture
def small_limit(portal):
    api.portal.set_registry_record(record_name("posteingang_max_file_mb"), hostile.LIMIT_MB)


def counts(portal):
    catalog = api.portal.get_tool("portal_catalog")
    found = {name: len(catalog.unrestrictedSearchResults(portal_type=name)) for name in ("Eingang", "Dokument")}
    found["posteingang"] = len(portal["posteingang"].objectIds())
    return found


def check_outcome(case, outcome, path):
    RESULTS.append((case.family, path, case.key, outcome))
    expected = case.upload if path == "upload" and case.upload else case.expected
    assert expected in (outcome, EITHER), f"{case.id} via {path}: {outcome}, expected {expected}"


def check_stored(eingang, before, after, files):
    """A taken delivery: one Eingang more, its Dokumente, safe names and texts."""
    dokumente = eingang.objectValues()
    assert after["Eingang"] == before["Eingang"] + 1
    assert after["Dokument"] == before["Dokument"] + len(dokumente)
    assert len(dokumente) == files
    problems = []
    for dokument in dokumente:
        for name in (dokument.file.filename, dokument.title):
            if (why := hostile.unsafe_name(name)) is not None:
                problems.append(f"{name!r}: {why}")
    for text in (eingang.title, eingang.sender_name, eingang.sender_email, eingang.sender_organisation):
        if (why := hostile.unsafe_text(text)) is not None:
            problems.append(f"{text!r}: {why}")
    assert problems == []


def register_files(files, **fields):
    return register(
        Delivery(
            channel="upload",
            subject=fields.pop("subject", "Hostile"),
            files=[IncomingFile(name, data) for name, data in files],
            **fields,
        )
    )


# -- family (a): files --------------------------------------------------------------


@pytest.mark.parametrize("case", hostile.file_cases(), ids=lambda case: case.key)
def test_file_through_register(portal, manager, small_limit, case):
    built = case.build()
    for files in built["before"]:
        register_files(files, subject="Vorher")
    before = counts(portal)
    try:
        eingang = register_files(built["files"], subject=f"Datei {case.key}", **built["fields"])
    except IntakeRefused as error:
        check_outcome(case, REFUSED, "register")
        assert hostile.german_refusal(error) is None
        assert counts(portal) == before
    else:
        check_outcome(case, ACCEPTED, "register")
        check_stored(eingang, before, counts(portal), len(built["files"]))


def multipart(fields, files):
    """A browser's multipart/form-data body: file names escaped as the HTML
    standard says (CR, LF and the quote as %0D, %0A, %22), everything else
    as it is."""
    boundary = f"----hostile{uuid.uuid4().hex}"
    out = []
    for name, value in fields.items():
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for filename, data in files:
        escaped = filename.replace("\r", "%0D").replace("\n", "%0A").replace('"', "%22")
        out.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="files:list"; filename="{escaped}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode("utf-8", "surrogateescape")
            + data
            + b"\r\n"
        )
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


def expected_refusal(files, fields):
    """The German message the form must show for a refused upload."""
    files = [(name, data) for name, data in files if name]  # a part without a name is no file
    if not files:
        return translate(_("Choose at least one file."))
    try:
        check(Delivery(channel="upload", subject="x", files=[IncomingFile(n, d) for n, d in files], **fields))
    except IntakeRefused as error:
        return str(error)
    return None


@pytest.mark.parametrize("case", hostile.file_cases(), ids=lambda case: case.key)
def test_file_through_the_upload_form(functional_portal, case):
    """The same files uploaded by the Poststelle over HTTP: a refusal is a
    400 with the German message and the other input kept, a success a
    redirect; never 5xx, nothing stored of a refused submit."""
    portal = functional_portal
    api.portal.set_registry_record(record_name("posteingang_max_file_mb"), hostile.LIMIT_MB)
    add_member("post", "poststelle")
    built = case.build()
    with api.env.adopt_roles(["Manager"]):
        for files in built["before"]:
            register_files(files, subject="Vorher")
    transaction.commit()
    area = portal["posteingang"]
    browser = Browser(portal.aq_parent)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.addHeader("Authorization", f"Basic post:{PASSWORD}")
    browser.open(f"{area.absolute_url()}/@@eingang-erfassen")
    token = re.search(r'name="_authenticator" value="([^"]+)"', browser.contents).group(1)
    subject = f"Betreff {case.key} bleibt"
    body, content_type = multipart(
        {
            "subject": subject,
            "channel": "upload",
            "mode": "one",
            "fachdienst": built["fields"].get("fachdienst", ""),
            "_authenticator": token,
            "form.buttons.register": "1",
        },
        built["files"],
    )
    before = counts(portal)
    response = browser.testapp.post(
        area.absolute_url().replace("http://nohost", "") + "/@@eingang-erfassen",
        params=body,
        headers={"Content-Type": content_type, "Authorization": f"Basic post:{PASSWORD}"},
        expect_errors=True,
    )
    transaction.begin()
    assert response.status_int < 500, response.text[:2000]
    if response.status_int == 400:
        check_outcome(case, REFUSED, "upload")
        assert counts(portal) == before
        message = expected_refusal([(n, d) for n, d in built["files"]], {k: v for k, v in built["fields"].items()})
        assert message is not None and hostile.not_german(message, whole=True) is None
        page = response.text
        assert html.escape(message, quote=False) in page
        assert f'value="{html.escape(subject)}"' in page  # the user's input kept
    else:
        assert response.status_int == 302, response.status_int
        check_outcome(case, ACCEPTED, "upload")
        eingang = next(item for item in area.objectValues() if item.Title() == subject)
        check_stored(eingang, before, counts(portal), len(built["files"]))


# -- family (b): e-mail messages ----------------------------------------------------------


@pytest.mark.parametrize("case", hostile.mail_cases(), ids=lambda case: case.key)
def test_message_through_parser_and_register(portal, manager, small_limit, case):
    raw, earlier = hostile.mail_input(case)
    for message in earlier:
        register(delivery_from_message(message, "vorher.eml"))
    before = counts(portal)
    try:
        delivery = delivery_from_message(raw, f"{case.key}.eml")
        eingang = register(delivery)
    except IntakeRefused as error:
        check_outcome(case, REFUSED, "register")
        assert hostile.german_refusal(error) is None
        assert counts(portal) == before
    else:
        check_outcome(case, ACCEPTED, "register")
        check_stored(eingang, before, counts(portal), len(delivery.files))


# -- the channels: drop directory and hot folder ------------------------------------------

TECHNICAL_ERROR = "The file could not be processed (technical error, see the log)."


def check_refused_file(folder, name, source_word):
    """The refused file lies in fehler/ with its German reason, and the
    protocol's newest entry is about it, in German."""
    failed = folder / "fehler"
    assert (failed / name).exists(), sorted(p.name for p in folder.rglob("*"))
    reason = (failed / f"{name}.fehler.txt").read_text(encoding="utf-8")
    assert hostile.not_german(reason) is None
    assert translate(_(TECHNICAL_ERROR)) not in reason  # refused for a reason, not after a crash
    entry = protocol.entries(limit=1)[0]
    assert source_word in entry["source"]
    assert hostile.not_german(entry["reason"]) is None
    return reason


@pytest.mark.parametrize("case", hostile.mail_cases(), ids=lambda case: case.key)
def test_message_through_the_drop_directory(functional_portal, tmp_path, case):
    portal = functional_portal
    api.portal.set_registry_record(record_name("posteingang_max_file_mb"), hostile.LIMIT_MB)
    raw, earlier = hostile.mail_input(case)
    with as_conversion_worker():
        for message in earlier:
            register(delivery_from_message(message, "vorher.eml"))
    transaction.commit()
    name = f"{case.key}.eml"
    (tmp_path / name).write_bytes(raw)
    before = counts(portal)
    with as_conversion_worker():  # as the worker runs the channels
        found = poll_maildrop(tmp_path, transaction.commit, transaction.abort, settle=0)
    transaction.begin()
    assert found["failed"] == 0 and found["waiting"] == 0, found
    if found["refused"] or found["known"]:
        check_outcome(case, REFUSED, "maildrop")
        assert counts(portal) == before
        if found["known"]:  # the same message again: taken once, the file done
            assert case.key.startswith("doppelt")
            assert (tmp_path / "erledigt" / name).exists()
        else:
            check_refused_file(tmp_path, name, name)
    else:
        assert found["taken"] == 1, found
        check_outcome(case, ACCEPTED, "maildrop")
        assert (tmp_path / "erledigt" / name).exists()
        eingang = max(portal["posteingang"].objectValues(), key=lambda item: item.eingangsnummer)
        check_stored(eingang, before, counts(portal), len(eingang.objectValues()))


@pytest.mark.parametrize("case", hostile.sidecar_cases(), ids=lambda case: case.key)
def test_scan_through_the_hot_folder(functional_portal, tmp_path, case):
    portal = functional_portal
    api.portal.set_registry_record(record_name("posteingang_max_file_mb"), hostile.LIMIT_MB)
    transaction.commit()
    name, pdf, sidecar = case.build()
    (tmp_path / name).write_bytes(pdf)
    if sidecar is not None:
        (tmp_path / f"{name[:-4]}.json").write_bytes(sidecar)
    before = counts(portal)
    with as_conversion_worker():
        found = poll_hotfolder(tmp_path, transaction.commit, transaction.abort, settle=0, patience=0)
    transaction.begin()
    assert found["waiting"] == 0 and found["retry"] == 0, found
    if found["refused"]:
        check_outcome(case, REFUSED, "hotfolder")
        assert counts(portal) == before
        check_refused_file(tmp_path, name, name)
    else:
        assert found["files"] == 1 and found["eingaenge"] == 1, found
        check_outcome(case, ACCEPTED, "hotfolder")
        assert list(tmp_path.glob(f"erledigt/*/{name}"))
        eingang = max(portal["posteingang"].objectValues(), key=lambda item: item.eingangsnummer)
        check_stored(eingang, before, counts(portal), 1)
