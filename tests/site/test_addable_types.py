"""Only sensible choices (issue 16): the add menu ("Hinzufügen") of the site
root, of each area, of a folder in an area and of each container type
offers exactly the types that belong there; what it does not offer cannot be
added through invokeFactory or the REST API either; every layout of the
"Darstellung" menu renders on an item of its type."""

import base64
import datetime
import json

import pytest
import transaction
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.file import NamedBlobImage
from plone.testing.zope import Browser

from mittelangeln.policy.security.groups import REDAKTION
from mittelangeln.policy.security.groups import STAFF
from mittelangeln.policy.testing.helpers import add_antrag
from mittelangeln.policy.testing.helpers import add_meldung
from mittelangeln.policy.testing.helpers import add_member
from mittelangeln.policy.testing.helpers import build_plan
from mittelangeln.policy.testing.helpers import image_bytes
from mittelangeln.policy.textpdf import text_pdf


BAU = "Fachdienst IV – Bauen und Umwelt"
PAGES = {"Document", "File", "Folder", "Image", "Link"}
NEWS = PAGES | {"News Item", "Event"}
PUBLIC_DOCUMENTS = {"Bekanntmachung", "Satzung", "OeffentlichesFormular", "Pressemitteilung"}
RECORD = {"Vorgang", "Dokument"}
FD_GROUP = "fachdienst-i-zentrale-dienste"  # the first of the default Fachdienste
FACHDIENST = f"fachdienste/{FD_GROUP}"

# (where, what its add menu offers). "where" is a path below the site root
# ("" the root itself, "<path>/ordner" a folder made by hand there) or a
# container built by ``containers``.
ADDABLE = [
    ("", {"Aktenplan", "Document", "Folder", "Link"}),
    ("ordner", NEWS),  # a folder made by hand in the site root
    ("aktuelles", NEWS),
    ("aktuelles/ordner", NEWS),
    ("intranet", PAGES | {"News Item"}),
    ("intranet/ordner", PAGES | {"News Item"}),
    ("fachdienste", set()),
    (FACHDIENST, PAGES),
    (f"{FACHDIENST}/ordner", PAGES),
    ("einrichtungen", set()),
    ("einrichtungen/familienzentrum", NEWS),
    ("einrichtungen/jugendzentrum", NEWS),
    ("einrichtungen/kita", NEWS),
    ("einrichtungen/kita/ordner", NEWS),
    ("ehrenamt", NEWS),
    ("ehrenamt/ordner", NEWS),
    ("eingaenge", set()),
    ("eingaenge/maengelmeldungen", {"Maengelmeldung"}),
    ("eingaenge/schuelerbefoerderung", {"Schuelerbefoerderungsantrag"}),
    ("posteingang", {"Eingang"}),
    ("aussonderungen", set()),  # processes and Löschprotokolle are made by the process
    ("oeffentlich", PAGES | {"MaengelmelderFormular", "SchuelerbefoerderungFormular"}),
    ("oeffentlich/ordner", PAGES | {"MaengelmelderFormular", "SchuelerbefoerderungFormular"}),
    ("oeffentlich/dokumente", PUBLIC_DOCUMENTS),
    ("Aktenplan", {"AktenplanPosition"}),
    ("AktenplanPosition", {"AktenplanPosition", "Akte", "Bauakte", "Personalakte"}),
    ("Akte", RECORD),
    ("Bauakte", RECORD),
    ("Personalakte", RECORD),
    ("Vorgang", {"Dokument"}),
    ("Eingang", {"Dokument"}),
]

# (user's group, where, what the add menu offers them): permissions narrow
# the table further, never widen it.
ADDABLE_FOR_MEMBERS = [
    (REDAKTION, "aktuelles", NEWS),
    (REDAKTION, "oeffentlich", PAGES | {"MaengelmelderFormular", "SchuelerbefoerderungFormular"}),
    (STAFF, "oeffentlich/dokumente", PUBLIC_DOCUMENTS),
    (STAFF, "aktuelles", set()),
    (FD_GROUP, FACHDIENST, PAGES),
]

EAKTE_CONTAINERS = ("Aktenplan", "AktenplanPosition", "Akte", "Bauakte", "Personalakte", "Vorgang")

# Types whose items hold nothing (no add menu at all).
ITEMS = {
    "Document",
    "News Item",
    "Event",
    "Link",
    "File",
    "Image",
    "Collection",
    "Dokument",
    "Maengelmeldung",
    "Schuelerbefoerderungsantrag",
    "MaengelmelderFormular",
    "SchuelerbefoerderungFormular",
    "Aussonderung",
    "Loeschprotokoll",
    *PUBLIC_DOCUMENTS,
}


def pdf_file(name="dokument.pdf"):
    return NamedBlobFile(text_pdf([["Testdokument"]]), contentType="application/pdf", filename=name)


def containers(portal):
    """A container of each E-Akte type and an Eingang, by type name."""
    plan = build_plan(portal)
    personal = api.content.create(container=plan["aktenplan"], type="AktenplanPosition", id="023", key="023")
    akte = api.content.create(container=plan["genehmigungen"], type="Akte", title="Kita", fachdienst=BAU)
    bauakte = api.content.create(
        container=plan["genehmigungen"],
        type="Bauakte",
        title="Dorfstraße 12",
        fachdienst=BAU,
        gemarkung="Satrup",
        flur="3",
        flurstuecke=["45/2"],
    )
    personalakte = api.content.create(
        container=personal,
        type="Personalakte",
        title="Personalakte Jensen",
        fachdienst="Fachdienst I – Zentrale Dienste",
        employee_name="Thomas Jensen",
        personnel_number="1002",
    )
    vorgang = api.content.create(container=akte, type="Vorgang", title="Bauantrag")
    eingang = api.content.create(container=portal["posteingang"], type="Eingang", title="Brief")
    return {
        "Eingang": eingang,
        "Aktenplan": plan["aktenplan"],
        "AktenplanPosition": plan["genehmigungen"],
        "Akte": akte,
        "Bauakte": bauakte,
        "Personalakte": personalakte,
        "Vorgang": vorgang,
    }


def place(portal, where, built):
    """The container of a row, making the hand-made folder of "…/ordner"."""
    if where in built:
        return built[where]
    parent_path, _, name = where.rpartition("/")
    parent = portal.unrestrictedTraverse(parent_path) if parent_path else portal
    if name == "ordner" and name not in parent.objectIds():
        api.content.create(container=parent, type="Folder", id="ordner", title="Ordner")
    return portal.unrestrictedTraverse(where) if where else portal


def add_menu(container):
    """The ids of the types the add menu offers (its source, the view
    ``@@folder_factories``), for the current user; none for who may add
    nothing here (Plone shows no add menu then)."""
    if not api.user.has_permission("Add portal content", obj=container):
        return set()
    return {entry["id"] for entry in container.restrictedTraverse("@@folder_factories").addable_types()}


@pytest.fixture
def built(portal, manager):
    return containers(portal)


@pytest.mark.parametrize(("where", "expected"), ADDABLE, ids=[where or "site-root" for where, _ in ADDABLE])
def test_the_add_menu_offers_exactly_the_types_that_belong_there(portal, built, where, expected):
    """As a Manager, so no permission hides a type."""
    container = place(portal, where, built)
    assert add_menu(container) == expected
    assert {fti.getId() for fti in container.allowedContentTypes()} == expected


def test_the_table_covers_every_container_type(portal):
    """A new folderish type needs its row in ADDABLE."""
    types_tool = api.portal.get_tool("portal_types")
    dexterity = {fti.getId() for fti in types_tool.listTypeInfo() if fti.meta_type == "Dexterity FTI"}
    rows = {where for where, _ in ADDABLE}
    assert dexterity - ITEMS - rows == {"Plone Site", "Folder"}  # the root and the folders are rows by path


@pytest.mark.parametrize(
    ("group", "where", "expected"), ADDABLE_FOR_MEMBERS, ids=[f"{g}-{w}" for g, w, _ in ADDABLE_FOR_MEMBERS]
)
def test_members_are_offered_what_belongs_there_and_they_may_add(portal, manager, group, where, expected):
    add_member("mitglied", group)
    login(portal, "mitglied")
    assert add_menu(portal.unrestrictedTraverse(where)) == expected


@pytest.mark.parametrize(
    ("where", "type_name"),
    [
        ("", "Maengelmeldung"),
        ("", "Schuelerbefoerderungsantrag"),
        ("", "Bekanntmachung"),
        ("", "File"),
        ("", "Akte"),
        ("aktuelles", "Dokument"),
        ("aktuelles", "Aktenplan"),
        ("aktuelles", "Maengelmeldung"),
        ("oeffentlich", "Bekanntmachung"),
        ("oeffentlich/dokumente", "Document"),
        ("eingaenge", "Folder"),
        ("eingaenge/maengelmeldungen", "Schuelerbefoerderungsantrag"),
        ("", "Eingang"),
        ("posteingang", "Dokument"),
        ("posteingang", "Folder"),
        (FACHDIENST, "Akte"),
        (FACHDIENST, "News Item"),
    ],
)
def test_invoke_factory_refuses_what_is_not_offered(portal, manager, where, type_name):
    container = portal.unrestrictedTraverse(where) if where else portal
    with pytest.raises(ValueError, match="isallowed"):
        container.invokeFactory(type_name, "neu", title="Neu")
    assert "neu" not in container.objectIds()


def post_json(portal, path, data):
    """(status, JSON answer) of a REST API POST as the site owner."""
    testapp = Browser(portal.aq_parent).testapp
    token = base64.b64encode(f"{SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}".encode()).decode()
    url = "/".join(part for part in (portal.absolute_url_path(), path) if part)
    response = testapp.post(
        url,
        json.dumps(data),
        headers={"Authorization": f"Basic {token}", "Accept": "application/json", "Content-Type": "application/json"},
        expect_errors=True,
    )
    return response.status_int, response.json_body if response.body else None


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("", {"@type": "Maengelmeldung", "id": "neu", "category": "Spielplatz", "address": "Markt", "defect": "x"}),
        ("", {"@type": "Bekanntmachung", "id": "neu", "title": "Neu", "gemeinde": "Gemeinde Sörup"}),
        ("aktuelles", {"@type": "Dokument", "id": "neu", "title": "Neu"}),
        ("oeffentlich/dokumente", {"@type": "Document", "id": "neu", "title": "Neu"}),
    ],
    ids=["root-maengelmeldung", "root-bekanntmachung", "aktuelles-dokument", "dokumente-document"],
)
def test_the_rest_api_refuses_what_is_not_offered(functional_portal, path, data):
    portal = functional_portal
    status, answer = post_json(portal, path, data)
    transaction.begin()
    container = portal.unrestrictedTraverse(path) if path else portal
    assert status == 403
    assert answer["error"]["message"] == f"Disallowed subobject type: {data['@type']}"
    assert "neu" not in container.objectIds()


def test_the_rest_api_adds_what_is_offered(functional_portal):
    """The refusals above are the constraints, not a broken request."""
    portal = functional_portal
    status, answer = post_json(portal, "aktuelles", {"@type": "News Item", "id": "neu", "title": "Neu"})
    transaction.begin()
    assert status == 201, answer
    assert portal["aktuelles"]["neu"].portal_type == "News Item"


# --- Darstellung: every layout offered for a type renders on an item of it --


def text(html):
    return RichTextValue(html, "text/html", "text/x-html-safe")


def in_area(path, type_name, **fields):
    """A builder; callable field values are called when it builds."""

    def build(portal):
        container = portal.unrestrictedTraverse(path)
        values = {name: value() if callable(value) else value for name, value in fields.items()}
        return api.content.create(container=container, type=type_name, title=type_name, **values)

    return build


def public_document(type_name, **fields):
    return in_area("oeffentlich/dokumente", type_name, gemeinde="Gemeinde Sörup", fachdienst=BAU, **fields)


def collection(portal):
    """Offered nowhere (issue 16), but Plone's type stays for collections
    made before."""
    return createContentInContainer(
        portal["aktuelles"], "Collection", checkConstraints=False, title="Sammlung", query=[]
    )


def dokument(portal):
    vorgang = containers(portal)["Vorgang"]
    return api.content.create(container=vorgang, type="Dokument", title="Antrag", file=pdf_file(), kind="eingang")


def made_by_the_process(portal, type_name):
    """Aussonderung and Löschprotokoll are created by aussonderung/process.py
    only, in their area."""
    return createContentInContainer(portal["aussonderungen"], type_name, checkConstraints=False, title=type_name)


# An item of every type of the portal, in the place it belongs.
BUILDERS = {
    "Plone Site": lambda portal: portal,
    "Folder": in_area("aktuelles", "Folder"),
    "Collection": collection,
    "Document": in_area("aktuelles", "Document", text=text("<p>Seite</p>")),
    "News Item": in_area("aktuelles", "News Item", text=text("<p>Nachricht</p>")),
    "Event": in_area("aktuelles", "Event"),
    "Link": in_area("aktuelles", "Link", remoteUrl="https://www.amt-mittelangeln.de"),
    "File": in_area("aktuelles", "File", file=pdf_file),
    "Image": in_area("aktuelles", "Image", image=lambda: NamedBlobImage(image_bytes(), filename="bild.jpg")),
    **{type_name: (lambda name: lambda portal: containers(portal)[name])(type_name) for type_name in EAKTE_CONTAINERS},
    "Dokument": dokument,
    "Eingang": lambda portal: containers(portal)["Eingang"],
    "Maengelmeldung": lambda portal: add_meldung(portal, "m-1"),
    "Schuelerbefoerderungsantrag": lambda portal: add_antrag(portal, "s-1"),
    "MaengelmelderFormular": in_area("oeffentlich", "MaengelmelderFormular", categories="Spielplatz"),
    "SchuelerbefoerderungFormular": in_area(
        "oeffentlich", "SchuelerbefoerderungFormular", schools=["Grundschule Satrup"], school_year="2026/27"
    ),
    "Bekanntmachung": public_document("Bekanntmachung"),
    "Satzung": public_document("Satzung", valid_from=datetime.date(2026, 1, 1), file=pdf_file),
    "OeffentlichesFormular": public_document("OeffentlichesFormular", link="https://www.amt-mittelangeln.de/f"),
    "Pressemitteilung": public_document("Pressemitteilung"),
    "Aussonderung": lambda portal: made_by_the_process(portal, "Aussonderung"),
    "Loeschprotokoll": lambda portal: made_by_the_process(portal, "Loeschprotokoll"),
}


def test_every_type_has_an_item_for_the_layout_check(portal):
    types_tool = api.portal.get_tool("portal_types")
    assert set(BUILDERS) == {fti.getId() for fti in types_tool.listTypeInfo() if fti.meta_type == "Dexterity FTI"}


@pytest.mark.parametrize("type_name", sorted(BUILDERS))
def test_every_offered_layout_renders(functional_portal, type_name):
    """Each of the type's view_methods (the entries of its Darstellung
    menu) answers 200 to the site owner on an item of the type."""
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    obj = BUILDERS[type_name](portal)
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    browser = Browser(portal.aq_parent)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    layouts = api.portal.get_tool("portal_types")[type_name].view_methods
    assert layouts
    for layout in layouts:
        browser.open(f"{obj.absolute_url()}/{layout}")
        assert browser.headers["status"].startswith("200"), layout
