"""The reader takes the example messages of the archive and other DMS, and
gives back exactly what the writer wrote (round trip)."""

import io
from pathlib import Path

from mittelangeln.policy.aussonderung.xdomea import package
from mittelangeln.policy.aussonderung.xdomea import reader
from mittelangeln.policy.aussonderung.xdomea import safexml
from mittelangeln.policy.aussonderung.xdomea import writer

from . import samples


EXAMPLES = Path(__file__).parent / "examples"
HANDMADE = EXAMPLES / "handmade-aussonderung"
PROCESS = "c217578e-3817-41b3-906b-0d373199bb92"


def parsed(path):
    return safexml.parse(path.read_bytes())


def test_example_0502_gives_the_appraisal():
    appraisal = reader.read_appraisal(parsed(HANDMADE / f"{PROCESS}_0502_1.xml"))
    assert appraisal.header.process_id == PROCESS
    assert appraisal.header.code == "0502"
    assert appraisal.header.sender.name == "Beispiel-Kommunalarchiv"
    assert appraisal.origin_uuid == "e21a9d03-c805-4e95-9e49-83db9715d849"
    assert appraisal.decisions == {"f83bed6e-018c-4aac-b254-8c116ba79414": "A"}


def test_example_0506_gives_the_confirmation():
    confirmation = reader.read_confirmation(parsed(HANDMADE / f"{PROCESS}_0506_1.xml"))
    assert confirmation.origin_uuid == "3addc1e3-d17d-4aa7-ac65-bb8e94a2b30d"
    assert confirmation.success is True
    assert confirmation.error == ""
    assert confirmation.objects == {"f83bed6e-018c-4aac-b254-8c116ba79414": (True, "Best. 12 Nr. 345")}


def test_failed_0506_keeps_the_error_text():
    data = (HANDMADE / f"{PROCESS}_0506_1.xml").read_bytes()
    data = data.replace(
        b"<xdomea:Erfolgreich>1</xdomea:Erfolgreich>\n  </xdomea:ErfolgOderMisserfolg>",
        b"<xdomea:Erfolgreich>0</xdomea:Erfolgreich>\n"
        b"    <xdomea:Fehlermeldung>Pr\xc3\xbcfsumme der Datei stimmt nicht</xdomea:Fehlermeldung>\n"
        b"  </xdomea:ErfolgOderMisserfolg>",
        1,
    )
    confirmation = reader.read_confirmation(safexml.parse(data))
    assert confirmation.success is False
    assert confirmation.error == "Prüfsumme der Datei stimmt nicht"


def test_handmade_0503_xml_and_zip():
    header, akten = reader.read_handover(parsed(HANDMADE / f"{PROCESS}_0503_1.xml"))
    assert header.process_id == PROCESS
    (akte,) = akten
    assert (akte.title, akte.aktenzeichen, akte.plan_key, akte.retention, akte.proposal) == (
        "Bauantrag Neubau Einfamilienhaus, Musterweg 1",
        "632.10-2014-017",
        "632.10",
        "10",
        "A",
    )
    (version,) = akte.vorgaenge[0].documents[0].versions
    assert version.primary_name == "cad55c1a-5cdc-474c-8aa7-9ba9ff176210.txt"
    assert version.format_code == "045"
    with (HANDMADE / f"{PROCESS}_0503_1.zip").open("rb") as fileobj:
        zip_header, zip_akten = package.read_handover_zip(fileobj)
        zip_version = zip_akten[0].vorgaenge[0].documents[0].versions[0]
        with zip_version.open() as entry:
            assert entry.read() == (HANDMADE / "cad55c1a-5cdc-474c-8aa7-9ba9ff176210.txt").read_bytes()
    assert zip_header == header
    assert zip_version.sha256 == version.sha256
    assert zip_version.size == 91


def test_lavnrw_0503_from_a_state_archive(tmp_path):
    folder = EXAMPLES / "lavnrw-0503"
    message = folder / "518c7c31-d1a0-11ef-accb-005056871b7c_0503_1.xml"
    header, akten = reader.read_handover(parsed(message))
    assert header.receiver.name == "Landesarchiv NRW"
    vorgang = akten[0].vorgaenge[0]
    assert vorgang.title == "[Vorgangsbetreff]"
    assert vorgang.documents[0].versions[0].file_uuid == "8bcadd35-d27b-11ef-ab6c-005056871b7c"
    # packed as its README describes: message plus primary file, flat
    import zipfile

    container = tmp_path / package.handover_name(header.process_id)
    with zipfile.ZipFile(container, "w") as archive:
        archive.write(message, message.name)
        archive.write(folder / "8bcadd35-d27b-11ef-ab6c-005056871b7c.txt", "8bcadd35-d27b-11ef-ab6c-005056871b7c.txt")
    with container.open("rb") as fileobj:
        _, zip_akten = package.read_handover_zip(fileobj)
    assert zip_akten[0].vorgaenge[0].documents[0].versions[0].sha256 == (
        "ebd6798571b4476ed77408a9e7d4dde5ed0d37e3a1c93c9426e86ef40cc0d69f"
    )


def test_schema_minimal_0503():
    header, akten = reader.read_handover(parsed(EXAMPLES / "schema-minimal-0503" / f"{PROCESS}_0503_1.xml"))
    assert header.sender.name == ""
    akte = akten[0]
    assert (akte.title, akte.kind, akte.retention, akte.opened) == ("", "Akte", "", None)
    version = akte.vorgaenge[0].documents[0].versions[0]
    assert (version.sha256, version.filename, version.mime_type) == ("", "", "text/plain")


def test_round_trip_0503_is_lossless():
    header = samples.header("0503")
    akten = samples.akten()
    out = io.BytesIO()
    package.write_handover(out, header, akten)
    read_header, read_akten = package.read_handover_zip(io.BytesIO(out.getvalue()))
    assert read_header == header
    assert read_akten == akten
    bauakte = read_akten[0]
    assert bauakte.kind == "Bauakte"
    assert bauakte.extra["site_address"] == "Größstraße 7, 24986 Satrup"
    assert read_akten[1].extra["employee_name"] == "Änne Müller"
    assert [v.number for v in bauakte.vorgaenge[0].documents[1].versions] == [1, 2, 3]
    for version in package.versions_of(read_akten):
        with version.open() as entry:
            assert len(entry.read()) == version.size


def test_round_trip_xml_without_zip():
    header = samples.header("0503")
    akten = samples.akten()
    package.write_handover(io.BytesIO(), header, akten)
    assert reader.read_handover(safexml.parse(writer.aussonderung(header, akten))) == (header, akten)


def test_0501_reads_back_as_metadata():
    """The 0501 is no reader input in the process, but its content maps the same way."""
    header = samples.header("0503")
    akten = samples.without_files(samples.akten())
    data = writer.aussonderung(header, akten)
    assert reader.read_handover(safexml.parse(data)) == (header, akten)


def test_receipts_are_read():
    header = samples.header("0505")
    receipt = reader.read_receipt(safexml.parse(writer.bewertung_empfangen(header, samples.uid(0xE502))))
    assert receipt.header == header
    assert receipt.origin_uuid == samples.uid(0xE502)


def test_message_code():
    assert reader.message_code(parsed(HANDMADE / f"{PROCESS}_0502_1.xml")) == "0502"
    assert reader.message_code(safexml.parse(b"<a/>")) == ""
