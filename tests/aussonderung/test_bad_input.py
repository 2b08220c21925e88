"""Bad input to the process: each refused with a German message before
anything changes (process state, messages, decisions, the Akten's states)."""

import uuid

import pytest
from plone import api

from mittelangeln.policy.aussonderung import process
from mittelangeln.policy.aussonderung.identifiers import xdomea_uuid
from mittelangeln.policy.aussonderung.xdomea.errors import MessageRefused


@pytest.fixture
def offered(portal, manager, expired_akten):
    proc = process.start(list(expired_akten.values()))
    return proc, {key: xdomea_uuid(akte) for key, akte in expired_akten.items()}, expired_akten


def snapshot(proc, akten):
    return (
        api.content.get_state(proc),
        [message["uuid"] for message in proc.messages],
        {key: row["decision"] for key, row in proc.objects.items()},
        {key: api.content.get_state(akte) for key, akte in akten.items()},
        proc.error,
    )


def refused(proc, akten, call, *args):
    before = snapshot(proc, akten)
    with pytest.raises(MessageRefused) as error:
        call(*args)
    assert snapshot(proc, akten) == before
    return str(error.value)


def appraised(offered, archive):
    proc, ids, akten = offered
    process.take_appraisal(proc, "0502.xml", archive.appraisal(proc, {ids["archive"]: "A", ids["destroy"]: "V"}))
    return proc, ids, akten


def test_0502_of_another_process(offered, archive):
    proc, ids, akten = offered
    other = str(uuid.uuid4())
    data = archive.appraisal(proc, {ids["archive"]: "A"}, process_id=other)
    message = refused(proc, akten, process.take_appraisal, proc, "0502.xml", data)
    assert message == f"Die Nachricht gehört zu einem anderen Verfahren ({other}), nicht zu {proc.process_id}."


def test_0502_to_another_behoerdenkennung(offered, archive):
    proc, ids, akten = offered
    api.portal.set_registry_record("mittelangeln.aussonderung_behoerdenkennung", "psw:01059000")
    data = archive.appraisal(proc, {ids["archive"]: "A"}, receiver="psw:01099999")
    message = refused(proc, akten, process.take_appraisal, proc, "0502.xml", data)
    assert message == "Die Nachricht ist an die Behördenkennung psw:01099999 gerichtet, unsere ist psw:01059000."


def test_0502_from_another_archive(offered, archive):
    proc, ids, akten = offered
    api.portal.set_registry_record("mittelangeln.archive_kennung", "psw:01000001")
    data = archive.appraisal(proc, {ids["archive"]: "A"}, sender="psw:01000002")
    message = refused(proc, akten, process.take_appraisal, proc, "0502.xml", data)
    assert message == "Die Nachricht kommt von psw:01000002, nicht vom Archiv psw:01000001."


def test_0502_answering_another_message(offered, archive):
    proc, ids, akten = offered
    other = str(uuid.uuid4())
    data = archive.appraisal(proc, {ids["archive"]: "A"}, origin=other)
    message = refused(proc, akten, process.take_appraisal, proc, "0502.xml", data)
    ours = proc.messages[0]["uuid"]
    assert message == f"Die Nachricht antwortet auf die Nachricht {other}, nicht auf unsere 0501 {ours}."


def test_0502_with_unknown_uuids_only(offered, archive):
    proc, _ids, akten = offered
    unknown = [str(uuid.uuid4()), str(uuid.uuid4())]
    data = archive.appraisal(proc, dict.fromkeys(unknown, "A"))
    before = snapshot(proc, akten)
    with pytest.raises(MessageRefused) as error:
        process.take_appraisal(proc, "0502.xml", data)
    assert str(error.value) == "Die Bewertung (0502) nennt nur Objekte, die in diesem Verfahren nicht angeboten wurden."
    assert error.value.problems == [f"Nicht angeboten: {key}" for key in sorted(unknown)]
    assert snapshot(proc, akten) == before


def test_0502_with_decision_b_only(offered, archive):
    proc, ids, akten = offered
    data = archive.appraisal(proc, {ids["archive"]: "B", ids["rest"]: "B"})
    message = refused(proc, akten, process.take_appraisal, proc, "0502.xml", data)
    assert message == (
        "Die Bewertung (0502) entscheidet über kein Objekt mit A (archivieren) oder V (vernichten); "
        "B ist keine Entscheidung."
    )


def test_0502_without_decisions(offered, archive):
    proc, _ids, akten = offered
    message = refused(proc, akten, process.take_appraisal, proc, "0502.xml", archive.appraisal(proc, {}))
    assert "BewertetesSGO" in message  # the schema demands at least one


def test_0501_uploaded_instead_of_0502(offered):
    proc, _ids, akten = offered
    with proc.messages[0]["blob"].open() as stream:
        data = stream.read()
    message = refused(proc, akten, process.take_appraisal, proc, "0501.xml", data)
    assert message == "Die Datei ist eine Nachricht 0501, erwartet wird hier 0502."


def test_0502_that_is_no_xml(offered):
    proc, _ids, akten = offered
    message = refused(proc, akten, process.take_appraisal, proc, "0502.pdf", b"%PDF-1.4 no xml")
    assert message  # safexml's German text
    assert "XML" in message


def test_0502_in_state_uebergeben(offered, archive):
    proc, ids, akten = appraised(offered, archive)
    process.build_handover(proc)
    data = archive.appraisal(proc, {ids["rest"]: "A"})
    message = refused(proc, akten, process.take_appraisal, proc, "0502.xml", data)
    assert message == "Eine Bewertung (0502) wird nur angenommen, solange das Verfahren im Schritt „Angeboten“ ist."


def test_second_0502(offered, archive):
    proc, ids, akten = appraised(offered, archive)
    data = archive.appraisal(proc, {ids["rest"]: "V"})
    message = refused(proc, akten, process.take_appraisal, proc, "0502.xml", data)
    assert message.startswith("Eine Bewertung (0502) wird nur angenommen")


def test_0506_before_the_0503(offered, archive):
    proc, _ids, akten = appraised(offered, archive)
    data = archive.confirmation(proc, objects={})
    message = refused(proc, akten, process.take_confirmation, proc, "0506.xml", data)
    assert message == "Eine Importbestätigung (0506) wird erst nach der Aussonderung (0503) angenommen."


def test_0506_for_another_message(offered, archive):
    proc, _ids, akten = appraised(offered, archive)
    process.build_handover(proc)
    other = str(uuid.uuid4())
    data = archive.confirmation(proc, origin=other)
    message = refused(proc, akten, process.take_confirmation, proc, "0506.xml", data)
    ours = proc.messages[-1]["uuid"]
    assert message == f"Die Nachricht antwortet auf die Nachricht {other}, nicht auf unsere 0503 {ours}."


def test_0506_of_another_process(offered, archive):
    proc, _ids, akten = appraised(offered, archive)
    process.build_handover(proc)
    other = str(uuid.uuid4())
    data = archive.confirmation(proc, process_id=other)
    message = refused(proc, akten, process.take_confirmation, proc, "0506.xml", data)
    assert message == f"Die Nachricht gehört zu einem anderen Verfahren ({other}), nicht zu {proc.process_id}."


def test_0502_uploaded_as_0506(offered, archive):
    proc, ids, akten = appraised(offered, archive)
    process.build_handover(proc)
    data = archive.appraisal(proc, {ids["archive"]: "A"})
    message = refused(proc, akten, process.take_confirmation, proc, "0506.xml", data)
    assert message == "Die Datei ist eine Nachricht 0502, erwartet wird hier 0506."


def test_0507_before_any_0503(offered, archive):
    proc, _ids, akten = offered
    data = archive.receipt(proc, "0507", origin=str(uuid.uuid4()))
    message = refused(proc, akten, process.take_receipt, proc, "0507.xml", data)
    assert message == "Das Verfahren hat keine Nachricht 0503, auf die diese Nachricht antworten könnte."


def test_handover_before_the_appraisal(offered):
    proc, _ids, akten = offered
    message = refused(proc, akten, process.build_handover, proc)
    assert message == "Die Aussonderung (0503) wird erst nach der Bewertung des Archivs erstellt."


def test_start_without_akten(portal, manager):
    with pytest.raises(MessageRefused) as error:
        process.start([])
    assert str(error.value) == "Bitte mindestens eine Akte wählen."
    assert not portal["aussonderungen"].objectIds()


def test_start_with_an_open_akte(portal, manager, akte):
    with pytest.raises(MessageRefused) as error:
        process.start([akte])
    assert error.value.problems == [
        f"{akte.aktenzeichen} Neubau Kita Mittelangeln ist nicht geschlossen (zdA).",
        f"Die Aufbewahrungsfrist von {akte.aktenzeichen} Neubau Kita Mittelangeln ist nicht abgelaufen.",
    ]
    assert api.content.get_state(akte) == "open"
    assert not portal["aussonderungen"].objectIds()


def test_0504_after_the_0503(offered, archive):
    proc, _ids, akten = appraised(offered, archive)
    process.build_handover(proc)
    data = archive.receipt(proc, "0504")
    message = refused(proc, akten, process.take_receipt, proc, "0504.xml", data)
    assert message == (
        "Eine Empfangsbestätigung der Anbietung (0504) wird nur angenommen, "
        "solange das Verfahren angeboten oder bewertet ist."
    )


def test_0507_after_the_process_ended(offered, archive):
    proc, _ids, akten = appraised(offered, archive)
    process.build_handover(proc)
    process.take_confirmation(proc, "0506.xml", archive.confirmation(proc))
    data = archive.receipt(proc, "0507")
    before = len(proc.messages)
    message = refused(proc, {"rest": akten["rest"]}, process.take_receipt, proc, "0507.xml", data)
    assert message == (
        "Eine Empfangsbestätigung der Aussonderung (0507) wird nur nach der Aussonderung "
        "und vor der Importbestätigung angenommen."
    )
    assert len(proc.messages) == before


def test_0504_in_a_cancelled_process(offered, archive):
    proc, _ids, akten = offered
    process.cancel(proc)
    data = archive.receipt(proc, "0504")
    message = refused(proc, akten, process.take_receipt, proc, "0504.xml", data)
    assert message.startswith("Eine Empfangsbestätigung der Anbietung (0504) wird nur angenommen")
