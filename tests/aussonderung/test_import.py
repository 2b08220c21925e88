"""Import of xdomea 0503 hand-overs (aussonderung/importer.py): the example
messages, the round trip into a fresh site, all or nothing, the form."""

import datetime
import hashlib
import io
import re
import uuid
import zipfile
from pathlib import Path

import pytest
import transaction
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import TEST_USER_ID
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.namedfile.file import NamedBlobFile
from zope.component.hooks import setSite

from mittelangeln.policy.aussonderung import identifiers
from mittelangeln.policy.aussonderung import mapping
from mittelangeln.policy.aussonderung.importer import import_handover
from mittelangeln.policy.aussonderung.xdomea import model
from mittelangeln.policy.aussonderung.xdomea import package
from mittelangeln.policy.aussonderung.xdomea.errors import MessageRefused
from mittelangeln.policy.eakte.content import AKTE_TYPES
from mittelangeln.policy.principals import fachdienst_group_id
from mittelangeln.policy.site import creation
from mittelangeln.policy.testing.helpers import add_member
from mittelangeln.policy.testing.helpers import browser_as
from mittelangeln.policy.testing.helpers import build_plan
from mittelangeln.policy.textpdf import text_pdf


EXAMPLES = Path(__file__).parent / "xdomea/examples"
HANDMADE = EXAMPLES / "handmade-aussonderung"
HANDMADE_ZIP = HANDMADE / "c217578e-3817-41b3-906b-0d373199bb92_0503_1.zip"
HANDMADE_TXT = HANDMADE / "cad55c1a-5cdc-474c-8aa7-9ba9ff176210.txt"
LAVNRW = EXAMPLES / "lavnrw-0503"
MINIMAL = EXAMPLES / "schema-minimal-0503"
BAUEN = "Fachdienst IV – Bauen und Umwelt"
ZENTRAL = "Fachdienst I – Zentrale Dienste"


def zipped(*members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def lavnrw_zip():
    xml = next(LAVNRW.glob("*_0503_1.xml"))
    txt = next(LAVNRW.glob("*.txt"))
    return zipped((xml.name, xml.read_bytes()), (txt.name, txt.read_bytes()))


def minimal_zip():
    xml = next(MINIMAL.glob("*_0503_1.xml"))
    return zipped((xml.name, xml.read_bytes()), (HANDMADE_TXT.name, HANDMADE_TXT.read_bytes()))


def run_import(position, data, fachdienst=BAUEN):
    return import_handover(position, io.BytesIO(data), fachdienst)


def akten_in(position):
    return [obj for obj in position.objectValues() if obj.portal_type in AKTE_TYPES]


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def party(name):
    return model.Party(kennung="", name=name)


def header():
    return model.Header(
        process_id=str(uuid.uuid4()),
        message_uuid=str(uuid.uuid4()),
        code="0503",
        created=datetime.datetime.now(datetime.UTC),
        sender=party("Amt Beispiel"),
        receiver=party("Amt Mittelangeln"),
    )


def text_version(number, data, filename="vermerk.txt"):
    return model.Version(
        number=number,
        file_uuid=str(uuid.uuid4()),
        filename=filename,
        extension="txt",
        mime_type="text/plain",
        format_code="045",
        open=lambda: io.BytesIO(data),
    )


def model_akte(title, kind="Akte", aktenzeichen="", extra=None, documents=None):
    return model.Akte(
        uuid=str(uuid.uuid4()),
        title=title,
        aktenzeichen=aktenzeichen,
        kind=kind,
        plan_key="632.1",
        plan_title="Baugenehmigungen",
        fachdienst=BAUEN,
        opened=datetime.date(2010, 1, 4),
        closed=datetime.date(2012, 5, 2),
        retention="30",
        retention_until=datetime.date(2042, 12, 31),
        proposal="A",
        vorgaenge=[],
        documents=documents
        if documents is not None
        else [
            model.Document(
                uuid=str(uuid.uuid4()),
                title="Vermerk",
                date=datetime.date(2011, 3, 1),
                kind="vermerk",
                correspondent="",
                versions=[text_version(1, b"Vermerk zur Akte")],
            )
        ],
        extra=extra or {},
    )


def handover_zip(akten):
    out = io.BytesIO()
    package.write_handover(out, header(), akten)
    return out.getvalue()


# -- the example messages ----------------------------------------------------


def test_handmade_example_imports_as_closed_akte(plan):
    position = plan["genehmigungen"]
    result = run_import(position, HANDMADE_ZIP.read_bytes())
    assert (result.counts["Akte"], result.counts["Vorgang"], result.counts["Dokument"]) == (1, 1, 1)
    assert result.process_id == "c217578e-3817-41b3-906b-0d373199bb92"
    [akte] = result.akten
    assert akte.portal_type == "Akte"
    assert akte.aq_parent is position
    assert akte.title == "Bauantrag Neubau Einfamilienhaus, Musterweg 1"
    assert akte.aktenzeichen == "632.10-2014-017"  # kept, not renumbered
    assert akte.fachdienst == BAUEN  # the message names none: the chosen one
    assert (akte.opened, akte.closed) == (datetime.date(2014, 3, 3), datetime.date(2015, 6, 30))
    assert akte.retention_override == "10"  # the position keeps 30 years
    assert api.content.get_state(akte) == "closed"
    [vorgang] = akte.objectValues()
    assert vorgang.aktenzeichen == "632.10-2014-017/1"
    assert vorgang.title == "Baugenehmigungsverfahren"
    assert api.content.get_state(vorgang) == "done"
    [dokument] = vorgang.objectValues()
    assert dokument.title == "Baugenehmigung"
    assert dokument.document_date == datetime.date(2015, 6, 30)
    assert dokument.file.filename == "Baugenehmigung.txt"
    assert dokument.file.data == HANDMADE_TXT.read_bytes()
    assert dokument.kind == "sonstiges"
    assert identifiers.find("f83bed6e-018c-4aac-b254-8c116ba79414") == akte
    assert identifiers.find("91bf1839-cb46-4b62-8c08-cc42a44965dd") == vorgang
    assert identifiers.find("ca3bcbe4-13a1-4f25-9d36-9ef89b9e79c7") == dokument
    notes = "\n".join(result.notes)
    assert "632.10" in notes  # plan key of the message differs from the position
    assert BAUEN in notes  # the Fachdienst assigned


def test_lavnrw_example_imports_with_its_primary_file(plan):
    result = run_import(plan["genehmigungen"], lavnrw_zip(), fachdienst=ZENTRAL)
    [akte] = result.akten
    assert akte.title == "[Aktenbetreff]"
    assert akte.aktenzeichen == "[Aktenzeichen]"
    assert akte.fachdienst == ZENTRAL
    assert api.content.get_state(akte) == "open"  # no Laufzeit/Ende: still open at the source
    [vorgang] = akte.objectValues()
    assert api.content.get_state(vorgang) == "done"
    [dokument] = vorgang.objectValues()
    assert dokument.title == "[Dokumentbetreff]"
    assert dokument.document_date == datetime.date(2025, 1, 14)
    assert dokument.file.data == next(LAVNRW.glob("*.txt")).read_bytes()
    assert identifiers.find("a42460ea-d1a5-11ef-b6fa-005056871b7c") == dokument


def test_schema_minimal_example_imports_with_defaults(plan):
    result = run_import(plan["genehmigungen"], minimal_zip())
    [akte] = result.akten
    # None in the message: numbered here (the counters are committed, so the
    # number depends on the tests before).
    assert re.fullmatch(r"632\.1/\d{4}", akte.aktenzeichen)
    assert any(akte.aktenzeichen in note for note in result.notes)
    [vorgang] = akte.objectValues()
    [dokument] = vorgang.objectValues()
    assert dokument.file.data == HANDMADE_TXT.read_bytes()  # no hash in the message: taken as it is


def test_imported_aktenzeichen_is_never_handed_out_again(functional_portal):
    """The next Akte of the position counts on from an imported number (the
    numbers are taken on a connection of their own: committed first)."""
    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    position = build_plan(functional_portal)["genehmigungen"]
    transaction.commit()
    run_import(position, handover_zip([model_akte("Altakte", aktenzeichen="632.1/0907")]))
    transaction.commit()
    new = api.content.create(container=position, type="Akte", id="neu", title="Neu", fachdienst=BAUEN)
    assert new.aktenzeichen == "632.1/0908"
    setRoles(functional_portal, TEST_USER_ID, ["Member"])


def test_bauakte_keeps_its_fields(plan):
    extra = {"gemarkung": "Satrup", "flur": "3", "flurstuecke": "12/3\n12/4", "permit_date": "2011-02-01"}
    result = run_import(plan["genehmigungen"], handover_zip([model_akte("Neubau", kind="Bauakte", extra=extra)]))
    [akte] = result.akten
    assert akte.portal_type == "Bauakte"
    assert (akte.gemarkung, akte.flur, akte.flurstuecke) == ("Satrup", "3", ["12/3", "12/4"])
    assert akte.permit_date == datetime.date(2011, 2, 1)
    [dokument] = akte.objectValues()  # a Dokument directly in the Akte
    assert dokument.kind == "vermerk"


# -- twice, broken, all or nothing ---------------------------------------------


def test_same_message_twice_adds_nothing(plan):
    position = plan["genehmigungen"]
    first = run_import(position, HANDMADE_ZIP.read_bytes())
    catalog = api.portal.get_tool("portal_catalog")
    count = len(catalog.unrestrictedSearchResults(path="/".join(position.getPhysicalPath())))
    again = run_import(position, HANDMADE_ZIP.read_bytes())
    assert again.akten == []
    assert sum(again.counts.values()) == 0
    assert again.already == first.akten
    assert len(akten_in(position)) == 1
    assert len(catalog.unrestrictedSearchResults(path="/".join(position.getPhysicalPath()))) == count


def test_broken_zip_imports_nothing(plan):
    data = HANDMADE_ZIP.read_bytes()
    with pytest.raises(MessageRefused) as refused:
        run_import(plan["genehmigungen"], data[: len(data) // 2])
    assert "ZIP" in str(refused.value)
    assert akten_in(plan["genehmigungen"]) == []


def test_hash_mismatch_imports_nothing_and_names_the_dokument(plan):
    with zipfile.ZipFile(HANDMADE_ZIP) as archive:
        members = [(name, archive.read(name)) for name in archive.namelist()]
    tampered = [(name, b"Baugenehmigung versagt.\n" if name.endswith(".txt") else data) for name, data in members]
    with pytest.raises(MessageRefused) as refused:
        run_import(plan["genehmigungen"], zipped(*tampered))
    report = "\n".join(refused.value.problems)
    assert "Baugenehmigung" in report  # the Dokument
    assert "cad55c1a-5cdc-474c-8aa7-9ba9ff176210.txt" in report  # its file
    assert "SHA-256" in report
    assert "nichts" in str(refused.value)
    assert akten_in(plan["genehmigungen"]) == []


def test_bare_xml_with_primary_files_is_refused_by_dokument(plan):
    xml = next(HANDMADE.glob("*_0503_1.xml")).read_bytes()
    with pytest.raises(MessageRefused) as refused:
        run_import(plan["genehmigungen"], xml)
    [problem] = refused.value.problems
    assert "Baugenehmigung" in problem and "ZIP" in problem
    assert akten_in(plan["genehmigungen"]) == []


def test_one_bad_akte_stops_the_whole_message(plan):
    good = model_akte("Gute Akte", aktenzeichen="632.1/0100")
    bad = model_akte("Bauakte ohne Flur", kind="Bauakte", extra={"gemarkung": "Satrup"})
    with pytest.raises(MessageRefused) as refused:
        run_import(plan["genehmigungen"], handover_zip([good, bad]))
    report = "\n".join(refused.value.problems)
    assert "Bauakte ohne Flur" in report
    assert "Flur" in report
    assert "Gute Akte" not in report
    assert akten_in(plan["genehmigungen"]) == []
    assert identifiers.find(good.uuid) is None


def test_unknown_fachdienst_without_default_is_refused(plan):
    with pytest.raises(MessageRefused) as refused:
        run_import(plan["genehmigungen"], HANDMADE_ZIP.read_bytes(), fachdienst=None)
    [problem] = refused.value.problems
    assert "Bauantrag Neubau Einfamilienhaus" in problem and "Fachdienst" in problem
    assert akten_in(plan["genehmigungen"]) == []


def test_taken_aktenzeichen_is_refused(plan, akte):
    taken = model_akte("Doppelt", aktenzeichen=akte.aktenzeichen)
    with pytest.raises(MessageRefused) as refused:
        run_import(plan["genehmigungen"], handover_zip([taken]))
    assert akte.aktenzeichen in refused.value.problems[0]
    assert identifiers.find(taken.uuid) is None


# -- round trip ------------------------------------------------------------------


def new_version(dokument, data, filename, content_type):
    dokument.file = NamedBlobFile(data, contentType=content_type, filename=filename)
    api.portal.get_tool("portal_repository").save(obj=dokument, comment="neue Fassung")


def source_akte(plan):
    """An Akte with 2 Vorgänge and 5 Dokumente, three of them with more
    versions, two of them PDFs; closed (zdA)."""
    akte = api.content.create(
        container=plan["genehmigungen"],
        type="Akte",
        id="feuerwehrhaus",
        title="Neubau Feuerwehrhaus Mittelangeln",
        fachdienst=BAUEN,
        opened=datetime.date(2014, 2, 3),
    )
    antrag = api.content.create(container=akte, type="Vorgang", id="antrag", title="Bauantrag")
    abnahme = api.content.create(container=akte, type="Vorgang", id="abnahme", title="Bauabnahme")

    def dokument(container, title, data, filename, content_type, kind, **fields):
        return api.content.create(
            container=container,
            type="Dokument",
            id=filename.replace(".", "-"),
            title=title,
            file=NamedBlobFile(data, contentType=content_type, filename=filename),
            kind=kind,
            **fields,
        )

    pdf = "application/pdf"
    first = dokument(
        antrag,
        "Bauantrag",
        text_pdf([["Bauantrag Feuerwehrhaus", "Flurstueck 12/3"]]),
        "bauantrag.pdf",
        pdf,
        "antrag",
        document_date=datetime.date(2014, 2, 3),
        correspondent="Gemeinde Mittelangeln",
    )
    new_version(first, text_pdf([["Bauantrag Feuerwehrhaus", "ergaenzt um Statik"]]), "bauantrag-2.pdf", pdf)
    stellungnahme = dokument(
        antrag, "Stellungnahme Kreis", b"Keine Bedenken.\n", "stellungnahme.txt", "text/plain", "stellungnahme"
    )
    new_version(stellungnahme, b"Keine Bedenken, mit Auflagen.\n", "stellungnahme.txt", "text/plain")
    new_version(stellungnahme, b"Keine Bedenken, Auflagen 1-3.\n", "stellungnahme.txt", "text/plain")
    dokument(antrag, "Baugenehmigung", b"Genehmigt am 1.4.2014\n", "genehmigung.txt", "text/plain", "bescheid")
    dokument(abnahme, "Abnahmeprotokoll", text_pdf([["Abnahme ohne Maengel"]]), "abnahme.pdf", pdf, "vermerk")
    note = dokument(akte, "Aktenvermerk", b"Akte abgeschlossen.\n", "vermerk.txt", "text/plain", "vermerk")
    new_version(note, b"Akte abgeschlossen, Archiv informiert.\n", "vermerk.txt", "text/plain")
    for vorgang in (antrag, abnahme):
        api.content.transition(obj=vorgang, transition="complete")
    api.content.transition(obj=akte, transition="close")
    return akte


def export(akte):
    """(0503 ZIP bytes, model) of ``akte`` with its files."""
    exported = mapping.akte_model(akte, files=True)
    out = io.BytesIO()
    package.write_handover(out, header(), [exported])
    return out.getvalue(), exported


def primary_hashes(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: sha256(archive.read(name)) for name in archive.namelist() if not name.endswith("_0503_1.xml")}


def documents_of(akte_model):
    yield from akte_model.documents
    for vorgang in akte_model.vorgaenge:
        yield from vorgang.documents


def comparable(akte_model):
    """What must survive the round trip, without the files' callables."""
    vorgaenge = sorted(
        (
            (v.uuid, v.title, v.aktenzeichen, v.opened, v.closed, sorted(d.uuid for d in v.documents))
            for v in akte_model.vorgaenge
        ),
    )
    documents = sorted(
        (
            d.uuid,
            d.title,
            d.date,
            d.kind,
            d.correspondent,
            [
                (ver.number, ver.file_uuid, ver.filename, ver.extension, ver.mime_type, ver.format_code)
                for ver in d.versions
            ],
        )
        for d in documents_of(akte_model)
    )
    return {
        "akte": (
            akte_model.uuid,
            akte_model.title,
            akte_model.aktenzeichen,
            akte_model.kind,
            akte_model.plan_key,
            akte_model.fachdienst,
            akte_model.opened,
            akte_model.closed,
            akte_model.retention,
            akte_model.retention_until,
            akte_model.proposal,
            sorted(d.uuid for d in akte_model.documents),
        ),
        "vorgaenge": vorgaenge,
        "documents": documents,
    }


@pytest.fixture
def fresh_site(app, portal):
    """A second site with the policy profile, as `make run` creates it
    (without demo content), and its Aktenplan; the first site is current again
    afterwards."""
    login(app, SITE_OWNER_NAME)
    site, created = creation.ensure_site(app, {creation.DEMO_VARIABLE: "0"})
    assert created
    setSite(site)
    yield site, build_plan(site)
    setSite(portal)


def test_round_trip_into_a_fresh_site_keeps_metadata_and_files(plan, app, portal, request):
    source = source_akte(plan)
    message, exported = export(source)
    sent = {version.primary_name: version.sha256 for d in documents_of(exported) for version in d.versions}
    assert len(sent) == 9  # 5 Dokumente, 9 versions
    assert primary_hashes(message) == sent  # the message states what the ZIP holds
    expected = comparable(mapping.akte_model(source))

    site, target_plan = request.getfixturevalue("fresh_site")
    assert site is not portal and identifiers.find(exported.uuid) is None
    result = import_handover(target_plan["genehmigungen"], io.BytesIO(message))
    [imported] = result.akten
    assert (result.counts["Vorgang"], result.counts["Dokument"], result.counts["Version"]) == (2, 5, 9)
    assert comparable(mapping.akte_model(imported)) == expected
    assert api.content.get_state(imported) == "closed"
    assert {api.content.get_state(v) for v in imported.objectValues() if v.portal_type == "Vorgang"} == {"done"}

    again, _model = export(imported)
    assert primary_hashes(again) == sent  # the same files, PDF/A included, byte for byte
    for dokument in api.content.find(context=imported, portal_type="Dokument"):
        history = api.portal.get_tool("portal_repository").getHistoryMetadata(dokument.getObject())
        assert history.getLength(countPurged=False) == len(
            next(d for d in documents_of(exported) if d.uuid == identifiers.xdomea_uuid(dokument.getObject())).versions
        )

    second = import_handover(target_plan["genehmigungen"], io.BytesIO(message))
    assert second.akten == [] and second.already == [imported]


# -- the form ------------------------------------------------------------------------


@pytest.fixture
def form_site(functional_portal):
    """A plan, a records manager (group registratur) and a clerk of
    Fachdienst IV, committed."""
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    built = build_plan(portal)
    add_member("registrar", "registratur")
    add_member("bauamt", fachdienst_group_id(BAUEN))
    api.user.grant_roles(username="bauamt", obj=built["aktenplan"], roles=["Editor", "Reader"])
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    return {"portal": portal, **built}


def upload(browser, position, data, filename, fachdienst=None):
    browser.open(position.absolute_url() + "/@@xdomea-import")
    browser.getControl(name="handover").add_file(data, "application/zip", filename)
    if fachdienst:
        browser.getControl(name="fachdienst").value = [fachdienst]
    browser.getControl(name="form.buttons.import").click()
    return browser


def test_form_imports_and_lists_what_was_created(form_site):
    position = form_site["genehmigungen"]
    browser = browser_as(form_site["portal"], "registrar")
    browser.open(position.absolute_url())
    assert "@@xdomea-import" in browser.contents  # the link on the position
    upload(browser, position, HANDMADE_ZIP.read_bytes(), HANDMADE_ZIP.name, fachdienst=BAUEN)
    assert browser.headers["status"].startswith("200")
    assert "Importiert: Akten 1, Vorgänge 1, Dokumente 1, Versionen 1." in browser.contents
    assert "632.10-2014-017" in browser.contents
    akte = identifiers.find("f83bed6e-018c-4aac-b254-8c116ba79414")
    assert akte is not None and akte.absolute_url() in browser.contents
    upload(browser, position, HANDMADE_ZIP.read_bytes(), HANDMADE_ZIP.name, fachdienst=BAUEN)
    assert "bereits importiert" in browser.contents
    assert len(akten_in(position)) == 1


def test_form_refuses_in_german_without_error_page(form_site):
    position = form_site["genehmigungen"]
    browser = browser_as(form_site["portal"], "registrar")
    upload(browser, position, b"PK\x03\x04kaputt", "kaputt.zip")
    assert browser.headers["status"].startswith("200")
    assert "nichts" in browser.contents.lower() or "ZIP" in browser.contents
    assert "ZIP-Archiv" in browser.contents
    upload(browser, position, HANDMADE_ZIP.read_bytes(), HANDMADE_ZIP.name)  # no Fachdienst chosen
    assert browser.headers["status"].startswith("200")
    assert "Bauantrag Neubau Einfamilienhaus" in browser.contents
    assert "es wurde nichts angelegt" in browser.contents
    upload(browser, position, b"\x00\x01 kein xml", "unsinn.zip")
    assert browser.headers["status"].startswith("200")
    assert akten_in(position) == []


def test_form_is_denied_to_a_fachdienst_clerk(form_site):
    position = form_site["genehmigungen"]
    browser = browser_as(form_site["portal"], "bauamt")
    browser.open(position.absolute_url())
    assert "@@xdomea-import" not in browser.contents
    browser.open(position.absolute_url() + "/@@xdomea-import")
    assert 'name="handover"' not in browser.contents
    assert browser.url.endswith("/insufficient-privileges") or browser.headers["status"].startswith("403")
