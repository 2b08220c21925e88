"""The German texts come from locales/: the catalog loads, and every message
the package uses (in Python and in page templates) has a German translation."""

import ast
import datetime
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
import transaction
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from plone.testing.zope import Browser
from zope.component import queryUtility
from zope.i18n import translate
from zope.i18n.interfaces import ITranslationDomain

import mittelangeln.policy
from mittelangeln.policy.i18n import DOMAIN
from mittelangeln.policy.i18n import _
from mittelangeln.policy.site.mail import MailSettingsError
from mittelangeln.policy.site.mail import settings_from_environment


PACKAGE = Path(mittelangeln.policy.__file__).parent
LOCALES = PACKAGE / "locales"
PO = LOCALES / "de" / "LC_MESSAGES" / f"{DOMAIN}.po"
POT = LOCALES / f"{DOMAIN}.pot"
I18N = "{http://xml.zope.org/namespaces/i18n}"
BROWSER = "{http://namespaces.zope.org/browser}"
MISSING = "\x00missing"


def python_messages():
    """(msgid, msgid_plural, where) of every _("...") call in the package."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_":
                where = f"{path.relative_to(PACKAGE)}:{node.lineno}"
                assert node.args and isinstance(node.args[0], ast.Constant), f"{where}: msgid must be a literal"
                plural = next((k.value for k in node.keywords if k.arg == "msgid_plural"), None)
                if plural is not None:
                    assert isinstance(plural, ast.Constant), f"{where}: msgid_plural must be a literal"
                    plural = plural.value
                found.append((node.args[0].value, plural, where))
    return found


def _template_msgid(element):
    """The msgid Chameleon computes for i18n:translate="": the content with
    whitespace collapsed and i18n:name children as ${name}."""
    parts = [element.text or ""]
    for child in element:
        name = child.get(f"{I18N}name")
        assert name, f"<{child.tag}> inside a translated element needs i18n:name"
        parts.append(f"${{{name}}}")
        parts.append(child.tail or "")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def template_messages():
    """(msgid, None, where) of every i18n:translate / i18n:attributes text in
    the package's page templates."""
    found = []
    for path in sorted(PACKAGE.rglob("*.pt")):
        where = str(path.relative_to(PACKAGE))
        root = ElementTree.parse(path).getroot()
        assert root.get(f"{I18N}domain") == DOMAIN, f"{where}: i18n:domain"
        for element in root.iter():
            msgid = element.get(f"{I18N}translate")
            if msgid is not None:
                found.append((msgid or _template_msgid(element), None, where))
            for spec in (element.get(f"{I18N}attributes") or "").split(";"):
                if spec.strip():
                    attribute, _space, explicit = spec.strip().partition(" ")
                    found.append((explicit.strip() or element.get(attribute), None, where))
    return found


def zcml_messages():
    """(msgid, None, where) of the titles of the package's display-menu
    entries (browser:page with menu=...) in its ZCML files."""
    found = []
    for path in sorted(PACKAGE.rglob("*.zcml")):
        for element in ElementTree.parse(path).getroot().iter(f"{BROWSER}page"):
            if element.get("menu"):
                found.append((element.get("title"), None, str(path.relative_to(PACKAGE))))
    return found


def po_messages(path):
    """{(msgid, msgid_plural): [msgstr, ...]} of a .po/.pot file, header left out."""
    entries = {}
    entry = None
    key = None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if not line or line.startswith("#"):
            if entry is not None and line == "":
                if entry["msgid"]:
                    entries[(entry["msgid"], entry.get("msgid_plural"))] = entry["msgstr"]
                entry = None
            continue
        match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(".*")$', line)
        if match:
            if match.group(1) == "msgid":
                entry = {"msgid": "", "msgstr": []}
            key = match.group(1)
            if key.startswith("msgstr"):
                entry["msgstr"].append("")
            text = ast.literal_eval(match.group(2))
        else:
            assert line.startswith('"'), f"{path.name}: cannot read {line!r}"
            text = ast.literal_eval(line)
        if key.startswith("msgstr"):
            entry["msgstr"][-1] += text
        else:
            entry[key] = entry.get(key, "") + text
    return entries


def used_messages():
    return python_messages() + template_messages() + zcml_messages()


def test_catalog_is_registered(portal):
    domain = queryUtility(ITranslationDomain, DOMAIN)
    assert domain is not None
    assert "de" in domain.getCatalogsInfo()


@pytest.mark.parametrize(
    "message,german",
    [
        (_("Responsible"), "Zuständig"),  # content
        (_("archive (A)"), "archivwürdig (A)"),  # vocabularies
        (
            _(
                "Invalid retention period “${value}”: allowed are years (1 to 99) or “${permanent}”.",
                mapping={"value": "ewig", "permanent": "dauernd"},
            ),
            "Ungültige Aufbewahrungsfrist „ewig“: erlaubt sind Jahre (1 bis 99) oder „dauernd“.",
        ),  # retention
        (_("Line ${line}: ${problem}", mapping={"line": 3, "problem": _("Title missing")}), "Zeile 3: Titel fehlt"),
        (
            _("${count} position imported", msgid_plural="${count} positions imported", number=5, mapping={"count": 5}),
            "5 Positionen importiert",
        ),  # importer, plural
        (
            _("${count} position imported", msgid_plural="${count} positions imported", number=1, mapping={"count": 1}),
            "1 Position importiert",
        ),
        (_("Reopen Akte"), "Akte wiedereröffnen"),  # template
    ],
)
def test_german_translations(portal, message, german):
    assert translate(message, target_language="de") == german


def test_package_errors_read_german_without_a_request():
    """No layer here: without ZCML the package's catalog is loaded directly."""
    with pytest.raises(MailSettingsError) as error:
        settings_from_environment({"MITTELANGELN_SMTP_PORT": "x"})
    expected = "MITTELANGELN_SMTP_PORT='x' ist ungültig: erwartet wird eine ganze Zahl, z. B. 25 oder 587."
    assert str(error.value) == expected


def test_extraction_finds_messages():
    """Guard the scan itself: it sees Python, templates and attributes."""
    msgids = {msgid for msgid, _plural, _where in used_messages()}
    assert "A differing retention period needs a reason." in msgids
    assert "Take positions from a CSV file into the Aktenplan “${title}”." in msgids
    assert "Akten in this position and below" in msgids
    assert len(msgids) > 100


def test_every_used_message_is_translated(portal):
    missing = []
    for msgid, plural, where in used_messages():
        for number in (1, 2) if plural else (None,):
            text = translate(
                msgid,
                domain=DOMAIN,
                target_language="de",
                default=MISSING,
                msgid_plural=plural,
                default_plural=MISSING,
                number=number,
            )
            if text == MISSING or not text:
                missing.append(f"{where}: {msgid!r}")
    assert missing == []


def test_po_and_pot_list_exactly_the_used_messages():
    used = {(msgid, plural) for msgid, plural, _where in used_messages()}
    po = po_messages(PO)
    pot = po_messages(POT)
    assert set(po) == used
    assert set(pot) == used
    assert all(all(msgstr == "" for msgstr in msgstrs) for msgstrs in pot.values())
    assert all(msgstrs and all(msgstrs) for msgstrs in po.values())


def test_po_header():
    header = PO.read_text(encoding="utf-8").split("\n\n")[0]
    assert '"Language: de\\n"' in header
    assert '"Content-Type: text/plain; charset=UTF-8\\n"' in header
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in header


@pytest.fixture
def closed_akte(functional_portal):
    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    plan = api.content.create(container=functional_portal, type="Aktenplan", id="aktenplan", title="Aktenplan")
    position = api.content.create(
        container=plan, type="AktenplanPosition", id="6", title="Bauwesen", key="6", retention="10"
    )
    akte = api.content.create(
        container=position, type="Akte", id="akte", title="Neubau", fachdienst="Fachdienst IV – Bauen und Umwelt"
    )
    api.content.transition(obj=akte, transition="close")
    akte.closed = datetime.date(2000, 1, 1)
    akte.reindexObject()
    transaction.commit()
    return akte


@pytest.mark.parametrize(
    "path,texts",
    [
        (
            "/aktenplan",
            ["Positionen aus CSV importieren", "Akten in dieser Position und darunter", ">Positionen</h2>"],
        ),
        (
            "/aktenplan/6",
            ["Aufbewahrungsfrist: <strong>10</strong> Jahre nach Schließung", "Neue Bauakte", ">Fachdienst</th>"],
        ),
        ("/aktenplan/++add++AktenplanPosition", ["Kennzeichen", "archivwürdig (A)", "oder „dauernd“"]),
        (
            "/aktenplan/6/++add++Akte",
            ["Voraussichtliches Aktenzeichen:", "Zuständig", "Abweichende Aufbewahrungsfrist"],
        ),
        ("/aktenplan/6/akte", ["Vorgänge und Dokumente", "Noch keine Vorgänge oder Dokumente.", "10 Jahre"]),
        ("/aktenplan/6/akte/@@akte-wiedereroeffnen", ["Akte wiedereröffnen", "(Pflichtfeld)", "Abbrechen"]),
        ("/@@aussonderung", ["Aufbewahrungsfrist abgelaufen", "Aufbewahrung bis", "Filtern"]),
        (
            "/aktenplan/@@aktenplan-import",
            ["in den Aktenplan „Aktenplan“ übernehmen.", "<code>;Beschreibung</code>"],
        ),
    ],
)
def test_templates_render_german(functional_app, functional_portal, closed_akte, path, texts):
    browser = Browser(functional_app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    browser.open(functional_portal.absolute_url() + path)
    for text in texts:
        assert text in browser.contents


# German texts for other packages' domains (e.g. locales/de/LC_MESSAGES/plone.po):
# catalogs of one domain are asked in the order they were registered and the
# first translation wins, so such a file can only fill gaps.
OVERRIDES = sorted(path for path in (LOCALES / "de" / "LC_MESSAGES").glob("*.po") if path.stem != DOMAIN)


def test_overrides_exist():
    assert "plone" in {path.stem for path in OVERRIDES}


@pytest.mark.parametrize("path", OVERRIDES, ids=lambda path: path.stem)
def test_override_translations_are_what_the_portal_shows(portal, path):
    """Each entry is translated and not shadowed by the package's own
    catalog (then it is dead and belongs removed)."""
    entries = po_messages(path)
    assert entries
    shadowed = []
    for (msgid, _plural), msgstrs in entries.items():
        assert msgstrs and all(msgstrs), f"{path.name}: {msgid!r} has no translation"
        shown = translate(msgid, domain=path.stem, target_language="de", default=MISSING)
        if shown != msgstrs[0]:
            shadowed.append(f"{msgid!r}: {shown!r}")
    assert shadowed == []


def test_file_widget_names_the_allowed_types_in_german(portal):
    from zope.i18nmessageid import MessageFactory

    message = MessageFactory("plone")(
        "namedfile_accepted_types", default="Allowed types: ${accepted_types}.", mapping={"accepted_types": "image/*"}
    )
    assert translate(message, target_language="de") == "Erlaubte Dateiarten: image/*."
