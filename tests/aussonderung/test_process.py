"""The Aussonderung process (aussonderung/process.py) from the offer to the
deletion: 0501 → 0502 → 0505 → 0503 ZIP → 0506, with real messages, a real
ZIP and real PDF/A copies; cancelling, the two-stage procedure, the lock."""

import hashlib
import re
import subprocess
import zipfile

import pytest
from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.annotation.interfaces import IAnnotations

from mittelangeln.policy.aussonderung import process
from mittelangeln.policy.aussonderung.identifiers import find
from mittelangeln.policy.aussonderung.identifiers import xdomea_uuid
from mittelangeln.policy.aussonderung.xdomea import reader
from mittelangeln.policy.aussonderung.xdomea import safexml
from mittelangeln.policy.aussonderung.xdomea.errors import MessageRefused
from mittelangeln.policy.aussonderung.xdomea.validation import validate
from mittelangeln.policy.testing.helpers import pdf_text
from mittelangeln.policy.upgrades import v1017


def read(blob):
    with blob.open() as stream:
        return stream.read()


def out_messages(proc, code):
    return [message for message in proc.messages if message["code"] == code and message["direction"] == "out"]


def assert_valid(proc):
    """Every XML message the portal wrote validates against the XSD."""
    for message in proc.messages:
        if message["direction"] == "out" and message["filename"].endswith(".xml"):
            validate(safexml.parse(read(message["blob"])))


def gone(obj_uuid):
    return find(obj_uuid) is None


def test_end_to_end(portal, manager, expired_akten, archive, tmp_path):
    archived, destroyed, rest = (expired_akten[key] for key in ("archive", "destroy", "rest"))
    ids = {key: xdomea_uuid(akte) for key, akte in expired_akten.items()}
    proc = process.start([archived, destroyed, rest])
    assert api.content.get_state(proc) == "angeboten"
    offer = out_messages(proc, "0501")[0]
    assert offer["filename"] == f"{proc.process_id}_0501_1.xml"
    assert reader_akten_0501(offer) >= set(ids.values())

    report = process.take_appraisal(
        proc, "antwort_0502.xml", archive.appraisal(proc, {ids["archive"]: "A", ids["destroy"]: "V"})
    )
    assert [row["uuid"] for row in report.left_out] == [ids["rest"]]
    assert report.not_offered == []
    assert api.content.get_state(proc) == "bewertet"
    assert out_messages(proc, "0505")

    process.build_handover(proc)
    handover = out_messages(proc, "0503")[0]
    assert handover["filename"] == f"{proc.process_id}_0503_1.zip"
    archive_path = tmp_path / handover["filename"]
    archive_path.write_bytes(read(handover["blob"]))
    with zipfile.ZipFile(archive_path) as bundle:
        names = set(bundle.namelist())
        message_name = f"{proc.process_id}_0503_1.xml"
        tree = safexml.parse(bundle.read(message_name))
        header, akten = reader.read_handover(tree)
        assert header.code == "0503"
        assert [akte.uuid for akte in akten] == [ids["archive"]]  # exactly the A-objects
        versions = [
            version
            for akte in akten
            for document in [*akte.documents, *(d for vorgang in akte.vorgaenge for d in vorgang.documents)]
            for version in document.versions
        ]
        assert len(versions) == 4  # scan, text PDF, two versions of the note
        assert names == {message_name, *(version.primary_name for version in versions)}
        for version in versions:
            data = bundle.read(version.primary_name)
            assert hashlib.sha256(data).hexdigest() == version.sha256
        scan = next(v for v in versions if v.filename.startswith("abnahme"))
        assert scan.format_code == "044"
        assert "Schornsteinfeger" in pdf_text(bundle.read(scan.primary_name), tmp_path)
        for version in versions:
            if version.extension == "pdf":
                assert version.format_code == "044"
                assert pdfa_declaration(bundle.read(version.primary_name), tmp_path) == "2"
        xml = bundle.read(message_name).decode()
        assert ids["destroy"] not in xml and ids["rest"] not in xml
    # nothing deleted before the 0506
    assert not any(gone(value) for value in ids.values())

    process.take_receipt(proc, "0507.xml", archive.receipt(proc, "0507"))
    confirmation = process.take_confirmation(proc, "0506.xml", archive.confirmation(proc))
    assert confirmation.success
    assert api.content.get_state(proc) == "abgeschlossen"
    assert gone(ids["archive"]) and gone(ids["destroy"])
    assert not gone(ids["rest"])
    assert api.content.get_state(rest) == "closed"
    assert api.content.get_state(rest["antrag"]) == "done"
    assert "mittelangeln.aussonderung" not in IAnnotations(rest)

    protocol = portal["aussonderungen"][proc.protocols[0]]
    assert protocol.portal_type == "Loeschprotokoll"
    assert protocol.process_id == proc.process_id
    akten_entries = {entry["aktenzeichen"]: entry for entry in protocol.entries if entry["what"] == "Akte"}
    assert {entry["decision"] for entry in akten_entries.values()} == {"A", "V"}
    assert {entry["title"] for entry in akten_entries.values()} == {"Neubau Kita", "Umbau Mühle"}
    assert all(entry["process_id"] == proc.process_id for entry in protocol.entries)
    assert {entry["what"] for entry in protocol.entries} == {"Akte", "Vorgang", "Dokument"}
    assert_valid(proc)


def pdfa_declaration(data, tmp_path):
    """The PDF/A part a PDF's XMP declares, read independently of the
    portal's code: qpdf writes every stream uncompressed (QDF), which also
    checks the file (qpdf --check must find no error)."""
    source, expanded = tmp_path / "check.pdf", tmp_path / "check-qdf.pdf"
    source.write_bytes(data)
    checked = subprocess.run(["qpdf", "--check", str(source)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(source), str(expanded)], check=True)
    found = re.search(rb"pdfaid:part(?:>|=[\"'])\s*(\d)", expanded.read_bytes())
    return found.group(1).decode() if found else None


def reader_akten_0501(message):
    """The xdomea UUIDs a 0501 names (read with lxml: the reader reads only
    what the archive sends)."""
    tree = safexml.parse(read(message["blob"]))
    validate(tree)
    ns = "{urn:xoev-de:xdomea:schema:4.0.0}"
    return {element.text for element in tree.iter(f"{ns}xdomeaUUID")}


@pytest.fixture
def appraised(portal, manager, expired_akten, archive):
    """A process of the three Akten, appraised A, V, left out."""
    ids = {key: xdomea_uuid(akte) for key, akte in expired_akten.items()}
    proc = process.start(list(expired_akten.values()))
    process.take_appraisal(proc, "0502.xml", archive.appraisal(proc, {ids["archive"]: "A", ids["destroy"]: "V"}))
    return proc, ids


def test_nothing_is_deleted_before_a_successful_0506(appraised, archive):
    proc, ids = appraised
    process.build_handover(proc)
    process.take_receipt(proc, "0507.xml", archive.receipt(proc, "0507"))
    assert not any(gone(value) for value in ids.values())
    assert all(api.content.get_state(find(value)) == "in_aussonderung" for value in ids.values())


def test_failed_0506_deletes_nothing_and_keeps_the_error(portal, appraised, archive):
    proc, ids = appraised
    process.build_handover(proc)
    failure = archive.confirmation(
        proc, objects={ids["archive"]: (False, "Prüfsumme falsch")}, success=False, error="Import abgebrochen"
    )
    confirmation = process.take_confirmation(proc, "0506.xml", failure)
    assert not confirmation.success
    assert proc.error == "Import abgebrochen"
    assert api.content.get_state(proc) == "uebergeben"
    assert not any(gone(value) for value in ids.values())
    assert not [obj for obj in portal["aussonderungen"].objectValues() if obj.portal_type == "Loeschprotokoll"]
    # a new hand-over may follow, then the success
    process.build_handover(proc)
    assert [message["filename"][-10:] for message in out_messages(proc, "0503")] == ["0503_1.zip", "0503_2.zip"]
    process.take_confirmation(proc, "0506.xml", archive.confirmation(proc))
    assert gone(ids["archive"]) and gone(ids["destroy"]) and not gone(ids["rest"])
    assert proc.error == ""


def test_second_handover_is_numbered_inside(appraised, archive, tmp_path):
    proc, ids = appraised
    process.build_handover(proc)
    failure = archive.confirmation(proc, objects={}, success=False, error="Import abgebrochen")
    process.take_confirmation(proc, "0506.xml", failure)
    second = process.build_handover(proc)
    assert second["filename"] == f"{proc.process_id}_0503_2.zip"
    path = tmp_path / second["filename"]
    path.write_bytes(read(second["blob"]))
    with zipfile.ZipFile(path) as bundle:
        (message_name,) = [name for name in bundle.namelist() if name.endswith(".xml")]
        assert message_name == f"{proc.process_id}_0503_2.xml"
        tree = safexml.parse(bundle.read(message_name))
    validate(tree)
    ns = "{urn:xoev-de:xdomea:schema:4.0.0}"
    assert tree.getroot().findtext(f"{ns}LfdNrNachrichtProTyp") == "2"
    assert reader.read_handover(tree)[0].message_uuid == second["uuid"]


def test_successful_0506_drops_the_zips_and_keeps_their_hashes(appraised, archive):
    proc, ids = appraised
    process.build_handover(proc)
    process.take_confirmation(proc, "0506.xml", archive.confirmation(proc, objects={}, success=False, error="x"))
    process.build_handover(proc)
    zips = out_messages(proc, "0503")
    expected = [(hashlib.sha256(read(m["blob"])).hexdigest(), m["blob"].getSize(), m["filename"]) for m in zips]
    process.take_confirmation(proc, "0506.xml", archive.confirmation(proc))
    assert [(m["sha256"], m["size"], m["filename"]) for m in zips] == expected
    assert all(m["blob"] is None for m in zips)
    assert {m["note"] for m in zips} == {"Nach der Importbestätigung des Archivs gelöscht"}
    # the XML messages stay
    assert all(m["blob"] is not None for m in proc.messages if m["code"] != "0503")


def test_objects_the_archive_did_not_take_stay_and_are_unlocked(portal, manager, expired_akten, archive):
    taken, refused_akte = expired_akten["archive"], expired_akten["rest"]
    proc = process.start([taken, refused_akte])
    decisions = {xdomea_uuid(taken): "A", xdomea_uuid(refused_akte): "A"}
    process.take_appraisal(proc, "0502.xml", archive.appraisal(proc, decisions))
    process.build_handover(proc)
    objects = {xdomea_uuid(taken): (True, "Best. 12 Nr. 1"), xdomea_uuid(refused_akte): (False, "Datei beschädigt")}
    confirmation = process.take_confirmation(proc, "0506.xml", archive.confirmation(proc, objects=objects))
    assert confirmation.success
    assert api.content.get_state(proc) == "abgeschlossen"
    assert gone(xdomea_uuid(taken))
    assert not gone(xdomea_uuid(refused_akte))
    assert api.content.get_state(refused_akte) == "closed"
    assert api.content.get_state(refused_akte["antrag"]) == "done"
    assert proc.objects[xdomea_uuid(refused_akte)]["archive_error"] == "Datei beschädigt"
    assert "archive_error" not in proc.objects[xdomea_uuid(taken)]
    assert not proc.objects[xdomea_uuid(refused_akte)]["removed"]


def test_cancel_restores_every_state(portal, manager, expired_akten, archive):
    marked = expired_akten["rest"]
    api.content.transition(obj=marked, transition="mark_for_aussonderung")
    proc = process.start(list(expired_akten.values()))
    assert {api.content.get_state(akte) for akte in expired_akten.values()} == {"in_aussonderung"}
    process.take_appraisal(proc, "0502.xml", archive.appraisal(proc, {xdomea_uuid(marked): "A"}))
    process.cancel(proc)
    assert api.content.get_state(proc) == "abgebrochen"
    assert api.content.get_state(marked) == "aussonderung"
    assert api.content.get_state(expired_akten["archive"]) == "closed"
    for akte in expired_akten.values():
        assert api.content.get_state(akte["antrag"]) == "done"
        assert "mittelangeln.aussonderung" not in IAnnotations(akte)
    # and the Akten can be offered again
    assert process.start([marked]).objects


def test_cancel_is_refused_after_the_handover(appraised):
    proc, ids = appraised
    process.build_handover(proc)
    with pytest.raises(MessageRefused) as refused:
        process.cancel(proc)
    assert str(refused.value) == "Ein Verfahren kann nur vor der Aussonderung (0503) abgebrochen werden."
    assert api.content.get_state(proc) == "uebergeben"


def test_two_stage_hands_over_directly(portal, manager, expired_akten, archive):
    akte = expired_akten["rest"]
    proc = process.start([akte], two_stage=True)
    assert api.content.get_state(proc) == "bewertet"
    assert not out_messages(proc, "0501")
    process.build_handover(proc)
    assert not gone(xdomea_uuid(akte))
    process.take_confirmation(proc, "0506.xml", archive.confirmation(proc))
    assert gone(xdomea_uuid(akte))
    assert api.content.get_state(proc) == "abgeschlossen"
    assert_valid(proc)


def test_only_v_destroys_after_confirmation(portal, manager, expired_akten, archive):
    akte, left_out = expired_akten["destroy"], expired_akten["rest"]
    proc = process.start([akte, left_out])
    with pytest.raises(MessageRefused):  # nothing appraised yet
        process.destroy(proc)
    process.take_appraisal(proc, "0502.xml", archive.appraisal(proc, {xdomea_uuid(akte): "V"}))
    # the 0502 deletes nothing
    assert not gone(xdomea_uuid(akte))
    assert api.content.get_state(akte) == "in_aussonderung"
    assert api.content.get_state(proc) == "bewertet"
    assert process.destroy_only(proc) and not proc.protocols
    with pytest.raises(MessageRefused) as refused:
        process.build_handover(proc)
    assert "nichts zu übergeben" in str(refused.value)
    process.destroy(proc)
    assert gone(xdomea_uuid(akte))
    assert api.content.get_state(proc) == "abgeschlossen"
    assert api.content.get_state(left_out) == "closed"
    (protocol_id,) = proc.protocols
    entries = portal["aussonderungen"][protocol_id].entries
    assert {entry["decision"] for entry in entries} == {"V"}
    assert {entry["title"] for entry in entries if entry["what"] == "Akte"} == {"Umbau Mühle"}
    assert not process.destroy_only(proc)
    with pytest.raises(MessageRefused):
        process.destroy(proc)


def test_destroy_is_refused_when_something_goes_to_the_archive(appraised):
    proc, ids = appraised
    with pytest.raises(MessageRefused) as refused:
        process.destroy(proc)
    assert str(refused.value).startswith("Objekte werden auf diesem Weg nur vernichtet")
    assert not any(gone(value) for value in ids.values())
    assert api.content.get_state(proc) == "bewertet"


def test_destroy_needs_the_registratur(portal, manager, expired_akten, archive):
    akte = expired_akten["destroy"]
    proc = process.start([akte])
    process.take_appraisal(proc, "0502.xml", archive.appraisal(proc, {xdomea_uuid(akte): "V"}))
    api.user.create(email="bau@example.org", username="bauamt")
    api.group.add_user(groupname="fachdienst-iv-bauen-und-umwelt", username="bauamt")
    with api.env.adopt_user(username="bauamt"), pytest.raises(Exception) as refused:
        process.destroy(proc)
    assert refused.type.__name__ == "Unauthorized"
    assert not gone(xdomea_uuid(akte))


def test_v_vorgang_of_an_a_akte_is_not_handed_over_but_destroyed(portal, manager, expired_akten, archive, tmp_path):
    akte = expired_akten["archive"]
    vorgang = akte["antrag"]
    proc = process.start([akte])
    decisions = {xdomea_uuid(akte): "A", xdomea_uuid(vorgang): "V"}
    process.take_appraisal(proc, "0502.xml", archive.appraisal(proc, decisions))
    process.build_handover(proc)
    path = tmp_path / "handover.zip"
    path.write_bytes(read(out_messages(proc, "0503")[0]["blob"]))
    with zipfile.ZipFile(path) as bundle:
        xml = bundle.read(f"{proc.process_id}_0503_1.xml").decode()
    assert xdomea_uuid(vorgang) not in xml
    process.take_confirmation(proc, "0506.xml", archive.confirmation(proc))
    protocol = portal["aussonderungen"][proc.protocols[0]]
    decisions = {entry["what"]: entry["decision"] for entry in protocol.entries if entry["what"] != "Dokument"}
    assert decisions == {"Akte": "A", "Vorgang": "V"}


# What the lock of a process takes away (the two workflows' ``in_aussonderung``):
# besides Modify/Add/Delete the permissions a clerk acquires from the site
# that change a record: versions (save, revert), adding Dokumente/Vorgänge
# through their own add permissions, the title through the ZMI properties,
# the display view.
LOCKED = (
    "Modify portal content",
    "Add portal content",
    "Delete objects",
    "CMFEditions: Save new version",
    "CMFEditions: Revert to previous versions",
    "mittelangeln.policy: Add Vorgang",
    "mittelangeln.policy: Add Dokument",
    "Manage properties",
    "Modify view template",
)


def fachdienst_member():
    """A member of the Fachdienst named on the expired Akten."""
    user = api.user.create(email="bau@example.org", username="bauamt")
    api.group.add_user(groupname="fachdienst-iv-bauen-und-umwelt", user=user)
    return user


def granted(user, records):
    return {
        (obj.getId(), permission)
        for obj in records
        for permission in LOCKED
        if api.user.has_permission(permission, user=user, obj=obj)
    }


def test_locked_akte_cannot_be_changed(portal, manager, expired_akten):
    akte = expired_akten["archive"]
    records = (akte, akte["antrag"], akte["antrag"]["scan"], akte["vermerk"])
    user = fachdienst_member()
    assert api.user.has_permission("Modify portal content", obj=akte)  # Manager, closed Akte
    before = granted(user, records)
    # closed (zdA): the Fachdienst reads, only administrators change, add,
    # version or revert anything
    assert before == set()
    assert api.user.has_permission("View", user=user, obj=akte)
    proc = process.start([akte])
    for obj in records:
        for permission in LOCKED:
            assert not api.user.has_permission(permission, obj=obj), (obj, permission)  # not even Manager
            assert not api.user.has_permission(permission, user=user, obj=obj), (obj, permission)
    assert api.user.has_permission("View", user=user, obj=akte)  # the Fachdienst still reads it
    process.cancel(proc)
    assert granted(user, records) == before
    assert api.user.has_permission("Modify portal content", obj=akte)


def test_locked_records_refuse_new_dokumente_and_reverts(portal, manager, expired_akten):
    akte = expired_akten["archive"]
    vorgang, note = akte["antrag"], akte["vermerk"]
    process.start([akte])
    fachdienst_member()
    with api.env.adopt_user(username="bauamt"):
        for container in (vorgang, akte):
            with pytest.raises(Exception) as refused:
                api.content.create(
                    container=container,
                    type="Dokument",
                    id="nachtrag",
                    title="Nachtrag",
                    file=NamedBlobFile(b"nachgeschoben", contentType="text/plain", filename="nachtrag.txt"),
                )
            assert refused.type.__name__ == "Unauthorized"
        with pytest.raises(Exception) as refused:
            api.content.create(container=akte, type="Vorgang", id="neu", title="Neuer Vorgang")
        assert refused.type.__name__ == "Unauthorized"
        portal.REQUEST.form["version_id"] = "0"
        revert = note.restrictedTraverse("@@revertversion")
        with pytest.raises(Exception) as refused:
            revert()
        assert refused.type.__name__ == "Unauthorized"
    assert "nachtrag" not in vorgang and "nachtrag" not in akte and "neu" not in akte
    assert read(note.file) == "Vermerk über die Prüfung, ergänzt".encode()  # not reverted
    assert len(api.portal.get_tool("portal_repository").getHistoryMetadata(note)) == 2  # no version saved


def test_upgrade_locks_records_locked_before_the_lock_grew(portal, manager, expired_akten):
    """A record locked under the earlier lock (Modify/Add/Delete only) gets
    the whole lock from upgrade 1017's role mappings."""
    akte = expired_akten["archive"]
    process.start([akte])
    user = fachdienst_member()
    for obj in (akte, akte["antrag"]):
        for permission in LOCKED[3:]:
            obj.manage_permission(permission, roles=[], acquire=True)
    assert api.user.has_permission("mittelangeln.policy: Add Dokument", user=user, obj=akte["antrag"])
    v1017.update_record_role_mappings()
    assert granted(user, (akte, akte["antrag"], akte["antrag"]["scan"])) == set()


def test_akte_in_another_process_is_refused(portal, manager, expired_akten):
    first = process.start([expired_akten["archive"]])
    with pytest.raises(MessageRefused) as refused:
        process.start([expired_akten["archive"], expired_akten["rest"]])
    assert str(refused.value) == "Diese Akten können dem Archiv nicht angeboten werden."
    assert refused.value.problems == [
        f"{expired_akten['archive'].aktenzeichen} Neubau Kita ist bereits im Aussonderungsverfahren {first.process_id}."
    ]
    assert api.content.get_state(expired_akten["rest"]) == "closed"  # nothing changed
    assert len(portal["aussonderungen"].objectIds()) == 1


def test_akte_whose_retention_runs_is_refused(portal, manager, expired_akten):
    akte = expired_akten["rest"]
    akte.closed = akte.closed.replace(year=2024)
    with pytest.raises(MessageRefused) as refused:
        process.start([akte])
    assert refused.value.problems == [
        f"Die Aufbewahrungsfrist von {akte.aktenzeichen} Wochenmarkt Sörup ist nicht abgelaufen."
    ]


def test_only_the_registratur_starts_a_process(portal, manager, expired_akten):
    for username, group in (("registrator", "registratur"), ("bauamt", "fachdienst-iv-bauen-und-umwelt")):
        api.user.create(email=f"{username}@example.org", username=username)
        api.group.add_user(groupname=group, username=username)
    with api.env.adopt_user(username="bauamt"), pytest.raises(Exception) as refused:
        process.start([expired_akten["rest"]])
    assert refused.type.__name__ == "Unauthorized"
    with api.env.adopt_user(username="registrator"):
        proc = process.start([expired_akten["rest"]])
        assert api.content.get_state(expired_akten["rest"]) == "in_aussonderung"
        process.cancel(proc)
    assert api.content.get_state(expired_akten["rest"]) == "closed"


def test_receipt_of_the_offer_is_recorded(appraised, archive):
    proc, _ids = appraised
    process.take_receipt(proc, "0504.xml", archive.receipt(proc, "0504"))
    assert [message["code"] for message in proc.messages if message["direction"] == "in"] == ["0502", "0504"]
