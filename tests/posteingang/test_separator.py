"""Batches with separator sheets: the sheet the mail room prints
(@@trennblatt), batches assembled from it with qpdf (also as a scanned
image), split into one Eingang per letter with the right pages."""

import json
import os
import subprocess
import time
from urllib.parse import urlencode

import pytest
import transaction
from PIL import Image
from plone.app.testing import SITE_OWNER_NAME

from mittelangeln.policy.posteingang.intake import main_document
from mittelangeln.policy.posteingang.scans.hotfolder import poll_hotfolder
from mittelangeln.policy.posteingang.scans.pages import analyse
from mittelangeln.policy.posteingang.scans.separator import split_batch
from mittelangeln.policy.posteingang.scans.sheet import separator_sheet
from mittelangeln.policy.testing.helpers import add_member
from mittelangeln.policy.testing.helpers import as_conversion_worker
from mittelangeln.policy.testing.helpers import fetch_bytes
from mittelangeln.policy.testing.helpers import pdf_text
from mittelangeln.policy.textpdf import text_pdf


BAU = "Fachdienst IV – Bauen und Umwelt"


@pytest.fixture
def sheets(functional_portal, tmp_path):
    """The separator sheets as the Poststelle downloads them: (status,
    body, content type) of @@trennblatt for a user and query."""
    add_member("post", "poststelle")
    add_member("bau", "fachdienst-iv-bauen-und-umwelt")
    add_member("chefin", "leitung")
    transaction.commit()
    url = functional_portal["posteingang"].absolute_url() + "/@@trennblatt"

    def download(user="post", query=""):
        return fetch_bytes(functional_portal, url + query, user)

    return download


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def pages_of(data, tmp_path):
    path = write(tmp_path, "count.pdf", data)
    return int(subprocess.run(["qpdf", "--show-npages", path], capture_output=True, text=True).stdout)


def scanned(data, tmp_path, name):
    """``data`` as a scanner delivers it: each page a 150 dpi grey image."""
    source = write(tmp_path, f"{name}-source.pdf", data)
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", source, str(tmp_path / name)], check=True)
    images = [Image.open(path) for path in sorted(tmp_path.glob(f"{name}-*.png"))]
    target = tmp_path / f"{name}.pdf"
    images[0].save(target, "PDF", resolution=150, save_all=True, append_images=images[1:])
    return target.read_bytes()


def batch(tmp_path, parts):
    """A batch PDF of ``parts``: (PDF bytes, page range) one after the other."""
    arguments = []
    for number, (data, pages) in enumerate(parts):
        arguments += [write(tmp_path, f"part-{number}.pdf", data), pages]
    target = tmp_path / "batch.pdf"
    subprocess.run(["qpdf", "--empty", "--pages", *arguments, "--", str(target)], check=True)
    return target.read_bytes()


def letter(name, count):
    return text_pdf([[f"Brief {name} Seite {page}", f"Absender {name}"] for page in range(1, count + 1)])


def test_the_separator_sheet_is_a_one_page_a4_pdf_with_a_qr_code(sheets, tmp_path):
    status, body, content_type = sheets()
    assert status == 200 and content_type == "application/pdf"
    assert pages_of(body, tmp_path) == 1
    info = subprocess.run(["pdfinfo", write(tmp_path, "s.pdf", body)], capture_output=True, text=True).stdout
    assert "595 x 842 pts (A4)" in info
    text = pdf_text(body, tmp_path)
    assert "Trennblatt" in text and "vor jeden Brief legen" in text
    [page] = analyse(write(tmp_path, "sheet.pdf", body))
    assert page.separator == {}


def test_a_sheet_for_a_fachdienst_names_it_and_carries_its_key(sheets, tmp_path):
    status, body, _ = sheets(query="?fachdienst=fachdienst-iv-bauen-und-umwelt")
    assert status == 200
    assert BAU in pdf_text(body, tmp_path)
    [page] = analyse(write(tmp_path, "sheet.pdf", body))
    assert page.separator == {"fachdienst": "fachdienst-iv-bauen-und-umwelt"}
    status, body, _ = sheets(query="?fachdienst=Raumfahrt")
    assert status == 400
    assert "Einen Fachdienst „Raumfahrt“ gibt es nicht." in body.decode("utf-8")


@pytest.mark.parametrize("user", ["bau", "chefin", None])
def test_only_who_registers_eingaenge_gets_the_sheet(sheets, user):
    status, body, content_type = sheets(user)
    assert content_type != "application/pdf" and not body.startswith(b"%PDF")
    page = body.decode("utf-8")
    # Plone answers with its insufficient-privileges page, anonymous with its login form
    assert ("Unzureichende Berechtigungen" if user else "Anmelden") in page


def test_a_batch_with_three_separators_becomes_three_eingaenge(functional_portal, sheets, tmp_path):
    _, sheet, _ = sheets()
    _, sheet_bau, _ = sheets(query="?" + urlencode({"fachdienst": BAU}))
    scanned_sheet = scanned(sheet, tmp_path, "sheet")  # as the scanner reads the printed sheet
    blank_back = text_pdf([[]])  # the sheet's back side in a duplex scan
    data = batch(
        tmp_path,
        [
            (letter("A", 2), "1-2"),  # before the first separator
            (scanned_sheet, "1"),
            (blank_back, "1"),
            (letter("B", 1), "1"),
            (sheet, "1"),
            (sheet_bau, "1"),  # two in a row: no empty Eingang
            (letter("C", 3), "1-3"),
        ],
    )
    assert pages_of(data, tmp_path) == 10
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "stapel.pdf").write_bytes(data)
    (folder / "stapel.json").write_text(json.dumps({"scan_id": "ST-9"}), encoding="utf-8")
    moment = time.time() - 120
    for path in folder.iterdir():
        os.utime(path, (moment, moment))

    with as_conversion_worker():
        counts = poll_hotfolder(str(folder), transaction.commit, transaction.abort)
    assert counts["files"] == 1 and counts["eingaenge"] == 3

    found = sorted(functional_portal["posteingang"].objectValues(), key=lambda eingang: eingang.eingangsnummer)
    assert [eingang.title for eingang in found] == [f"Scan stapel.pdf, Brief {n} von 3" for n in (1, 2, 3)]
    assert [eingang.scan_id for eingang in found] == ["ST-9-1", "ST-9-2", "ST-9-3"]
    stored = [main_document(eingang).file.data for eingang in found]
    assert [pages_of(data, tmp_path) for data in stored] == [2, 1, 3]
    texts = [pdf_text(data, tmp_path) for data in stored]
    assert "Brief A Seite 1" in texts[0] and "Brief A Seite 2" in texts[0]
    assert "Brief B Seite 1" in texts[1]
    assert all(f"Brief C Seite {page}" in texts[2] for page in (1, 2, 3))
    assert not any("Trennblatt" in text for text in texts)
    assert found[2].fachdienst == BAU
    assert (folder / "erledigt").is_dir() and not (folder / "stapel.pdf").exists()


def test_a_refused_letter_refuses_the_whole_batch(functional_portal, tmp_path):
    data = batch(
        tmp_path,
        [
            (letter("A", 1), "1"),
            (separator_sheet(), "1"),
            (letter("B", 1), "1"),
            (separator_sheet("Fachdienst IX – Raumfahrt"), "1"),  # printed before it was dissolved
            (letter("C", 1), "1"),
        ],
    )
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "stapel.pdf").write_bytes(data)
    moment = time.time() - 120
    os.utime(folder / "stapel.pdf", (moment, moment))
    with as_conversion_worker():
        counts = poll_hotfolder(str(folder), transaction.commit, transaction.abort)
    assert counts["refused"] == 1
    assert list(functional_portal["posteingang"].objectIds()) == []
    reason = (folder / "fehler" / "stapel.pdf.fehler.txt").read_text(encoding="utf-8")
    assert "Brief 3 des Stapels: Einen Fachdienst „fachdienst-ix-raumfahrt“ gibt es nicht." in reason


def test_a_batch_interrupted_before_its_commit_is_taken_whole_next_time(functional_portal, tmp_path):
    data = batch(tmp_path, [(letter("A", 1), "1"), (separator_sheet(), "1"), (letter("B", 2), "1-2")])
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "stapel.pdf").write_bytes(data)
    moment = time.time() - 120
    os.utime(folder / "stapel.pdf", (moment, moment))

    def die():
        raise KeyboardInterrupt  # killed after registering, before the commit

    with pytest.raises(KeyboardInterrupt), as_conversion_worker():
        poll_hotfolder(str(folder), die, transaction.abort)
    transaction.abort()  # what the dead process had done is gone
    assert list(functional_portal["posteingang"].objectIds()) == []
    with as_conversion_worker():
        counts = poll_hotfolder(str(folder), transaction.commit, transaction.abort)
    assert counts["eingaenge"] == 2
    assert len(functional_portal["posteingang"].objectIds()) == 2


def test_split_batch_gives_the_letters_with_their_pages(tmp_path):
    sheet = separator_sheet()
    data = batch(
        tmp_path,
        [(sheet, "1"), (letter("A", 3), "1-3"), (sheet, "1"), (sheet, "1"), (letter("B", 1), "1"), (sheet, "1")],
    )
    letters = split_batch(data)
    assert [found.pages for found in letters] == [[2, 3, 4], [7]]
    assert [pages_of(found.data, tmp_path) for found in letters] == [3, 1]
    assert split_batch(data)[0].data == letters[0].data  # the same letter every time


def test_the_sheet_is_only_on_the_posteingang(sheets, functional_portal):
    url = functional_portal["oeffentlich"].absolute_url() + "/@@trennblatt"
    status, body, _ = fetch_bytes(functional_portal, url, SITE_OWNER_NAME)
    assert status == 404 and not body.startswith(b"%PDF")
