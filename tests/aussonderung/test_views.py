"""The Aussonderung screens (aussonderung/browser/): the list of expired
Akten and the start of a process, the process view with its steps and
downloads, the status on the Akte, the Löschprotokoll; who may use them."""

import datetime
import hashlib
import uuid
from urllib.parse import quote

import pytest
import transaction
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile

from mittelangeln.policy.testing.helpers import PASSWORD
from mittelangeln.policy.testing.helpers import browser_as
from mittelangeln.policy.testing.helpers import fetch
from mittelangeln.policy.testing.helpers import fetch_bytes
from mittelangeln.policy.testing.helpers import pdf_text


BAUEN = "Fachdienst IV – Bauen und Umwelt"
ORDNUNG = "Fachdienst III – Ordnung und Soziales"


def closed_akte(container, item_id, title, fachdienst=BAUEN, closed=datetime.date(1990, 5, 1), **fields):
    """A closed (zdA) Akte, its Vorgang done, closed on ``closed``."""
    akte = api.content.create(
        container=container, type=fields.pop("type", "Akte"), id=item_id, title=title, fachdienst=fachdienst, **fields
    )
    vorgang = api.content.create(container=akte, type="Vorgang", id="antrag", title="Antrag")
    api.content.create(
        container=vorgang,
        type="Dokument",
        id="schreiben",
        title="Schreiben",
        file=NamedBlobFile("Schreiben über die Straße".encode(), contentType="text/plain", filename="brief.txt"),
    )
    api.content.transition(obj=vorgang, transition="complete")
    api.content.transition(obj=akte, transition="close")
    akte.closed = closed
    akte.reindexObject()
    return akte


@pytest.fixture
def expired(staff_plan):
    """Three expired Akten (two Bauen in 632.1 closed 1990 and 1991, one
    Ordnung in 6 closed 2005), one open Akte; the accounts ``registrator``
    (group registratur: a login is no group id) and ``bauamt`` (Fachdienst IV) besides those of
    ``staff_plan``."""
    portal = staff_plan["portal"]
    position = staff_plan["genehmigungen"]
    akten = {
        "kita": closed_akte(position, "kita", "Neubau Kita Mittelangeln"),
        "muehle": closed_akte(position, "muehle", "Umbau Mühle Satrup", closed=datetime.date(1991, 3, 1)),
        "markt": closed_akte(staff_plan["bau"], "markt", "Wochenmarkt Sörup", ORDNUNG, datetime.date(2005, 6, 1)),
    }
    akten["offen"] = api.content.create(
        container=position, type="Akte", id="offen", title="Offene Akte Hafen", fachdienst=BAUEN
    )
    for username, group in (("registrator", "registratur"), ("bauamt", "fachdienst-iv-bauen-und-umwelt")):
        api.user.create(email=f"{username}@example.org", username=username, password=PASSWORD)
        api.group.add_user(groupname=group, username=username)
    staff_plan["done"]()
    return {"portal": portal, "akten": akten, **staff_plan}


def list_url(portal, query=""):
    return f"{portal.absolute_url()}/@@aussonderung{query}"


def processes():
    return api.content.find(portal_type="Aussonderung", unrestricted=True)


def uid(obj):
    return api.content.get_uuid(obj)


# The list of expired Akten


def test_list_shows_expired_akten_with_proposal(expired):
    status, page, _type = fetch(expired["portal"], list_url(expired["portal"]), "registrator")
    assert status == 200
    akten = expired["akten"]
    for key in ("kita", "muehle", "markt"):
        assert akten[key].aktenzeichen in page
    assert "Offene Akte Hafen" not in page
    assert "archivwürdig (A)" in page  # 632.1's archival value
    assert "bewerten (B)" in page  # position 6's default
    assert "31.12.2020" in page  # kita: closed 1990, kept 30 years
    assert "Anbietung erstellen (0501)" in page
    assert "Direkt abgeben (zweistufig, ohne Anbietung)" in page


@pytest.mark.parametrize(
    "query, shown, hidden",
    [
        ("?kennzeichen=632", ("kita", "muehle"), ("markt",)),
        (f"?fachdienst={quote(ORDNUNG)}", ("markt",), ("kita", "muehle")),
        ("?jahr=1991", ("muehle",), ("kita", "markt")),
        (f"?kennzeichen=632&fachdienst={quote(BAUEN)}&jahr=1990", ("kita",), ("muehle", "markt")),
    ],
)
def test_list_filters(expired, query, shown, hidden):
    browser = browser_as(expired["portal"], "registrator")
    browser.open(list_url(expired["portal"], query))
    akten = expired["akten"]
    for key in shown:
        assert akten[key].title in browser.contents
    for key in hidden:
        assert akten[key].title not in browser.contents


def test_list_refuses_a_malformed_year_in_german(expired):
    status, page, _type = fetch(expired["portal"], list_url(expired["portal"], "?jahr=19x0"), "registrator")
    assert status == 200
    assert "Geben Sie eine Jahreszahl mit vier Ziffern an." in page
    assert 'value="19x0"' in page


@pytest.mark.parametrize("user", [None, "bauamt", "leiterin", "sachbearbeiter"])
def test_list_denied_to_all_but_the_registratur(expired, user):
    status, page, _type = fetch(expired["portal"], list_url(expired["portal"]), user)
    assert status in (401, 403) or "Aufbewahrungsfrist abgelaufen" not in page
    assert expired["akten"]["kita"].aktenzeichen not in page


def test_arbeitsplatz_links_the_list_for_the_registratur_only(expired):
    portal = expired["portal"]
    _status, page, _type = fetch(portal, f"{portal.absolute_url()}/@@mein-arbeitsplatz", "registrator")
    assert f'href="{portal.absolute_url()}/@@aussonderung"' in page
    _status, page, _type = fetch(portal, f"{portal.absolute_url()}/@@mein-arbeitsplatz", "bauamt")
    assert "@@aussonderung" not in page


# Starting a process: bad input changes nothing


def post_start(portal, button="form.buttons.offer", uids=(), user="registrator", **fields):
    """POST the list's form (with the authenticator of the rendered page)."""
    browser = browser_as(portal, user)
    browser.open(list_url(portal, "?kennzeichen=632"))
    form = browser.getForm(id="aussonderung-auswahl")
    for name, value in fields.items():
        form.getControl(name=name).value = value
    boxes = form.getControl(name="akten:list") if uids else None
    if boxes is not None:
        boxes.value = [u for u in uids if u in boxes.options]
        forged = [u for u in uids if u not in boxes.options]
        if forged:
            # What a forged request sends: names the form never offered.
            browser.post(
                list_url(portal),
                "&".join(
                    [f"akten:list={u}" for u in uids]
                    + [
                        f"{button}=1",
                        "kennzeichen=632",
                        f"_authenticator={form.getControl(name='_authenticator').value}",
                    ]
                    + [f"{name}={value}" for name, value in fields.items()]
                ),
            )
            return browser
    form.getControl(name=button).click()
    return browser


def test_start_without_choice_is_refused(expired):
    browser = post_start(expired["portal"])
    assert browser.headers["status"].startswith("400")
    assert "Bitte mindestens eine Akte wählen." in browser.contents
    assert 'value="632"' in browser.contents  # the filter is kept
    assert len(processes()) == 0


def test_start_with_a_forged_uid_is_refused(expired):
    browser = post_start(expired["portal"], uids=[uid(expired["akten"]["kita"]), uuid.uuid4().hex])
    assert browser.headers["status"].startswith("400")
    assert "die es nicht gibt" in browser.contents
    assert len(processes()) == 0


def test_start_with_an_open_akte_is_refused(expired):
    akten = expired["akten"]
    browser = post_start(expired["portal"], uids=[uid(akten["kita"]), uid(akten["offen"])])
    assert browser.headers["status"].startswith("400")
    assert "können dem Archiv nicht angeboten werden" in browser.contents
    assert "ist nicht geschlossen (zdA)" in browser.contents
    assert akten["offen"].aktenzeichen in browser.contents
    assert len(processes()) == 0
    assert api.content.get_state(akten["kita"]) == "closed"


def test_two_stage_needs_the_archives_agreement(expired):
    kita = uid(expired["akten"]["kita"])
    browser = post_start(expired["portal"], "form.buttons.handover", uids=[kita])
    assert browser.headers["status"].startswith("400")
    assert "Bestätigen Sie, dass das Archiv dem zweistufigen Verfahren zugestimmt hat." in browser.contents
    assert 'checked="checked"' in browser.contents  # the choice is kept
    assert len(processes()) == 0


def test_start_refused_without_authenticator(expired):
    browser = browser_as(expired["portal"], "registrator", handle_errors=True)
    browser.post(list_url(expired["portal"]), f"akten:list={uid(expired['akten']['kita'])}&form.buttons.offer=1")
    assert not browser.headers["status"].startswith("2") or "Anbietung" not in browser.url
    assert len(processes()) == 0


# The Löschprotokoll


@pytest.fixture
def record(expired):
    portal = expired["portal"]
    entries = [
        {
            "what": "Akte",
            "aktenzeichen": "632.1/0001",
            "title": "Umbau Mühle Satrup",
            "retention": "30",
            "retention_until": datetime.date(2021, 12, 31),
            "decision": "V",
            "process_id": "c217578e-3817-41b3-906b-0d373199bb92",
            "by": "registrator",
            "at": datetime.datetime(2026, 8, 3, 9, 30, tzinfo=datetime.timezone.utc),
        },
        {
            "what": "Akte",
            "aktenzeichen": "632.1/0002",
            "title": "Neubau Kita Mittelangeln – Größenänderung",
            "retention": "30",
            "retention_until": datetime.date(2020, 12, 31),
            "decision": "A",
            "process_id": "c217578e-3817-41b3-906b-0d373199bb92",
            "by": "registrator",
            "at": datetime.datetime(2026, 8, 3, 9, 30, tzinfo=datetime.timezone.utc),
        },
    ]
    # As process.py writes one (the type is in no add menu).
    with api.env.adopt_roles(["Manager"]):
        protocol = createContentInContainer(
            portal["aussonderungen"], "Loeschprotokoll", checkConstraints=False, id="loeschprotokoll-1"
        )
        protocol.title = "Löschprotokoll"
        protocol.process_id = "c217578e-3817-41b3-906b-0d373199bb92"
        protocol.entries = entries
        protocol.reindexObject()
    transaction.commit()
    return protocol


def test_loeschprotokoll_view_lists_the_entries(record, expired):
    status, page, _type = fetch(expired["portal"], record.absolute_url(), "registrator")
    assert status == 200
    assert "Löschprotokoll des Verfahrens c217578e-3817-41b3-906b-0d373199bb92" in page
    assert "Umbau Mühle Satrup" in page and "vernichtet" in page
    assert "übergeben und gelöscht" in page
    assert "31.12.2021" in page and "30 Jahre" in page
    assert "03.08.2026 11:30" in page  # Berlin time


def test_loeschprotokoll_pdf_keeps_the_umlauts(record, expired, tmp_path):
    status, body, content_type = fetch_bytes(
        expired["portal"], f"{record.absolute_url()}/@@loeschprotokoll.pdf", "leiterin"
    )
    assert status == 200 and content_type == "application/pdf"
    text = pdf_text(body, tmp_path)
    assert "Löschprotokoll des Verfahrens" in text
    assert "Mühle" in text and "Größenänderung" in text
    assert "vernichtet" in text and "03.08.2026" in text


@pytest.mark.parametrize("user", [None, "bauamt", "sachbearbeiter"])
def test_loeschprotokoll_hidden_from_others(record, expired, user):
    for url in (record.absolute_url(), f"{record.absolute_url()}/@@loeschprotokoll.pdf"):
        status, page, _type = fetch(expired["portal"], url, user)
        assert status in (401, 403, 404) or "Umbau Mühle Satrup" not in page


@pytest.mark.parametrize("user", ["registrator", "admin"])
def test_loeschprotokoll_cannot_be_edited_or_deleted(record, expired, user):
    from plone.app.testing import SITE_OWNER_NAME

    user = SITE_OWNER_NAME if user == "admin" else user
    for view in ("edit", "delete_confirmation", "folder_contents"):
        status, page, _type = fetch(expired["portal"], f"{record.absolute_url()}/{view}", user)
        assert status in (401, 403, 404) or 'name="form.buttons.save"' not in page
    for permission in ("Modify portal content", "Delete objects"):
        assert not api.user.has_permission(permission, username=SITE_OWNER_NAME, obj=record) or user != "admin"


# A process on screen


def started(expired, keys=("kita", "muehle"), two_stage=False):
    """Start a process through the list as the Registratur; the process."""
    akten = [uid(expired["akten"][key]) for key in keys]
    if two_stage:
        browser = post_start(expired["portal"], "form.buttons.handover", uids=akten, archiv_zugestimmt=True)
    else:
        browser = post_start(expired["portal"], uids=akten)
    assert browser.headers["status"].startswith("200"), browser.contents
    transaction.begin()
    (brain,) = processes()
    assert browser.url == brain.getURL()
    return brain._unrestrictedGetObject()


def upload(portal, proc, step, data, filename="antwort.xml", user="registrator", **fields):
    """Send ``data`` through the process view's form of ``step``."""
    browser = browser_as(portal, user)
    browser.open(proc.absolute_url())
    form = browser.getForm(id=f"schritt-{step}")
    if data is not None:
        form.getControl(name="datei").add_file(data, "application/xml", filename)
    for name, value in fields.items():
        form.getControl(name=name).value = value
    form.getControl(name=f"form.buttons.{step}").click()
    transaction.begin()
    return browser


def test_offer_shows_the_process_and_locks_the_akten(expired):
    portal, akten = expired["portal"], expired["akten"]
    proc = started(expired)
    status, page, _type = fetch(portal, proc.absolute_url(), "registrator")
    assert status == 200
    assert f"Aussonderung {proc.process_id}" in page
    assert "Status: <strong>Angeboten" in " ".join(page.split()) or "Angeboten" in page
    for label in ("Anbietung", "Bewertung", "Übergabe", "Importbestätigung", "nächster Schritt"):
        assert label in page
    assert akten["kita"].aktenzeichen in page and "archivwürdig (A)" in page
    assert f"{proc.process_id}_0501_1.xml" in page
    assert "Bewertung des Archivs übernehmen (0502)" in page and "Verfahren abbrechen" in page
    assert api.content.get_state(akten["kita"]) == "in_aussonderung"
    # The list shows them locked, without a checkbox.
    _status, page, _type = fetch(portal, list_url(portal), "registrator")
    assert "bereits im Verfahren" in page and proc.process_id in page
    assert f'value="{uid(akten["kita"])}"' not in page
    # Offered again: refused, nothing new.
    browser = browser_as(portal, "registrator")
    browser.open(list_url(portal))
    token = browser.getForm(id="aussonderung-auswahl").getControl(name="_authenticator").value
    browser.post(list_url(portal), f"akten:list={uid(akten['kita'])}&form.buttons.offer=1&_authenticator={token}")
    assert browser.headers["status"].startswith("400")
    assert "bereits im Aussonderungsverfahren" in browser.contents
    transaction.begin()
    assert len(processes()) == 1


def test_message_download(expired):
    proc = started(expired)
    status, body, content_type = fetch_bytes(
        expired["portal"], f"{proc.absolute_url()}/@@aussonderung-nachricht/0", "registrator"
    )
    assert status == 200
    assert content_type.startswith("application/xml")
    assert b"Aussonderung.Anbieteverzeichnis.0501" in body and proc.process_id.encode() in body
    browser = browser_as(expired["portal"], "registrator")
    browser.open(f"{proc.absolute_url()}/@@aussonderung-nachricht/0")
    assert f"{proc.process_id}_0501_1.xml" in browser.headers["Content-Disposition"]
    status, _body, _type = fetch_bytes(
        expired["portal"], f"{proc.absolute_url()}/@@aussonderung-nachricht/7", "registrator"
    )
    assert status == 404
    # The Leitung reads the process, but downloads no message.
    assert_denied(expired["portal"], f"{proc.absolute_url()}/@@aussonderung-nachricht/0", b"Anbieteverzeichnis")
    _status, page, _type = fetch(expired["portal"], proc.absolute_url(), "leiterin")
    assert f"{proc.process_id}_0501_1.xml" in page and "@@aussonderung-nachricht" not in page


def assert_denied(portal, url, secret, user="leiterin"):
    """``user`` gets Unauthorized (an error, or Plone's page for missing
    privileges), never the message."""
    browser = browser_as(portal, user)
    browser.open(url)
    body = browser.contents if isinstance(browser.contents, bytes) else browser.contents.encode("utf-8")
    assert browser.headers["status"][:3] in ("401", "403") or "insufficient-privileges" in browser.url, url
    assert secret not in body and not body.startswith(b"PK")


def test_fachdienst_sees_the_state_on_its_akte_only(expired):
    portal, akten = expired["portal"], expired["akten"]
    proc = started(expired)
    status, page, _type = fetch(portal, akten["kita"].absolute_url(), "bauamt")
    assert status == 200
    text = " ".join(page.split())
    assert f"Im Aussonderungsverfahren <strong>{proc.process_id}</strong>" in text
    assert "seit " + datetime.date.today().strftime("%d.%m.%Y") in text and "angeboten" in text
    _status, page, _type = fetch(portal, akten["markt"].absolute_url(), "bauamt")
    assert "Im Aussonderungsverfahren" not in page
    for user in ("bauamt", "sachbearbeiter", None):
        for url in (proc.absolute_url(), f"{proc.absolute_url()}/@@aussonderung-nachricht/0"):
            status, page, _type = fetch(portal, url, user)
            assert status in (401, 403, 404) or f"Aussonderung {proc.process_id}" not in page, (user, url)
            assert "Aussonderung.Anbieteverzeichnis" not in page


def test_leitung_reads_the_process_but_cannot_act(expired, archive):
    portal = expired["portal"]
    proc = started(expired)
    status, page, _type = fetch(portal, proc.absolute_url(), "leiterin")
    assert status == 200 and proc.process_id in page
    assert "schritt-appraisal" not in page and "schritt-cancel" not in page
    browser = browser_as(portal, "leiterin")
    browser.open(proc.absolute_url())
    token = browser.getControl(name="_authenticator", index=0).value if "_authenticator" in browser.contents else ""
    browser.post(
        f"{proc.absolute_url()}/@@aussonderung-schritt",
        f"form.buttons.cancel=1&abbruch_bestaetigt=1&_authenticator={token}",
    )
    # Denied: an error, or Plone's page for missing privileges.
    assert browser.headers["status"][:3] in ("401", "403") or "insufficient-privileges" in browser.url
    assert "Das Verfahren wurde abgebrochen" not in browser.contents
    transaction.begin()
    assert api.content.get_state(proc) == "angeboten"


XXE = (
    b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
    b'<xdomea:Aussonderung.Bewertungsverzeichnis.0502 xmlns:xdomea="urn:xoev-de:xdomea:schema:4.0.0">&e;'
    b"</xdomea:Aussonderung.Bewertungsverzeichnis.0502>"
)


@pytest.mark.parametrize(
    "case",
    ["no file", "empty", "not xml", "xxe", "0506 instead", "other process", "only unknown objects"],
)
def test_bad_appraisal_is_refused_in_german(expired, archive, case):
    portal = expired["portal"]
    proc = started(expired)
    kita = proc_uuid(proc, expired["akten"]["kita"])
    data = {
        "no file": None,
        "empty": b"",
        "not xml": b"Bewertung: alles A",
        "xxe": XXE,
        "0506 instead": archive.confirmation(proc, objects={kita: (True, "x")}),
        "other process": archive.appraisal(proc, {kita: "A"}, process_id=str(uuid.uuid4())),
        "only unknown objects": archive.appraisal(proc, {str(uuid.uuid4()): "A"}),
    }[case]
    browser = upload(portal, proc, "appraisal", data)
    assert browser.headers["status"].startswith("400"), case
    error = browser.contents[browser.contents.index('id="aussonderung-fehler"') :][:1500]
    assert any(word in error for word in ("Datei", "Nachricht", "Prozess", "Verfahren", "XML", "Objekt")), error
    assert "Traceback" not in browser.contents
    assert api.content.get_state(proc) == "angeboten"
    assert [message["code"] for message in proc.messages] == ["0501"]


def proc_uuid(proc, akte):
    uid_ = uid(akte)
    return next(key for key, row in proc.objects.items() if row["uid"] == uid_)


def test_appraisal_report_and_state_on_the_akte(expired, archive):
    portal, akten = expired["portal"], expired["akten"]
    proc = started(expired)
    unknown = str(uuid.uuid4())
    data = archive.appraisal(proc, {proc_uuid(proc, akten["kita"]): "A", unknown: "A"})
    browser = upload(portal, proc, "appraisal", data)
    assert browser.headers["status"].startswith("200")
    page = browser.contents
    assert "Bericht zur Bewertung" in page
    assert unknown in page  # named, not offered
    assert "Umbau Mühle Satrup" in page.split("Bericht zur Bewertung")[1].split("</div>")[0]  # left out
    assert api.content.get_state(proc) == "bewertet"
    assert "0505" in [message["code"] for message in proc.messages]
    assert "zu übergeben" in page and "nicht bewertet" in page
    assert "0503 erstellen" in page
    _status, page, _type = fetch(portal, akten["kita"].absolute_url(), "bauamt")
    assert "vom Archiv bewertet: archivwürdig" in page


def test_cancel_needs_confirmation_and_unlocks(expired):
    portal, akten = expired["portal"], expired["akten"]
    proc = started(expired)
    browser = upload(portal, proc, "cancel", None)
    assert browser.headers["status"].startswith("400")
    assert "Bestätigen Sie, dass das Verfahren abgebrochen werden soll." in browser.contents
    assert api.content.get_state(proc) == "angeboten"
    browser = upload(portal, proc, "cancel", None, abbruch_bestaetigt=True)
    assert browser.headers["status"].startswith("200")
    assert "Das Verfahren wurde abgebrochen" in browser.contents
    assert api.content.get_state(proc) == "abgebrochen"
    assert api.content.get_state(akten["kita"]) == "closed"
    _status, page, _type = fetch(portal, akten["kita"].absolute_url(), "bauamt")
    assert "Im Aussonderungsverfahren" not in page


def test_two_stage_handover_download_and_failed_confirmation(expired, archive):
    portal, akten = expired["portal"], expired["akten"]
    proc = started(expired, keys=("kita",), two_stage=True)
    assert api.content.get_state(proc) == "bewertet"
    browser = upload(portal, proc, "handover", None)
    assert browser.headers["status"].startswith("200")
    assert api.content.get_state(proc) == "uebergeben"
    assert "Verfahren abbrechen" not in browser.contents  # not after the 0503
    index = [message["code"] for message in proc.messages].index("0503")
    zip_url = f"{proc.absolute_url()}/@@aussonderung-nachricht/{index}"
    assert_denied(portal, zip_url, b"Aussonderung.Aussonderung.0503")
    download = browser_as(portal, "registrator")
    download.open(zip_url)
    assert download.headers["Content-Type"] == "application/zip"
    assert f"{proc.process_id}_0503_1.zip" in download.headers["Content-Disposition"]
    body = download.contents if isinstance(download.contents, bytes) else download.contents.encode("latin-1")
    assert body.startswith(b"PK")
    failed = archive.confirmation(proc, success=False, error="Prüfsumme der Datei stimmt nicht überein")
    browser = upload(portal, proc, "confirmation", failed)
    page = browser.contents
    assert "Das Archiv hat bei der Übernahme einen Fehler gemeldet" in page
    assert "Prüfsumme der Datei stimmt nicht überein" in page
    assert akten["kita"].aktenzeichen in page
    transaction.begin()
    assert api.content.find(UID=uid(akten["kita"]), unrestricted=True)  # nothing deleted
    # The archive confirms now: the Akte goes, the Löschprotokoll is linked.
    browser = upload(portal, proc, "confirmation", archive.confirmation(proc))
    assert browser.headers["status"].startswith("200")
    assert api.content.get_state(proc) == "abgeschlossen"
    assert not api.content.find(UID=uid(akten["kita"]), unrestricted=True)
    assert "Löschprotokolle" in browser.contents
    (protocol,) = api.content.find(portal_type="Loeschprotokoll", unrestricted=True)
    assert protocol.getURL() in browser.contents
    # The ZIP (every file of the deleted Akte) is gone; its name, size and hash stay.
    zip_message = proc.messages[index]
    assert zip_message["blob"] is None
    assert zip_message["sha256"] == hashlib.sha256(body).hexdigest() and zip_message["size"] == len(body)
    _status, page, _type = fetch(portal, proc.absolute_url(), "registrator")
    assert f"{proc.process_id}_0503_1.zip" in page and zip_message["sha256"] in page
    assert "Nach der Importbestätigung des Archivs gelöscht" in page
    assert (
        f'href="{zip_url}"' not in page and f'href="{proc.absolute_url()}/@@aussonderung-nachricht/{index + 1}"' in page
    )
    status, _body, _type = fetch_bytes(portal, zip_url, "registrator")
    assert status == 404


def test_destruction_needs_confirmation(expired, archive):
    portal, akten = expired["portal"], expired["akten"]
    proc = started(expired)
    decisions = {proc_uuid(proc, akten["kita"]): "V", proc_uuid(proc, akten["muehle"]): "V"}
    browser = upload(portal, proc, "appraisal", archive.appraisal(proc, decisions))
    assert browser.headers["status"].startswith("200")
    # Nothing deleted by the 0502; the page offers the destruction, no 0503.
    assert api.content.find(UID=uid(akten["kita"]), unrestricted=True)
    assert api.content.get_state(proc) == "bewertet"
    assert 'id="schritt-destroy"' in browser.contents and 'id="schritt-handover"' not in browser.contents
    assert "Vernichtung durchführen" in browser.contents
    assert browser.contents.count("entfällt (nichts zu übergeben)") == 2  # no 0503, no 0506
    _status, page, _type = fetch(portal, proc.absolute_url(), "leiterin")
    assert "schritt-destroy" not in page
    browser = upload(portal, proc, "destroy", None)
    assert browser.headers["status"].startswith("400")
    assert "Bestätigen Sie, dass die zur Vernichtung (V) bestimmten Objekte gelöscht werden sollen." in browser.contents
    assert api.content.find(UID=uid(akten["kita"]), unrestricted=True)
    assert api.content.get_state(proc) == "bewertet"
    browser = upload(portal, proc, "destroy", None, vernichtung_bestaetigt=True)
    assert browser.headers["status"].startswith("200")
    assert "Die zur Vernichtung (V) bestimmten Objekte wurden gelöscht" in browser.contents
    assert api.content.get_state(proc) == "abgeschlossen"
    assert not api.content.find(UID=[uid(akten["kita"]), uid(akten["muehle"])], unrestricted=True)
    (protocol,) = api.content.find(portal_type="Loeschprotokoll", unrestricted=True)
    assert protocol.getURL() in browser.contents


def test_object_the_archive_did_not_take_shows_why(expired, archive):
    portal, akten = expired["portal"], expired["akten"]
    proc = started(expired, two_stage=True)
    upload(portal, proc, "handover", None)
    objects = {
        proc_uuid(proc, akten["kita"]): (True, "Best. 12 Nr. 1"),
        proc_uuid(proc, akten["muehle"]): (False, "Primärdatei fehlt"),
    }
    browser = upload(portal, proc, "confirmation", archive.confirmation(proc, objects=objects))
    assert browser.headers["status"].startswith("200")
    assert api.content.get_state(proc) == "abgeschlossen"
    assert "vom Archiv nicht übernommen: Primärdatei fehlt" in browser.contents
    assert api.content.get_state(akten["muehle"]) == "closed"
    assert not api.content.find(UID=uid(akten["kita"]), unrestricted=True)
