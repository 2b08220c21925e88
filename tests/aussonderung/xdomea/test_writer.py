"""Every message the writer produces validates against the official xdomea
4.0.0 schema (offline), and carries the data where the mapping says."""

import io

import pytest
from lxml import etree

from mittelangeln.policy.aussonderung.xdomea import package
from mittelangeln.policy.aussonderung.xdomea import safexml
from mittelangeln.policy.aussonderung.xdomea import validation
from mittelangeln.policy.aussonderung.xdomea import writer

from . import samples


NS = {"x": writer.NS}


def packed(akten):
    """Hashes and sizes filled in as write_handover does."""
    package.write_handover(io.BytesIO(), samples.header("0503"), akten)
    return akten


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: writer.anbieteverzeichnis(samples.header("0501"), samples.akten()), id="0501"),
        pytest.param(lambda: writer.aussonderung(samples.header("0503"), packed(samples.akten())), id="0503"),
        pytest.param(lambda: writer.bewertung_empfangen(samples.header("0505"), samples.uid(0xE502)), id="0505"),
        pytest.param(lambda: writer.anbieteverzeichnis(samples.header("0501"), [samples.akte_plain()]), id="0501-bare"),
        pytest.param(
            lambda: writer.aussonderung(samples.header("0503"), packed([samples.personalakte()])), id="0503-pa"
        ),
    ],
)
def test_message_validates_against_the_official_schema(make):
    data = make()
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    validation.validate(safexml.parse(data))


def test_0501_holds_the_aussonderungsmetadaten():
    root = etree.fromstring(writer.anbieteverzeichnis(samples.header("0501"), samples.akten()))
    akte = root.find("x:Schriftgutobjekt/x:Akte", NS)
    title = akte.findtext("x:AllgemeineMetadaten/x:Betreff", namespaces=NS)
    assert title == "Bauantrag Neubau Einfamilienhaus, Größstraße 7"
    assert akte.findtext("x:AllgemeineMetadaten/x:Kennzeichen", namespaces=NS) == "632.10-2014-017"
    assert akte.findtext("x:AllgemeineMetadaten/x:Federfuehrung", namespaces=NS) == "Bauen und Planen"
    assert akte.findtext("x:AllgemeineMetadaten/x:Aktenplaneinheit/x:Kennzeichen", namespaces=NS) == "632.10"
    meta = akte.find("x:Aussonderungsmetadaten", NS)
    assert meta.findtext("x:Aufbewahrungsdauer/x:AnzahlJahre", namespaces=NS) == "10"
    assert meta.findtext("x:Aussonderungsart/x:Aussonderungsart/code", namespaces=NS) == "B"
    assert meta.findtext("x:Aufbewahrungsende", namespaces=NS) == "2025-12-31"
    assert akte.findtext("x:Typ", namespaces=NS) == "Bauakte"
    assert akte.findtext("x:Laufzeit/x:Beginn", namespaces=NS) == "2014-03-03"
    assert akte.findtext("x:Laufzeit/x:Ende", namespaces=NS) == "2015-06-30"
    assert len(akte.findall("x:Akteninhalt/x:Vorgang", NS)) == 2
    # metadata only: no versions, no primary files
    assert root.find(".//x:Version", NS) is None
    personal = root.findall("x:Schriftgutobjekt/x:Akte", NS)[1]
    assert personal.find("x:Aussonderungsmetadaten/x:Aufbewahrungsdauer/x:Unbefristet", NS).text == "1"
    assert root.findtext("x:nachrichtenkopf/x:autor/x:Behoerdenkennung/x:kennung", namespaces=NS) == "psw:01058092"
    assert root.findtext("x:nachrichtenkopf/x:ProzessID", namespaces=NS) == samples.PROCESS_ID


def test_0503_names_each_primary_file_with_its_hash():
    akten = packed(samples.akten())
    root = etree.fromstring(writer.aussonderung(samples.header("0503"), akten))
    primaries = root.findall(".//x:Primaerdokument", NS)
    versions = list(package.versions_of(akten))
    assert len(primaries) == len(versions) == 9
    for primary, version in zip(primaries, versions, strict=True):
        assert primary.findtext("x:Dateiname", namespaces=NS) == f"{version.file_uuid}.{version.extension}"
        assert primary.findtext("x:DateinameOriginal", namespaces=NS) == version.filename
        assert primary.findtext("x:Hash/x:Wert", namespaces=NS) == version.sha256
        assert primary.findtext("x:Hash/x:Algorithmus/code", namespaces=NS) == "SHA-256"
    pdf = root.find(".//x:Version[x:Nummer='3']/x:Format/x:Name", NS)
    assert pdf.findtext("code") == "044"


def test_naive_creation_time_is_written_with_its_zone():
    header = samples.header("0505")
    header.created = header.created.replace(tzinfo=None)
    root = etree.fromstring(writer.bewertung_empfangen(header, samples.uid(1)))
    stamp = root.findtext("x:nachrichtenkopf/x:identifikation.nachricht/erstellungszeitpunkt", namespaces=NS)
    assert stamp.endswith("Z") and "." in stamp


def test_writer_refuses_a_retention_it_cannot_express():
    akte = samples.akte_plain()
    akte.retention = "bis auf Weiteres"
    with pytest.raises(ValueError, match="retention"):
        writer.anbieteverzeichnis(samples.header("0501"), [akte])
