"""Fixtures of the Aussonderung process tests: three expired Akten with
Vorgänge and Dokumente (a scanned image-only PDF, a text PDF, a text file
with two versions), and an ``archive`` that answers the portal's messages
the way an archive does (lxml, from the hand-made example messages)."""

import copy
import datetime
import uuid
from pathlib import Path

import pytest
from lxml import etree
from plone import api
from plone.namedfile.file import NamedBlobFile

from mittelangeln.policy.aussonderung.identifiers import xdomea_uuid
from mittelangeln.policy.dokumente.scanimport.generator import scanned_pdf
from mittelangeln.policy.textpdf import text_pdf


EXAMPLES = Path(__file__).parent / "xdomea/examples/handmade-aussonderung"
EXAMPLE = "c217578e-3817-41b3-906b-0d373199bb92_{code}_1.xml"
NS = "urn:xoev-de:xdomea:schema:4.0.0"
X = f"{{{NS}}}"
BAUEN = "Fachdienst IV – Bauen und Umwelt"
SCAN_WORDS = "Schornsteinfeger Abnahme bestanden"


@pytest.fixture(scope="session")
def scan_pdf():
    return scanned_pdf([["Bauakte Mittelangeln", SCAN_WORDS]], seed=5)


@pytest.fixture(scope="session")
def plain_pdf():
    return text_pdf([["Baugenehmigung Dorfstrasse 12 Mittelangeln"]])


def closed_akte(container, item_id, title, scan, text, closed):
    """A closed (zdA) Akte: a done Vorgang with a scan and a text PDF, a
    text file (two versions) directly in the Akte; closed on ``closed``."""
    akte = api.content.create(container=container, type="Akte", id=item_id, title=title, fachdienst=BAUEN)
    vorgang = api.content.create(container=akte, type="Vorgang", id="antrag", title=f"Antrag {title}")
    api.content.create(
        container=vorgang,
        type="Dokument",
        id="scan",
        title="Abnahmeschein (Scan)",
        file=NamedBlobFile(scan, contentType="application/pdf", filename="abnahme.pdf"),
    )
    api.content.create(
        container=vorgang,
        type="Dokument",
        id="genehmigung",
        title="Baugenehmigung",
        file=NamedBlobFile(text, contentType="application/pdf", filename="genehmigung.pdf"),
        document_date=datetime.date(1979, 3, 1),
    )
    note = api.content.create(
        container=akte,
        type="Dokument",
        id="vermerk",
        title="Vermerk",
        file=NamedBlobFile("Vermerk über die Prüfung".encode(), contentType="text/plain", filename="vermerk.txt"),
    )
    note.file = NamedBlobFile(
        "Vermerk über die Prüfung, ergänzt".encode(), contentType="text/plain", filename="vermerk.txt"
    )
    api.portal.get_tool("portal_repository").save(note, comment="ergänzt")
    api.content.transition(obj=vorgang, transition="complete")
    api.content.transition(obj=akte, transition="close")
    akte.closed = closed
    akte.reindexObject()
    return akte


@pytest.fixture
def expired_akten(portal, plan, scan_pdf, plain_pdf):
    """Three closed Akten whose retention ran out long ago: ``archive`` and
    ``destroy`` in 632.1 (30 years, A), ``rest`` in 6 (10 years, B)."""
    return {
        "archive": closed_akte(
            plan["genehmigungen"], "kita", "Neubau Kita", scan_pdf, plain_pdf, datetime.date(1980, 5, 1)
        ),
        "destroy": closed_akte(
            plan["genehmigungen"], "muehle", "Umbau Mühle", scan_pdf, plain_pdf, datetime.date(1981, 3, 1)
        ),
        "rest": closed_akte(plan["bau"], "markt", "Wochenmarkt Sörup", scan_pdf, plain_pdf, datetime.date(1990, 6, 1)),
    }


class Archive:
    """Answers the portal's messages like the archive: 0502 to a 0501,
    0506 to a 0503, receipts 0504/0507; each built with lxml from the
    hand-made example, every part overridable to make bad input."""

    def template(self, code):
        return etree.parse(str(EXAMPLES / EXAMPLE.format(code=code))).getroot()

    def sent(self, process, code):
        return [message for message in process.messages if message["code"] == code and message["direction"] == "out"]

    def head(self, root, process, process_id=None, origin=None, origin_code=None, receiver=None, sender=None):
        root.find(f"{X}nachrichtenkopf/{X}identifikation.nachricht/nachrichtenUUID").text = str(uuid.uuid4())
        root.find(f"{X}nachrichtenkopf/{X}ProzessID").text = process_id or process.process_id
        if origin_code is not None:
            sent = self.sent(process, origin_code)
            origin = origin or (sent[-1]["uuid"] if sent else str(uuid.uuid4()))
            root.find(f"{X}UUIDUrsprungsnachricht").text = origin
        for part, kennung in (("leser", receiver), ("autor", sender)):
            if kennung:
                element = root.find(f"{X}nachrichtenkopf/{X}{part}")
                behoerde = etree.Element(f"{X}Behoerdenkennung")
                dienst = etree.SubElement(
                    behoerde,
                    f"{X}verzeichnisdienst",
                    listURI="urn:xoev-de:kosit:codeliste:verzeichnisdienst",
                    listVersionID="2",
                )
                etree.SubElement(dienst, "code").text = "DVDV"
                etree.SubElement(behoerde, f"{X}kennung").text = kennung
                element.insert(0, behoerde)
        return root

    def appraisal(self, process, decisions, **head):
        """A 0502 deciding ``decisions`` (xdomea uuid → A | V | B)."""
        root = self.head(self.template("0502"), process, origin_code="0501", **head)
        example = root.find(f"{X}BewertetesSGO")
        for key, decision in decisions.items():
            sgo = copy.deepcopy(example)
            sgo.find(f"{X}xdomeaUUID").text = key
            sgo.find(f"{X}Aussonderungsart/{X}Aussonderungsart/code").text = decision
            example.addprevious(sgo)
        root.remove(example)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    def confirmation(self, process, objects=None, success=True, error="", **head):
        """A 0506: ``objects`` xdomea uuid → (success, Archivkennung or error
        text), by default every Akte of the 0503 confirmed."""
        root = self.head(self.template("0506"), process, origin_code="0503", **head)
        if objects is None:
            objects = {
                key: (True, f"Best. 12 Nr. {number}")
                for number, (key, row) in enumerate(process.objects.items(), 1)
                if not row["parent"] and row.get("handed_over")
            }
        outcome = root.find(f"{X}ErfolgOderMisserfolg")
        outcome.find(f"{X}Erfolgreich").text = "1" if success else "0"
        if error:
            etree.SubElement(outcome, f"{X}Fehlermeldung").text = error
        example = root.find(f"{X}AusgesondertesSGO")
        for key, (ok, text) in objects.items():
            sgo = copy.deepcopy(example)
            sgo.find(f"{X}xdomeaUUID").text = key
            sgo.find(f"{X}ErfolgOderMisserfolg/{X}Erfolgreich").text = "1" if ok else "0"
            if ok:
                sgo.find(f"{X}Archivkennung").text = text
            else:
                sgo.remove(sgo.find(f"{X}Archivkennung"))
                etree.SubElement(sgo.find(f"{X}ErfolgOderMisserfolg"), f"{X}Fehlermeldung").text = text
            example.addprevious(sgo)
        root.remove(example)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    def receipt(self, process, code, **head):
        """A 0504 (receipt of the 0501) or 0507 (of the 0503)."""
        root = self.head(self.template("0506"), process, origin_code="0501" if code == "0504" else "0503", **head)
        names = {"0504": "AnbietungEmpfangBestaetigen", "0507": "AussonderungEmpfangBestaetigen"}
        root.tag = f"{X}Aussonderung.{names[code]}.{code}"
        kind = root.find(f"{X}nachrichtenkopf/{X}identifikation.nachricht/nachrichtentyp")
        kind.find("code").text = code
        kind.find("name").text = f"Aussonderung.{names[code]}"
        for name in ("ErfolgOderMisserfolg", "AusgesondertesSGO"):
            root.remove(root.find(f"{X}{name}"))
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@pytest.fixture
def archive():
    return Archive()


def uuid_of(obj):
    return xdomea_uuid(obj)
