"""The scan hot folder: PDFs with JSON sidecars taken once complete, known
scan ids as new versions, refused files in fehler/ with a German reason and
nothing stored (real PDFs, qpdf, ghostscript, pdftoppm)."""

import datetime
import json
import os
import subprocess
import time

import pytest
import transaction
from plone import api

from mittelangeln.policy.posteingang import protocol
from mittelangeln.policy.posteingang.intake import main_document
from mittelangeln.policy.posteingang.scans.hotfolder import poll_hotfolder
from mittelangeln.policy.testing.helpers import as_conversion_worker
from mittelangeln.policy.testing.helpers import pdf_text
from mittelangeln.policy.textpdf import text_pdf


TODAY = datetime.date.today().isoformat()


@pytest.fixture
def folder(functional_portal, tmp_path):
    hotfolder = tmp_path / "scans"
    hotfolder.mkdir()
    return hotfolder


def settled(*paths, seconds=120):
    """Make ``paths`` look as if nobody touched them for ``seconds``."""
    moment = time.time() - seconds
    for path in paths:
        os.utime(path, (moment, moment))


def poll(folder):
    """Poll as the worker does: as the portal itself, committing."""
    with as_conversion_worker():
        return poll_hotfolder(str(folder), transaction.commit, transaction.abort)


def eingaenge(portal):
    return list(portal["posteingang"].objectValues())


def drop(folder, name, data, sidecar=None):
    pdf = folder / name
    pdf.write_bytes(data)
    paths = [pdf]
    if sidecar is not None:
        side = folder / (pdf.stem + ".json")
        side.write_text(sidecar if isinstance(sidecar, str) else json.dumps(sidecar), encoding="utf-8")
        paths.append(side)
    settled(*paths)
    return pdf


def stored_text(eingang, tmp_path):
    return pdf_text(main_document(eingang).file.data, tmp_path)


def test_a_pdf_with_sidecar_becomes_an_eingang_and_moves_to_erledigt(functional_portal, folder, tmp_path):
    letter = text_pdf([["Antrag auf Baugenehmigung", "Muehlenweg 3 in Soerup"]])
    drop(
        folder,
        "scan-0001.PDF",
        letter,
        {
            "scan_id": "SC-0001",
            "betreff": "Bauantrag Mühlenweg 3",
            "sender": {"name": "Anke Hansen", "address": "Mühlenweg 3\n24966 Sörup"},
            "fachdienst": "fachdienst-iv-bauen-und-umwelt",
            "deadline": "2026-03-31",
            "received": "2026-03-02T09:15:00+01:00",
            "scanner": "Kyocera im Erdgeschoss",  # unknown keys are ignored
        },
    )
    counts = poll(folder)
    assert counts == {"files": 1, "eingaenge": 1, "refused": 0, "waiting": 0, "retry": 0}
    [eingang] = eingaenge(functional_portal)
    assert eingang.title == "Bauantrag Mühlenweg 3"
    assert eingang.channel == "post"
    assert eingang.scan_id == "SC-0001"
    assert eingang.sender_name == "Anke Hansen"
    assert eingang.sender_address == "Mühlenweg 3\n24966 Sörup"
    assert eingang.fachdienst == "Fachdienst IV – Bauen und Umwelt"
    assert eingang.deadline == datetime.date(2026, 3, 31)
    assert eingang.eingangsdatum == datetime.datetime(2026, 3, 2, 9, 15)  # TZ=Europe/Berlin
    assert main_document(eingang).file.data == letter
    assert "Muehlenweg 3" in stored_text(eingang, tmp_path)
    assert sorted(path.name for path in (folder / "erledigt" / TODAY).iterdir()) == ["scan-0001.PDF", "scan-0001.json"]
    assert [path.name for path in folder.iterdir()] == ["erledigt"]


def test_a_pdf_without_sidecar_is_named_after_its_file(functional_portal, folder):
    drop(folder, "brief.pdf", text_pdf([["Widerspruch gegen den Bescheid"]]))
    assert poll(folder)["eingaenge"] == 1
    [eingang] = eingaenge(functional_portal)
    assert eingang.title == "Scan brief.pdf"
    assert eingang.scan_id is None


def test_a_half_written_pdf_is_taken_only_once_complete(functional_portal, folder):
    letter = text_pdf([["Antrag auf Wohngeld"], ["Seite zwei"]])
    pdf = drop(folder, "halb.pdf", letter[: len(letter) // 2])  # quiet, but no %%EOF yet
    assert poll(folder)["waiting"] == 1
    with pdf.open("ab") as growing:
        growing.write(letter[len(letter) // 2 :])  # the scanner writes the rest: modified just now
    assert poll(folder)["waiting"] == 1
    assert eingaenge(functional_portal) == []
    assert pdf.exists()
    settled(pdf)
    assert poll(folder)["eingaenge"] == 1
    assert main_document(eingaenge(functional_portal)[0]).file.data == letter
    assert not pdf.exists()


def test_a_sidecar_still_being_written_holds_its_pdf_back(functional_portal, folder):
    drop(folder, "mit.pdf", text_pdf([["Brief"]]), sidecar='{"scan_id": "SC-7", "betreff": "Bri')
    assert poll(folder)["waiting"] == 1
    (folder / "mit.json").write_text('{"scan_id": "SC-7", "betreff": "Brief"}', encoding="utf-8")
    settled(folder / "mit.json")
    poll(folder)
    assert [eingang.title for eingang in eingaenge(functional_portal)] == ["Brief"]


def test_a_pdf_never_completed_is_refused_in_the_end(functional_portal, folder):
    letter = text_pdf([["Abgebrochen"]])
    pdf = drop(folder, "abbruch.pdf", letter[:300])
    settled(pdf, seconds=3600)
    assert poll(folder)["refused"] == 1
    reason = (folder / "fehler" / "abbruch.pdf.fehler.txt").read_text(encoding="utf-8")
    assert "nicht vollständig geschrieben" in reason
    assert eingaenge(functional_portal) == []


def test_the_same_scan_id_twice_gives_one_eingang_with_two_versions(functional_portal, folder, tmp_path):
    drop(folder, "scan-a.pdf", text_pdf([["Erster Scan", "schief"]]), {"scan_id": "SC-42", "betreff": "Antrag"})
    poll(folder)
    drop(folder, "scan-b.pdf", text_pdf([["Zweiter Scan", "gerade"]]), {"scan_id": "SC-42", "betreff": "Antrag"})
    counts = poll(folder)
    assert counts["files"] == 1 and counts["eingaenge"] == 1
    [eingang] = eingaenge(functional_portal)
    dokument = main_document(eingang)
    with as_conversion_worker():
        history = api.portal.get_tool("portal_repository").getHistoryMetadata(dokument)
        assert history.getLength(countPurged=False) == 2
    assert "Zweiter Scan" in stored_text(eingang, tmp_path)
    assert sorted(path.name for path in (folder / "erledigt" / TODAY).glob("*.pdf")) == ["scan-a.pdf", "scan-b.pdf"]


def test_a_crash_between_commit_and_move_does_not_double_the_eingang(functional_portal, folder):
    drop(folder, "absturz.pdf", text_pdf([["Brief vor dem Absturz"]]))

    def commit_then_die():
        transaction.commit()
        raise KeyboardInterrupt  # the process is killed right after storing

    with pytest.raises(KeyboardInterrupt), as_conversion_worker():
        poll_hotfolder(str(folder), commit_then_die, transaction.abort)
    assert (folder / "absturz.pdf").exists()
    assert len(eingaenge(functional_portal)) == 1
    counts = poll(folder)
    assert counts["files"] == 1 and counts["eingaenge"] == 0 and counts["refused"] == 0
    assert len(eingaenge(functional_portal)) == 1
    assert (folder / "erledigt" / TODAY / "absturz.pdf").exists()


def test_the_same_file_delivered_again_is_refused_as_duplicate(functional_portal, folder):
    letter = text_pdf([["Einmal reicht"]])
    drop(folder, "erst.pdf", letter)
    poll(folder)
    drop(folder, "nochmal.pdf", letter)
    assert poll(folder)["refused"] == 1
    [eingang] = eingaenge(functional_portal)
    reason = (folder / "fehler" / "nochmal.pdf.fehler.txt").read_text(encoding="utf-8")
    assert f"bereits als {eingang.eingangsnummer} eingegangen" in reason


def encrypted(data, tmp_path):
    plain, locked = tmp_path / "plain.pdf", tmp_path / "locked.pdf"
    plain.write_bytes(data)
    subprocess.run(["qpdf", "--encrypt", "geheim", "geheim", "256", "--", str(plain), str(locked)], check=True)
    return locked.read_bytes()


def scanned_blank_page(tmp_path):
    """An empty page as a scanner delivers it: grey paper with dust, an image."""
    from PIL import Image
    from PIL import ImageDraw

    image = Image.new("L", (1240, 1754), 238)  # A4 at 150 dpi
    draw = ImageDraw.Draw(image)
    for x, y in ((200, 300), (900, 1200), (640, 80), (1100, 1600)):
        draw.point((x, y), fill=60)
    draw.rectangle((0, 0, 8, 1753), fill=40)  # the scanner's edge shadow
    path = tmp_path / "leer.pdf"
    image.save(path, "PDF", resolution=150)
    return path.read_bytes()


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("kaputt.pdf", lambda tmp: b"%PDF-1.4\n1 0 obj << /Kaputt \n%%EOF\n", "ist beschädigt"),
        ("passwort.pdf", lambda tmp: encrypted(text_pdf([["Geheim"]]), tmp), "durch ein Kennwort geschützt"),
        ("leer.pdf", lambda tmp: text_pdf([[]]), "ist leer"),
        ("leer-gescannt.pdf", scanned_blank_page, "ist leer"),
        ("null.pdf", lambda tmp: b"", "ist leer"),
    ],
)
def test_bad_scans_land_in_fehler_with_a_german_reason(functional_portal, folder, tmp_path, name, data, expected):
    drop(folder, name, data(tmp_path))
    if name == "null.pdf":
        settled(folder / name, seconds=3600)  # an empty file never ends with %%EOF
    counts = poll(folder)
    assert counts["refused"] == 1
    assert eingaenge(functional_portal) == []
    reason = (folder / "fehler" / f"{name}.fehler.txt").read_text(encoding="utf-8")
    assert expected in reason
    assert (folder / "fehler" / name).exists()
    assert protocol.entries()[0]["reason"] == reason.strip()
    assert protocol.entries()[0]["source"] == f"Hotfolder: {name}"


@pytest.mark.parametrize(
    "sidecar, expected",
    [
        ('{"scan_id": "SC-1", "betreff": ', "kein gültiges JSON (Zeile 1, Spalte 32)"),
        ('["eine", "Liste"]', "muss ein JSON-Objekt enthalten"),
        ({"deadline": "31.03.2026"}, "Feld „deadline“"),
        ({"channel": "fax"}, "Feld „channel“"),
        ({"sender": {"name": ["A", "B"]}}, "Feld „sender_name“"),
        ({"fachdienst": "Fachdienst IX – Raumfahrt"}, "Fachdienst „Fachdienst IX – Raumfahrt“"),
        ({"responsible": "niemand"}, "kein Benutzerkonto „niemand“"),
    ],
)
def test_a_broken_sidecar_refuses_its_scan(functional_portal, folder, sidecar, expected):
    pdf = drop(folder, "brief.pdf", text_pdf([["Brief"]]), sidecar)
    settled(pdf, folder / "brief.json", seconds=3600)  # an unfinished sidecar is waited for until then
    assert poll(folder)["refused"] == 1
    assert eingaenge(functional_portal) == []
    assert expected in (folder / "fehler" / "brief.pdf.fehler.txt").read_text(encoding="utf-8")
    assert (folder / "fehler" / "brief.json").exists()


def test_a_missing_hot_folder_is_not_watched(functional_portal, tmp_path):
    assert poll(tmp_path / "gibt-es-nicht")["files"] == 0
