"""Registering an Eingang: number, documents, known deliveries, versions."""

import datetime

import pytest
from plone import api
from Products.CMFCore.indexing import processQueue
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent

from mittelangeln.policy.posteingang import files
from mittelangeln.policy.posteingang.content import IEingang
from mittelangeln.policy.posteingang.files import IntakeRefused
from mittelangeln.policy.posteingang.intake import IncomingFile
from mittelangeln.policy.posteingang.intake import main_document
from mittelangeln.policy.posteingang.intake import register


def test_an_eingang_gets_the_next_number_of_its_year_as_its_id(portal, manager, delivery):
    # Numbers are taken in transactions of their own: other tests took some.
    year = datetime.date.today().year
    first = register(delivery())
    second = register(delivery(files=[IncomingFile("b.txt", b"zweiter Brief")]))
    number = int(first.eingangsnummer.rpartition("-")[2])
    assert first.eingangsnummer == f"E-{year}-{number:05d}"
    assert second.eingangsnummer == f"E-{year}-{number + 1:05d}"
    assert first.getId() == first.eingangsnummer.lower()
    assert first.aq_parent.getId() == "posteingang"
    assert api.content.get_state(first) == "eingegangen"


def test_the_files_become_dokumente_main_first(portal, manager, delivery, letter_pdf):
    eingang = register(delivery(files=[IncomingFile("brief.pdf", letter_pdf), IncomingFile("anlage.txt", b"x")]))
    kinds = [(item.title, item.kind) for item in eingang.objectValues()]
    assert kinds == [("brief.pdf", "eingang"), ("anlage.txt", "anlage")]
    assert main_document(eingang).file.contentType == "application/pdf"


def test_the_same_message_twice_is_refused_with_the_first_number(portal, manager, delivery):
    first = register(delivery(message_id="<a@b>", files=[IncomingFile("a.txt", b"eins")]))
    with pytest.raises(IntakeRefused) as refused:
        register(delivery(message_id="<a@b>", files=[IncomingFile("c.txt", b"anders")]))
    assert first.eingangsnummer in str(refused.value)
    assert len(portal["posteingang"].objectIds()) == 1


def test_the_same_scan_id_adds_a_version(portal, manager, delivery, letter_pdf):
    first = register(delivery(scan_id="SCAN-1"))
    again = register(delivery(scan_id="SCAN-1", files=[IncomingFile("neu.pdf", letter_pdf + b"\n")]))
    assert again == first
    history = api.portal.get_tool("portal_repository").getHistoryMetadata(main_document(first))
    assert history.getLength(countPurged=False) == 2
    assert main_document(first).file.filename == "neu.pdf"


@pytest.mark.parametrize(
    "name, expected",
    [("../../etc/passwd", "passwd"), ("a\x00b.pdf", "ab.pdf"), ("C:\\tmp\\x.pdf", "x.pdf"), ("", "Dokument")],
)
def test_hostile_file_names_are_made_safe(name, expected):
    assert IncomingFile(name, b"x").filename == expected


def test_a_very_long_name_keeps_its_extension():
    name = IncomingFile("a" * 300 + ".pdf", b"x").filename
    assert len(name) == 120 and name.endswith(".pdf")


def test_a_delivery_without_files_is_refused(portal, manager, delivery):
    with pytest.raises(IntakeRefused, match="kein Dokument|no document"):
        register(delivery(files=[]))


def test_a_number_taken_by_other_means_is_skipped(portal, manager, delivery):
    """An Eingang imported with a number the counter has not reached yet."""
    first = register(delivery(files=[IncomingFile("a.txt", b"eins")]))
    year, number = first.eingangsnummer.split("-")[1:]
    # Made with its own id, it takes the next number (N+1) for itself; its
    # id is the number after that, which register must skip.
    taken = f"e-{year}-{int(number) + 2:05d}"
    imported = api.content.create(container=portal["posteingang"], type="Eingang", id=taken, title="Importiert")
    assert imported.eingangsnummer == f"E-{year}-{int(number) + 1:05d}"
    second = register(delivery(files=[IncomingFile("b.txt", b"zwei")]))
    assert second.getId() == f"e-{year}-{int(number) + 3:05d}"


def test_a_scan_id_of_a_done_eingang_is_refused(portal, manager, delivery, letter_pdf):
    first = register(delivery(scan_id="SCAN-9"))
    api.content.transition(obj=first, transition="bearbeiten")
    api.content.transition(obj=first, transition="erledigen")
    with pytest.raises(IntakeRefused) as refused:
        register(delivery(scan_id="SCAN-9", files=[IncomingFile("neu.pdf", letter_pdf + b"\n")]))
    assert first.eingangsnummer in str(refused.value) and "erledigt" in str(refused.value)
    assert len(first.objectIds()) == 1


def test_a_pdf_qpdf_cannot_check_in_time_is_refused(portal, manager, delivery, letter_pdf, monkeypatch):
    monkeypatch.setattr(files, "QPDF_SECONDS", 0.0001)
    with pytest.raises(IntakeRefused, match="nicht rechtzeitig"):
        register(delivery(files=[IncomingFile("gross.pdf", letter_pdf)]))
    assert list(portal["posteingang"].objectIds()) == []


def test_documents_follow_a_changed_fachdienst(portal, manager, delivery):
    eingang = register(delivery(fachdienst="Fachdienst IV – Bauen und Umwelt"))
    processQueue()  # indexed as routed to IV
    eingang.fachdienst = "Fachdienst III – Ordnung und Soziales"
    notify(ObjectModifiedEvent(eingang, Attributes(IEingang, "IEingang.fachdienst")))
    brain = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        path="/".join(eingang.getPhysicalPath()), portal_type="Dokument"
    )[0]
    allowed = api.portal.get_tool("portal_catalog").getIndexDataForRID(brain.getRID())["allowedRolesAndUsers"]
    assert "user:fachdienst-iii-ordnung-und-soziales" in allowed
    assert "user:fachdienst-iv-bauen-und-umwelt" not in allowed


def test_the_edit_form_does_not_reassign(portal, manager, delivery):
    eingang = register(delivery())
    form = eingang.restrictedTraverse("@@edit").form_instance
    form.update()
    names = set(form.fields) | {name for group in form.groups for name in group.fields}
    assert "fachdienst" not in names and "responsible" not in names
    assert "deadline" in names
