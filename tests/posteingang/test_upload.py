"""@@eingang-erfassen over HTTP: the Poststelle uploads one or many files as
one Eingang or one per file; bad input gets a German message at its field,
the other input is kept and nothing is stored."""

import datetime
import re
import subprocess
import uuid

import pytest
import transaction
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles

from mittelangeln.policy.settings import record_name
from mittelangeln.policy.testing.helpers import browser_as
from mittelangeln.policy.textpdf import text_pdf
from tests.posteingang.staff import BAUEN
from tests.posteingang.staff import add_posteingang_staff


@pytest.fixture
def office(functional_portal):
    """The Posteingang's people; files up to 1 MB."""
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    add_posteingang_staff()
    api.portal.set_registry_record(record_name("posteingang_max_file_mb"), 1)
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    return portal


def form_url(portal):
    return portal["posteingang"].absolute_url() + "/@@eingang-erfassen"


def eingaenge(portal):
    transaction.begin()  # see what the server committed
    return [item for item in portal["posteingang"].objectValues() if item.portal_type == "Eingang"]


def multipart(fields, files):
    """A multipart/form-data body: ``fields`` {name: value}, ``files``
    [(filename, bytes, content type)] under the input "files:list"."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for filename, data, content_type in files:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files:list"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def send(portal, fields, files, username="post"):
    """POST the upload form as ``username`` with its CSRF token; the browser."""
    browser = browser_as(portal, username)
    browser.open(form_url(portal))
    token = re.search(r'name="_authenticator" value="([^"]+)"', browser.contents).group(1)
    body, content_type = multipart(
        {"_authenticator": token, "form.buttons.register": "1", **fields},
        files,
    )
    browser.post(form_url(portal), body, content_type)
    return browser


def letter(text="Bauantrag Muehlenweg 3"):
    return text_pdf([[text]])


def test_the_add_menu_leads_to_the_upload_form(office):
    browser = browser_as(office, "post")
    browser.open(office["posteingang"].absolute_url() + "/++add++Eingang")
    assert browser.url.endswith("/posteingang/@@eingang-erfassen")
    assert "Eingänge erfassen" in browser.contents
    assert 'multiple="multiple"' in browser.contents


def test_the_form_is_only_for_those_who_register(office):
    browser = browser_as(office, "bauamt")
    browser.open(form_url(office))
    assert "Eingänge erfassen" not in browser.contents
    assert "Unzureichende Berechtigungen" in browser.contents


def test_one_file_becomes_an_eingang(office):
    fields = {
        "subject": "Bauantrag Mühlenweg 3",
        "sender_name": "Peter Lorenzen",
        "fachdienst": BAUEN,
        "deadline": "2027-02-15",
    }
    browser = send(office, fields, [("brief.pdf", letter(), "application/pdf")])
    assert browser.headers["status"].startswith("200")
    (eingang,) = eingaenge(office)
    assert browser.url == eingang.absolute_url()
    assert f"Registriert als {eingang.eingangsnummer}." in browser.contents
    assert eingang.title == "Bauantrag Mühlenweg 3"
    assert eingang.channel == "upload"
    assert eingang.sender_name == "Peter Lorenzen"
    assert eingang.fachdienst == BAUEN
    assert eingang.deadline == datetime.date(2027, 2, 15)
    assert api.content.get_state(eingang) == "zugewiesen"
    assert [(d.title, d.kind) for d in eingang.objectValues()] == [("brief.pdf", "eingang")]


def test_many_files_as_one_eingang_the_first_is_the_main_document(office):
    files = [("brief.pdf", letter(), "application/pdf"), ("anlage.txt", b"Anlage", "text/plain")]
    browser = send(office, {"subject": "Antrag mit Anlage", "mode": "one", "deadline": "15.02.2027"}, files)
    (eingang,) = eingaenge(office)
    assert browser.url == eingang.absolute_url()
    assert [(d.title, d.kind) for d in eingang.objectValues()] == [("brief.pdf", "eingang"), ("anlage.txt", "anlage")]
    assert eingang.deadline == datetime.date(2027, 2, 15)


def test_each_file_an_eingang_of_its_own(office):
    files = [("eins.pdf", letter("Brief eins"), "application/pdf"), ("zwei.txt", b"Brief zwei", "text/plain")]
    browser = send(office, {"mode": "each", "sender_name": "Amt Satrup"}, files)
    found = sorted(eingaenge(office), key=lambda item: item.eingangsnummer)
    assert [item.title for item in found] == ["eins.pdf", "zwei.txt"]
    assert all(item.sender_name == "Amt Satrup" for item in found)
    assert browser.url == office["posteingang"].absolute_url()
    assert "Registriert als " in browser.contents
    assert all(item.eingangsnummer in browser.contents for item in found)


def encrypted_pdf(tmp_path):
    plain, locked = tmp_path / "plain.pdf", tmp_path / "locked.pdf"
    plain.write_bytes(letter())
    subprocess.run(["qpdf", "--encrypt", "geheim", "geheim", "256", "--", str(plain), str(locked)], check=True)
    return locked.read_bytes()


BAD_INPUT = {
    "no file": ({}, []),
    "empty file": ({}, [("leer.pdf", b"", "application/pdf")]),
    "oversize": ({}, [("gross.txt", b"x" * (1024 * 1024 + 1), "text/plain")]),
    "password": ({}, ["locked"]),
    "broken pdf": ({}, [("kaputt.pdf", b"%PDF-1.4 abgeschnitten", "application/pdf")]),
    "second file empty": ({"mode": "each"}, [("gut.pdf", None, "application/pdf"), ("leer.txt", b"", "text/plain")]),
    "unknown Fachdienst": ({"fachdienst": "Fachdienst IX – Raumfahrt"}, [("gut.pdf", None, "application/pdf")]),
    "unknown person": ({"responsible": "niemand"}, [("gut.pdf", None, "application/pdf")]),
    "wrong date": ({"deadline": "31.02.2027"}, [("gut.pdf", None, "application/pdf")]),
    "date as text": ({"deadline": "nächste Woche"}, [("gut.pdf", None, "application/pdf")]),
    "no e-mail address": ({"sender_email": "hansen at example"}, [("gut.pdf", None, "application/pdf")]),
}
GERMAN = {
    "no file": "Bitte wählen Sie mindestens eine Datei",
    "empty file": "Die Datei „leer.pdf“ ist leer.",
    "oversize": "größer als 1 MB",
    "password": "durch ein Kennwort geschützt",
    "broken pdf": "beschädigt",
    "second file empty": "Die Datei „leer.txt“ ist leer.",
    "unknown Fachdienst": "Einen Fachdienst „Fachdienst IX – Raumfahrt“ gibt es nicht",
    "unknown person": "Bitte wählen Sie eine Person aus der Liste",
    "wrong date": "TT.MM.JJJJ",
    "date as text": "TT.MM.JJJJ",
    "no e-mail address": "keine E-Mail-Adresse",
}


@pytest.mark.parametrize("case", BAD_INPUT, ids=str)
def test_bad_input_gets_a_german_message_and_nothing_is_stored(office, tmp_path, case):
    fields, files = BAD_INPUT[case]
    files = [
        ("geschuetzt.pdf", encrypted_pdf(tmp_path), "application/pdf")
        if entry == "locked"
        else (entry[0], letter() if entry[1] is None else entry[1], entry[2])
        for entry in files
    ]
    browser = send(office, {"subject": "Bitte behalten", "sender_organisation": "Gemeinde Sörup", **fields}, files)
    assert browser.headers["status"].startswith("400")
    assert GERMAN[case] in browser.contents
    assert "Es wurde nichts erfasst." in browser.contents
    assert 'value="Bitte behalten"' in browser.contents
    assert 'value="Gemeinde Sörup"' in browser.contents
    assert eingaenge(office) == []
    transaction.begin()
    assert len(api.content.find(portal_type="Dokument", unrestricted=True)) == 0


def test_the_same_file_twice_in_one_submit_stores_nothing(office):
    same = letter("Zweimal derselbe Brief")
    files = [("a.pdf", same, "application/pdf"), ("b.pdf", same, "application/pdf")]
    browser = send(office, {"mode": "each"}, files)
    assert browser.headers["status"].startswith("400")
    assert "bereits als" in browser.contents
    assert eingaenge(office) == []


def test_without_a_token_nothing_is_stored(office):
    body, content_type = multipart({"form.buttons.register": "1"}, [("brief.pdf", letter(), "application/pdf")])
    browser = browser_as(office, "post")
    browser.post(form_url(office), body, content_type)
    assert not browser.headers["status"].startswith("5")
    assert eingaenge(office) == []
