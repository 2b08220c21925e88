"""The .eml drop directory: settled files become Eingänge and move to
erledigt/, files still being written wait, bad ones land in fehler/ with
the German reason; a message already taken is not taken twice."""

import os
import time

import pytest
import transaction
from plone import api

from mittelangeln.policy.posteingang import protocol
from mittelangeln.policy.posteingang.mail.maildrop import SETTLE_SECONDS
from mittelangeln.policy.posteingang.mail.maildrop import poll_maildrop
from mittelangeln.policy.testing.helpers import as_conversion_worker
from tests.posteingang.mail_messages import make_message


@pytest.fixture
def drop(functional_portal, tmp_path):
    folder = tmp_path / "mails"
    folder.mkdir()
    return folder


def settled(path):
    """``path`` as if it had been written a while ago."""
    then = time.time() - SETTLE_SECONDS - 5
    os.utime(path, (then, then))
    return path


def poll(folder):
    with as_conversion_worker():
        return poll_maildrop(str(folder), transaction.commit, transaction.abort)


def eingaenge(portal):
    return [portal["posteingang"][item_id] for item_id in portal["posteingang"].objectIds()]


def test_a_settled_file_becomes_an_eingang_and_moves_to_erledigt(functional_portal, drop, letter_pdf):
    raw = make_message(attachments=[("antrag.pdf", letter_pdf, "application/pdf")])
    (drop / "bauantrag.eml").write_bytes(raw)
    settled(drop / "bauantrag.eml")
    assert poll(drop) == {"taken": 1, "known": 0, "refused": 0, "waiting": 0, "failed": 0}
    [eingang] = eingaenge(functional_portal)
    assert eingang.channel == "email"
    assert eingang.Title() == "Bauantrag Mühlenweg 3"
    assert (eingang.sender_name, eingang.sender_email) == ("Jörg Müller", "joerg.mueller@example.org")
    assert eingang.message_id == "<bauantrag-1@example.org>"
    assert [(item.title, item.kind) for item in eingang.objectValues()] == [
        ("E-Mail Bauantrag Mühlenweg 3.pdf", "eingang"),
        ("antrag.pdf", "anlage"),
    ]
    assert sorted(path.name for path in drop.iterdir()) == ["erledigt"]
    assert (drop / "erledigt" / "bauantrag.eml").read_bytes() == raw


def test_a_file_still_being_written_is_not_taken(functional_portal, drop):
    raw = make_message()
    path = drop / "neu.eml"
    path.write_bytes(raw[: len(raw) // 2])  # the writer is in the middle of it
    assert poll(drop)["waiting"] == 1
    assert eingaenge(functional_portal) == [] and path.exists()
    path.write_bytes(raw)
    settled(path)
    assert poll(drop)["taken"] == 1
    assert [eingang.Title() for eingang in eingaenge(functional_portal)] == ["Bauantrag Mühlenweg 3"]


def test_files_written_under_another_name_are_left_alone(functional_portal, drop):
    for name in ("brief.eml.tmp", ".brief.eml", "brief.txt"):
        (drop / name).write_bytes(make_message())
        settled(drop / name)
    assert poll(drop) == {"taken": 0, "known": 0, "refused": 0, "waiting": 0, "failed": 0}
    assert sorted(path.name for path in drop.iterdir()) == [".brief.eml", "brief.eml.tmp", "brief.txt"]


def test_a_bad_file_lands_in_fehler_with_the_german_reason(functional_portal, drop):
    (drop / "kaputt.eml").write_bytes(b"%PDF-1.4 das ist keine Mail\x00\x01")
    settled(drop / "kaputt.eml")
    assert poll(drop)["refused"] == 1
    assert eingaenge(functional_portal) == []
    assert (drop / "fehler" / "kaputt.eml").exists()
    reason = (drop / "fehler" / "kaputt.eml.fehler.txt").read_text(encoding="utf-8")
    assert "Das ist keine E-Mail" in reason and "kaputt.eml" in reason
    [entry] = protocol.entries()
    assert entry["channel"] == "email"
    assert entry["source"] == "E-Mail-Ablage: kaputt.eml"
    assert entry["reason"].startswith("Das ist keine E-Mail")


def test_an_oversize_attachment_is_refused(functional_portal, drop):
    api.portal.set_registry_record("mittelangeln.posteingang_max_file_mb", 1)
    transaction.commit()
    raw = make_message(attachments=[("riesig.txt", b"x" * (1024 * 1024 + 1), "text/plain")])
    (drop / "gross.eml").write_bytes(raw)
    settled(drop / "gross.eml")
    assert poll(drop)["refused"] == 1
    reason = (drop / "fehler" / "gross.eml.fehler.txt").read_text(encoding="utf-8")
    assert "Die Datei „riesig.txt“ ist größer als 1 MB." in reason
    assert eingaenge(functional_portal) == []


def test_a_message_taken_before_moves_to_erledigt_without_a_second_eingang(functional_portal, drop):
    """A crash between the commit and the move leaves the file in place."""
    raw = make_message()
    (drop / "a.eml").write_bytes(raw)
    settled(drop / "a.eml")
    poll(drop)
    (drop / "a.eml").write_bytes(raw)  # back where it was: as if the move never happened
    settled(drop / "a.eml")
    assert poll(drop) == {"taken": 0, "known": 1, "refused": 0, "waiting": 0, "failed": 0}
    assert len(eingaenge(functional_portal)) == 1
    assert sorted(path.name for path in (drop / "erledigt").iterdir()) == ["a (2).eml", "a.eml"]
    assert protocol.entries() == []


def test_a_missing_directory_is_not_watched(functional_portal, tmp_path):
    assert poll(tmp_path / "gibt-es-nicht")["taken"] == 0
