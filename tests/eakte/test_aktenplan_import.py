"""Aktenplan CSV import: the module and the @@aktenplan-import form."""

import io

import pytest
import transaction
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from plone.testing.zope import Browser
from zExceptions import Forbidden

from mittelangeln.policy.eakte.aktenplan_csv import DEMO_CSV
from mittelangeln.policy.eakte.aktenplan_csv import import_aktenplan


GOOD = """key,title,retention,archival_value,description
6,Bau- und Vermessungswesen,10,B,
63,Bauordnung,30,B,
632,Baugenehmigungsverfahren,30,b,
632.1,Baugenehmigungen,dauernd,archivwürdig,"Bauakten, dauerhaft"
632.2,Bauvoranfragen,10,V,
"""

# Line 5 repeats 632 (first in line 4), line 6 has a bad retention, line 7
# names a parent (99) that exists nowhere.
BAD = """Kennzeichen;Titel;Aufbewahrung;Archivwürdigkeit
6;Bau- und Vermessungswesen;10;B
63;Bauordnung;30;B
632;Baugenehmigungsverfahren;30;B
632;Baugenehmigungsverfahren;30;B
633;Bauüberwachung;zehn;B
991;Unbekannt;10;B
"""


def positions(container):
    return {obj.key: obj for obj in container.objectValues() if obj.portal_type == "AktenplanPosition"}


def all_positions(aktenplan):
    catalog = api.portal.get_tool("portal_catalog")
    return catalog(portal_type="AktenplanPosition", path="/".join(aktenplan.getPhysicalPath()))


@pytest.fixture
def aktenplan(portal, manager):
    return api.content.create(container=portal, type="Aktenplan", id="aktenplan", title="Aktenplan")


def test_good_file_is_nested_by_key(aktenplan):
    report = import_aktenplan(aktenplan, GOOD.encode("utf-8"))
    assert report.problems == []
    assert report.count == 5
    bau = aktenplan["6"]
    verfahren = bau["63"]["632"]
    genehmigungen = verfahren["632-1"]
    assert (bau.key, bau.title, bau.retention, bau.archival_value) == ("6", "Bau- und Vermessungswesen", "10", "B")
    assert verfahren.archival_value == "B"  # "b" normalised
    assert genehmigungen.key == "632.1"
    assert genehmigungen.title == "Baugenehmigungen"
    assert genehmigungen.description == "Bauakten, dauerhaft"
    assert genehmigungen.retention == "dauernd"
    assert genehmigungen.archival_value == "A"
    assert verfahren["632-2"].archival_value == "V"
    assert [obj.key for obj in report.created] == ["6", "63", "632", "632.1", "632.2"]
    assert {b.plan_key for b in all_positions(aktenplan)} == {"6", "63", "632", "632.1", "632.2"}


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_bad_file_reports_every_problem_and_creates_nothing(aktenplan, newline):
    report = import_aktenplan(aktenplan, BAD.replace("\n", newline).encode("utf-8"))
    assert report.problems == [
        "Zeile 5: Kennzeichen 632 kommt doppelt vor (zuerst in Zeile 4)",
        "Zeile 6: Ungültige Aufbewahrungsfrist „zehn“: erlaubt sind Jahre (1 bis 99) oder „dauernd“",
        "Zeile 7: Übergeordnete Position 99 fehlt (weder in der Datei noch im Aktenplan)",
    ]
    assert report.created == []
    assert list(aktenplan.objectIds()) == []
    assert len(all_positions(aktenplan)) == 0


def test_row_checks(aktenplan):
    data = (
        "Kennzeichen;Titel;Aufbewahrung;Archivwürdigkeit\n"
        ";Ohne Kennzeichen;10;B\n"
        "6;;10;B\n"
        "6a;Buchstabe;10;B\n"
        "7;Ohne Frist;;B\n"
        "8;Unbekannter Wert;10;X\n"
        "9;Null Jahre;0;B\n"
    )
    report = import_aktenplan(aktenplan, data)
    assert report.problems == [
        "Zeile 2: Kennzeichen fehlt",
        "Zeile 3: Titel fehlt",
        "Zeile 4: Ungültiges Kennzeichen „6a“: erlaubt sind Ziffern mit Punkten, z. B. 632 oder 632.1",
        "Zeile 5: Aufbewahrungsfrist fehlt (Jahre von 1 bis 99 oder „dauernd“)",
        "Zeile 6: Ungültige Archivwürdigkeit „X“: erlaubt sind A (archivwürdig), B (bewerten) oder V (vernichten)",
        "Zeile 7: Ungültige Aufbewahrungsfrist „0“: erlaubt sind Jahre (1 bis 99) oder „dauernd“",
    ]
    assert list(aktenplan.objectIds()) == []


def test_german_headers_semicolon_and_words(aktenplan):
    data = (
        "\ufeffKennzeichen;Titel;Aufbewahrung;Archivwürdigkeit;Beschreibung\r\n"
        "0;Allgemeine Verwaltung;10;bewerten;Organisation, Personal\r\n"
        "02;Personalverwaltung;10;Vernichten;\r\n"
        "023;Personalakten;5;archivwürdig;nach Ausscheiden\r\n"
    )
    report = import_aktenplan(aktenplan, data.encode("utf-8"))
    assert report.problems == []
    akten = aktenplan["0"]["02"]["023"]
    assert (akten.title, akten.retention, akten.archival_value) == ("Personalakten", "5", "A")
    assert akten.description == "nach Ausscheiden"
    assert aktenplan["0"].description == "Organisation, Personal"
    assert aktenplan["0"]["02"].archival_value == "V"


def test_cp1252_file(aktenplan):
    data = (
        "Kennzeichen;Titel;Aufbewahrung;Archivwürdigkeit\n"
        "6;Bau- und Vermessungswesen;10;B\n"
        "63;Bauüberwachung;Dauernd;A\n"
    )
    report = import_aktenplan(aktenplan, data.encode("cp1252"))
    assert report.problems == []
    assert aktenplan["6"]["63"].title == "Bauüberwachung"
    assert aktenplan["6"]["63"].retention == "dauernd"


def test_parents_from_plan_and_existing_keys(plan):
    """632.1 and 6 already exist (see conftest): 632.1 is an error, 6 a parent."""
    data = "key;title;retention;archival_value\n61;Bauleitplanung;dauernd;A\n632.1;Nochmal;30;A\n"
    report = import_aktenplan(plan["aktenplan"], data)
    assert report.problems == ["Zeile 3: Kennzeichen 632.1 ist im Aktenplan schon vorhanden („Baugenehmigungen“)"]
    assert "61" not in plan["bau"]

    report = import_aktenplan(plan["aktenplan"], "key;title;retention;archival_value\n61;Bauleitplanung;dauernd;A\n")
    assert report.problems == []
    assert plan["bau"]["61"].key == "61"


def test_parent_later_in_file(aktenplan):
    data = "key,title,retention,archival_value\n63,Bauordnung,30,B\n6,Bau- und Vermessungswesen,10,B\n"
    report = import_aktenplan(aktenplan, data)
    assert report.problems == []
    assert aktenplan["6"]["63"].title == "Bauordnung"


@pytest.mark.parametrize(
    "data,problem",
    [
        (b"", "Die Datei ist leer."),
        (
            b"Kennzeichen;Titel;Aufbewahrung;Archivw\xc3\xbcrdigkeit\n",
            "Die Datei enthält keine Positionen, nur die Kopfzeile.",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Die Datei ist keine CSV-Datei (sie enthält Binärdaten)."),
        (b"PK\x03\x04\x14\x00\x06\x00", "Die Datei ist eine Excel-Arbeitsmappe (XLSX), keine CSV-Datei."),
        (b"6;Bau;10;B\n", "Zeile 1: Die Kopfzeile fehlt oder ist unbekannt"),
        (b"Kennzeichen;Titel;Frist\n6;Bau;10\n", "Zeile 1: Unbekannte Spalte „Frist“"),
    ],
)
def test_unreadable_files(aktenplan, data, problem):
    report = import_aktenplan(aktenplan, data)
    assert any(p.startswith(problem) for p in report.problems), report.problems
    assert list(aktenplan.objectIds()) == []


def test_excel_sep_line_and_extra_columns(aktenplan):
    data = "sep=,\nkey,title,retention,archival_value,,\n6,Bau, Vermessung,10,B\n"
    report = import_aktenplan(aktenplan, data)
    assert len(report.problems) == 1
    assert report.problems[0].startswith("Zeile 3: Die Zeile hat mehr Spalten als die Kopfzeile.")


def test_needs_add_permission(aktenplan):
    """Editors may open the form (Modify) but not extend the plan."""
    api.user.create(email="e@example.org", username="editor", password="geheim-123456")
    api.user.grant_roles(username="editor", obj=aktenplan, roles=["Editor"])
    with api.env.adopt_user(username="editor"):
        report = import_aktenplan(aktenplan, GOOD)
    assert report.problems == ["Sie dürfen in „Aktenplan“ keine Aktenplanpositionen anlegen."]
    assert list(aktenplan.objectIds()) == []


def test_demo_csv_imports_cleanly(aktenplan):
    report = import_aktenplan(aktenplan, DEMO_CSV.read_bytes())
    assert report.problems == []
    assert sorted(aktenplan.objectIds()) == [str(digit) for digit in range(10)]
    assert aktenplan["6"]["63"]["632"]["632-1"].title == "Baugenehmigungen"
    assert aktenplan["6"]["63"]["632"]["632-2"].title == "Bauvoranfragen"
    assert aktenplan["0"]["02"]["023"].title == "Personalakten"
    assert report.count == len(all_positions(aktenplan)) >= 30


# The form, through the publisher.


@pytest.fixture
def site(functional_portal):
    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    api.content.create(container=functional_portal, type="Aktenplan", id="aktenplan", title="Aktenplan")
    setRoles(functional_portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    return functional_portal


@pytest.fixture
def browser(functional_app):
    browser = Browser(functional_app)
    browser.handleErrors = False
    return browser


@pytest.fixture
def owner_browser(browser):
    browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    return browser


def upload(browser, site, data, filename="aktenplan.csv"):
    browser.open(f"{site.absolute_url()}/aktenplan/@@aktenplan-import")
    browser.getControl(name="csv_file").add_file(io.BytesIO(data), "text/csv", filename)
    browser.getControl("Importieren").click()


def fresh(site):
    transaction.begin()  # see what the browser's requests committed
    return site["aktenplan"]


def test_form_shows_all_problems_and_creates_nothing(site, owner_browser):
    upload(owner_browser, site, BAD.encode("utf-8"))
    assert owner_browser.headers["status"].startswith("200")
    assert "Der Import wurde abgebrochen, es wurde nichts angelegt." in owner_browser.contents
    assert "Zeile 5: Kennzeichen 632 kommt doppelt vor (zuerst in Zeile 4)" in owner_browser.contents
    assert "Zeile 6: Ungültige Aufbewahrungsfrist „zehn“" in owner_browser.contents
    assert "Zeile 7: Übergeordnete Position 99 fehlt" in owner_browser.contents
    assert "Traceback" not in owner_browser.contents
    assert list(fresh(site).objectIds()) == []


def test_form_imports_good_file(site, owner_browser):
    owner_browser.followRedirects = False
    upload(owner_browser, site, GOOD.encode("utf-8"))
    assert owner_browser.headers["status"].startswith("302")
    assert owner_browser.headers["Location"] == f"{site.absolute_url()}/aktenplan"
    aktenplan = fresh(site)
    assert aktenplan["6"]["63"]["632"]["632-1"].retention == "dauernd"
    # The status message shows on the next page.
    owner_browser.open(site.absolute_url())
    assert "5 Positionen importiert" in owner_browser.contents


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "ist leer."),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "Excel-Arbeitsmappe (XLSX), keine CSV-Datei"),
        (b"%PDF-1.4\n\x00\x01\x02\xff", "keine CSV-Datei (sie enthält Binärdaten)"),
    ],
)
def test_form_rejects_empty_and_binary_files(site, owner_browser, data, message):
    upload(owner_browser, site, data, filename="aktenplan.xlsx")
    assert owner_browser.headers["status"].startswith("200")
    assert message in owner_browser.contents
    assert list(fresh(site).objectIds()) == []


def test_form_without_file(site, owner_browser):
    owner_browser.open(f"{site.absolute_url()}/aktenplan/@@aktenplan-import")
    owner_browser.getControl("Importieren").click()
    assert "Bitte eine CSV-Datei auswählen." in owner_browser.contents


def test_form_needs_authenticator(site, owner_browser):
    with pytest.raises(Forbidden):
        owner_browser.post(
            f"{site.absolute_url()}/aktenplan/@@aktenplan-import",
            "form.buttons.import=Importieren",
        )
    assert list(fresh(site).objectIds()) == []


def denied(browser, site):
    """Open the form; Plone answers with its login or insufficient-privileges page."""
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.open(f"{site.absolute_url()}/aktenplan/@@aktenplan-import")
    assert 'name="csv_file"' not in browser.contents
    return browser


def test_anonymous_has_no_access(site, browser):
    denied(browser, site)
    assert "/login?came_from=" in browser.url


def test_member_has_no_access(site, browser):
    api.user.create(email="m@example.org", username="mitglied", password="geheim-123456")
    transaction.commit()
    browser.addHeader("Authorization", "Basic mitglied:geheim-123456")
    denied(browser, site)
    assert browser.url.endswith("/insufficient-privileges")
