"""The upgrade-step helper reapplies steps of the default profile."""

from plone import api
from plone.app.testing import TEST_USER_NAME
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.theming.interfaces import IThemeSettings
from plone.registry.interfaces import IRegistry
from Products.CMFCore.indexing import processQueue
from zope.component import getUtility

from mittelangeln.policy.testing.helpers import add_meldung
from mittelangeln.policy.testing.helpers import profile_version
from mittelangeln.policy.testing.helpers import theme_name
from mittelangeln.policy.upgrades import reimport


def test_reimport_restores_registry_step(portal, setup_tool):
    api.portal.set_registry_record("plone.portal_timezone", "UTC")
    reimport(setup_tool, "plone.app.registry")
    assert api.portal.get_registry_record("plone.portal_timezone") == "Europe/Berlin"


def test_upgrade_1001_makes_the_page_viewer_the_dokument_view(portal, setup_tool, dokument):
    """The state of profile 1000: Dokument type with the plain view, a layout
    left on a converted Dokument by documentviewer."""
    from mittelangeln.policy.upgrades import v1001

    fti = api.portal.get_tool("portal_types")["Dokument"]
    fti.manage_changeProperties(default_view="view", view_methods=("view",), immediate_view="view")
    dokument.layout = "documentviewer"
    setup_tool.setLastVersionForProfile("mittelangeln.policy:default", "1000")

    upgrades = setup_tool.listUpgrades("mittelangeln.policy:default")
    assert [(step["ssource"], step["sdest"]) for step in upgrades] == [
        ("1000", "1001"),
        ("1001", "1002"),
        ("1002", "1003"),
        ("1003", "1004"),
        ("1004", "1005"),
        ("1005", "1006"),
        ("1006", "1007"),
        ("1007", "1008"),
        ("1008", "1009"),
        ("1009", "1010"),
        ("1010", "1011"),
        ("1011", "1012"),
        ("1012", "1013"),
        ("1013", "1014"),
        ("1014", "1015"),
        ("1015", "1016"),
        ("1016", "1017"),
        ("1017", "1018"),
        ("1018", "1019"),
        ("1019", "1020"),
        ("1020", "1021"),
        ("1021", "1022"),
    ]
    v1001.upgrade(setup_tool)

    assert fti.default_view == "dokument-view"
    assert tuple(fti.view_methods) == ("dokument-view",)
    assert fti.immediate_view == "dokument-view"
    assert "layout" not in dokument.__dict__
    assert dokument.getLayout() == "dokument-view"


def test_upgrade_1001_through_portal_setup(portal, setup_tool, dokument):
    fti = api.portal.get_tool("portal_types")["Dokument"]
    fti.manage_changeProperties(default_view="view", view_methods=("view",))
    dokument.layout = "view"
    setup_tool.setLastVersionForProfile("mittelangeln.policy:default", "1000")
    setup_tool.upgradeProfile("mittelangeln.policy:default")
    assert setup_tool.getLastVersionForProfile("mittelangeln.policy:default") == (profile_version(),)
    assert dokument.getLayout() == "dokument-view"


def test_upgrade_1002_security_model(portal, setup_tool, plan):
    """The state of profile 1001: folders under simple_publication_workflow,
    a Personalakte with stored personnel roles, no areas, no lock-out."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    workflow_tool.setDefaultChain("simple_publication_workflow")
    public = api.content.create(container=portal, type="Folder", id="alt-oeffentlich", title="Alt")
    api.content.transition(obj=public, transition="publish")
    private = api.content.create(container=portal, type="Document", id="alt-privat", title="Privat")
    workflow_tool.setChainForPortalTypes(["File"], ())  # Plone's default: files follow their folder
    public_file = api.content.create(container=public, type="File", id="plan", title="Plan")
    private_folder = api.content.create(container=portal, type="Folder", id="alt-ordner", title="Ordner")
    private_file = api.content.create(container=private_folder, type="File", id="notiz", title="Notiz")
    position = api.content.create(container=plan["aktenplan"], type="AktenplanPosition", id="023", key="023")
    akte = api.content.create(
        container=position,
        type="Personalakte",
        id="p",
        employee_name="A",
        personnel_number="1",
        fachdienst="Fachdienst I – Zentrale Dienste",
    )
    akte.manage_setLocalRoles("personalstelle", ["Editor"])
    for area in ("aktuelles", "oeffentlich"):
        api.content.delete(portal[area])
    portal.acl_users._delObject("mittelangeln_lockout")
    setup_tool.setLastVersionForProfile("mittelangeln.policy:default", "1001")

    setup_tool.upgradeProfile("mittelangeln.policy:default")

    assert setup_tool.getLastVersionForProfile("mittelangeln.policy:default") == (profile_version(),)
    assert workflow_tool.getChainForPortalType("Folder") == ("mittelangeln_bereich_workflow",)
    assert api.content.get_state(public) == "published"
    assert api.content.get_state(private) == "draft"
    assert api.content.get_state(public_file) == "published"
    assert api.content.get_state(private_file) == "draft"
    catalog = api.portal.get_tool("portal_catalog")
    logout()
    assert len(catalog(id="alt-privat")) == 0
    assert len(catalog(id="alt-oeffentlich")) == 1
    login(portal, TEST_USER_NAME)
    assert not akte.get_local_roles_for_userid("personalstelle")
    assert {"aktuelles", "oeffentlich", "fachdienste", "ehrenamt", "einrichtungen"} <= set(portal.objectIds())
    assert "mittelangeln_lockout" in portal.acl_users.objectIds()


def test_upgrade_1003_form_submissions(portal, setup_tool, manager):
    """The state of profile 1002: no submission types, no Eingänge."""
    types_tool = api.portal.get_tool("portal_types")
    for type_id in ("Maengelmeldung", "Schuelerbefoerderungsantrag"):
        types_tool.manage_delObjects([type_id])
    api.content.delete(portal["eingaenge"])
    setup_tool.setLastVersionForProfile("mittelangeln.policy:default", "1002")

    setup_tool.upgradeProfile("mittelangeln.policy:default")

    assert {"Maengelmeldung", "Schuelerbefoerderungsantrag"} <= set(types_tool.objectIds())
    assert api.portal.get_tool("portal_workflow").getChainForPortalType("Maengelmeldung") == (
        "mittelangeln_maengel_workflow",
    )
    assert "Reviewer" in portal["eingaenge"]["schuelerbefoerderung"].get_local_roles_for_userid(
        "fachdienst-iii-ordnung-und-soziales"
    )


def test_upgrade_1004_online_forms(portal, setup_tool, manager):
    """The state of profile 1003: no form types, no form limits."""
    types_tool = api.portal.get_tool("portal_types")
    types_tool.manage_delObjects(["MaengelmelderFormular", "SchuelerbefoerderungFormular"])
    registry = api.portal.get_tool("portal_registry")
    del registry.records["mittelangeln.form_submissions_per_hour"]
    portal.manage_permission("mittelangeln.policy: Add online form", [], acquire=True)
    catalog = api.portal.get_tool("portal_catalog")
    meldung = add_meldung(portal, "alt", category="Spielplatz")
    catalog.delColumn("submission_category")
    catalog.delColumn("submission_finished")
    modified = meldung.modified()
    setup_tool.setLastVersionForProfile("mittelangeln.policy:default", "1003")

    setup_tool.upgradeProfile("mittelangeln.policy:default")

    assert {"MaengelmelderFormular", "SchuelerbefoerderungFormular"} <= set(types_tool.objectIds())
    assert api.portal.get_registry_record("mittelangeln.form_submissions_per_hour") == 10
    roles = {r["name"] for r in portal.rolesOfPermission("mittelangeln.policy: Add online form") if r["selected"]}
    assert roles == {"Manager", "Site Administrator", "Reviewer"}
    brain = catalog(UID=meldung.UID())[0]
    assert brain.submission_category == "Spielplatz" and brain.submission_finished is None
    assert meldung.modified() == modified
    assert len(catalog(portal_type="Folder")) > 0  # indexes not emptied


def test_upgrade_1005_public_documents(portal, setup_tool, manager):
    """The state of profile 1004: no public document types, no feed index, no area."""
    types_tool = api.portal.get_tool("portal_types")
    types_tool.manage_delObjects(["Bekanntmachung", "Satzung", "OeffentlichesFormular", "Pressemitteilung"])
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex("gemeinde")
    catalog.delColumn("public_file")
    api.content.delete(portal["oeffentlich"]["dokumente"])
    setup_tool.setLastVersionForProfile("mittelangeln.policy:default", "1004")

    setup_tool.upgradeProfile("mittelangeln.policy:default")

    assert {"Bekanntmachung", "Satzung", "OeffentlichesFormular", "Pressemitteilung"} <= set(types_tool.objectIds())
    assert "gemeinde" in catalog.indexes() and "public_file" in catalog.schema()
    area = portal["oeffentlich"]["dokumente"]
    assert api.content.get_state(area) == "published"
    assert api.portal.get_tool("portal_workflow").getChainForPortalType("Satzung") == (
        "mittelangeln_oeffentlich_workflow",
    )


def test_upgrade_1006_feed_sort_keys(portal, setup_tool, manager):
    """The state of profile 1005: public documents, no sort keys."""
    catalog = api.portal.get_tool("portal_catalog")
    area = portal["oeffentlich"]["dokumente"]
    notice = api.content.create(area, "Bekanntmachung", title="Wahlbekanntmachung", gemeinde="Gemeinde Sörup")
    notice.fachdienst = api.portal.get_registry_record("mittelangeln.fachdienste")[0]
    modified = notice.modified()
    for name in ("public_date_key", "public_title_key"):
        catalog.delIndex(name)
    setup_tool.setLastVersionForProfile("mittelangeln.policy:default", "1005")

    setup_tool.upgradeProfile("mittelangeln.policy:default")

    date_key = f"{notice.effective().toZone('UTC').ISO8601()}|{notice.UID()}"
    assert [b.getObject() for b in catalog(public_date_key=date_key)] == [notice]
    assert [b.getObject() for b in catalog(public_title_key={"query": "wahl", "range": "min"})] == [notice]
    assert notice.modified() == modified
    assert len(catalog(portal_type="Folder")) > 0  # indexes not emptied


def test_upgrade_1008_keeps_webdav_and_undo_for_administrators(portal, setup_tool):
    """The state of profile 1007: Plone's defaults, WebDAV for everyone
    signed in, the undo listing for owners."""
    from mittelangeln.policy.upgrades import v1008

    portal.manage_permission("WebDAV access", ["Manager", "Authenticated"], acquire=False)
    portal.manage_permission("List undoable changes", ["Manager", "Owner", "Member"], acquire=True)
    v1008.upgrade(setup_tool)

    def roles(permission):
        return {entry["name"] for entry in portal.rolesOfPermission(permission) if entry["selected"]}

    assert roles("WebDAV access") == {"Manager"}
    assert roles("List undoable changes") == {"Manager", "Site Administrator"}
    assert roles("Undo changes") == {"Manager", "Site Administrator"}


def test_upgrade_1010_switches_the_amt_theme_on(portal, setup_tool):
    """The state of profile 1009: no theme installed, areas indexed without
    their type (missing from the navigation)."""
    from mittelangeln.policy.upgrades import v1010

    settings = getUtility(IRegistry).forInterface(IThemeSettings, False)
    settings.enabled = False
    settings.currentTheme = None
    getUtility(IRegistry)["plone.site_logo"] = None
    folder_type = api.portal.get_tool("portal_types")["Folder"]
    folder_type.view_methods += ("dvpdf-group-view",)
    catalog = api.portal.get_tool("portal_catalog")
    catalog.uncatalog_object("/".join(portal["aktuelles"].getPhysicalPath()))
    v1010.upgrade(setup_tool)
    processQueue()
    assert theme_name() == "mittelangeln"
    assert api.portal.get_registry_record("plone.site_logo")
    assert "dvpdf-group-view" not in folder_type.view_methods
    found = catalog.unrestrictedSearchResults(path={"query": "/plone", "depth": 1}, id="aktuelles")
    assert [(brain.getId, brain.Type) for brain in found] == [("aktuelles", "Folder")]


def test_upgrade_1012_footer_with_contact_and_legal_pages(portal, setup_tool, manager):
    """The state of profile 1011: Plone's footer portlets and site actions,
    no contact settings, no legal pages. The step is idempotent."""
    from plone.portlets.interfaces import IPortletAssignmentMapping
    from plone.portlets.interfaces import IPortletManager
    from zope.component import getMultiAdapter

    from mittelangeln.policy.upgrades import v1012

    for step in ("portlets", "actions"):
        setup_tool.runImportStepFromProfile("profile-mittelangeln.policy:uninstall", step)
    registry = getUtility(IRegistry)
    for field in ("contact_name", "contact_address", "contact_phone", "contact_email", "opening_hours"):
        del registry.records[f"mittelangeln.{field}"]
    api.portal.set_registry_record("mittelangeln.login_max_failures", 7)
    api.content.delete(objects=[portal["impressum"], portal["datenschutz"], portal["barrierefreiheit"]])
    footer = getUtility(IPortletManager, name="plone.footerportlets", context=portal)
    mapping = getMultiAdapter((portal, footer), IPortletAssignmentMapping)
    actions = api.portal.get_tool("portal_actions")["site_actions"]
    assert set(mapping.keys()) == {"footer", "actions", "colophon"}
    assert "impressum" not in actions.objectIds()

    for _run in range(2):
        v1012.upgrade(setup_tool)
        assert list(mapping.keys()) == ["mittelangeln-contact", "actions"]
        assert [a.getId() for a in actions.objectValues() if a.visible] == [
            "impressum",
            "datenschutz",
            "accessibility",
            "sitemap",
        ]
        assert api.portal.get_registry_record("mittelangeln.contact_phone") == "04633 0000-0"
        assert api.portal.get_registry_record("mittelangeln.login_max_failures") == 7
        for page_id in ("impressum", "datenschutz", "barrierefreiheit"):
            assert api.content.get_state(portal[page_id]) == "published"
        catalog = api.portal.get_tool("portal_catalog")
        assert len(catalog.unrestrictedSearchResults(portal_type="Document", id="barrierefreiheit")) == 1


def test_upgrade_1011_offers_each_type_only_where_it_belongs(portal, setup_tool, manager):
    """The state of profile 1010: the site root, the Aktenplan type and the
    areas without constraints (only Öffentlich → Dokumente had its own), a
    folder made by hand in the site root."""
    from plone.base.interfaces.constrains import ISelectableConstrainTypes

    from mittelangeln.policy.upgrades import v1011

    types_tool = api.portal.get_tool("portal_types")
    types_tool["Plone Site"].manage_changeProperties(filter_content_types=False, allowed_content_types=())
    types_tool["Aktenplan"].manage_changeProperties(global_allow=True)
    for path in ("aktuelles", "eingaenge/maengelmeldungen", "fachdienste"):
        folder = portal.unrestrictedTraverse(path)
        for name in ("constrain_types_mode", "locally_allowed_types", "immediately_addable_types"):
            folder.__dict__.pop(name, None)
        folder._p_changed = True
    old = api.content.create(container=portal, type="Folder", id="alt", title="Alt")
    old.__dict__.pop("constrain_types_mode")
    chosen = api.content.create(container=portal, type="Folder", id="gewaehlt", title="Gewählt")
    ISelectableConstrainTypes(chosen).setConstrainTypesMode(0)  # DISABLED by an administrator: kept
    ISelectableConstrainTypes(portal["intranet"]).setLocallyAllowedTypes(("Document",))  # chosen: kept
    assert "Maengelmeldung" in {fti.getId() for fti in portal.allowedContentTypes()}

    v1011.upgrade(setup_tool)

    def offered(container):
        return {fti.getId() for fti in container.allowedContentTypes()}

    assert offered(portal) == {"Aktenplan", "Document", "Folder", "Link"}
    assert offered(portal["aktuelles"]) == {"Document", "Event", "File", "Folder", "Image", "Link", "News Item"}
    assert offered(portal["eingaenge"]["maengelmeldungen"]) == {"Maengelmeldung"}
    assert offered(portal["fachdienste"]) == set()
    assert offered(portal["intranet"]) == {"Document"}
    assert offered(old) == {"Document", "Event", "File", "Folder", "Image", "Link", "News Item"}
    assert "Maengelmeldung" in offered(chosen)
    assert "Aktenplan" not in offered(chosen)
    assert types_tool["Aktenplan"].global_allow is False


def test_upgrade_1013_puts_mein_arbeitsplatz_into_the_personal_menu(portal, setup_tool):
    """The state of profile 1012: no such entry in the user actions."""
    from mittelangeln.policy.upgrades import v1013

    user_actions = api.portal.get_tool("portal_actions")["user"]
    user_actions.manage_delObjects(["mein-arbeitsplatz"])
    v1013.upgrade(setup_tool)
    action = user_actions["mein-arbeitsplatz"]
    assert user_actions.objectIds()[0] == "mein-arbeitsplatz"
    assert action.getProperty("url_expr") == "string:${portal_url}/@@mein-arbeitsplatz"
    assert action.getProperty("available_expr") == "python:member is not None"


def test_upgrade_1014_puts_the_skip_link_first_in_the_header(portal, setup_tool):
    from plone.app.viewletmanager.interfaces import IViewletSettingsStorage
    from zope.component import getUtility

    from mittelangeln.policy.upgrades import v1014

    storage = getUtility(IViewletSettingsStorage)
    skin = api.portal.get_tool("portal_skins").getDefaultSkin()
    storage.setOrder("plone.portalheader", skin, ())
    assert "mittelangeln.skiplink" not in storage.getOrder("plone.portalheader", skin)
    v1014.upgrade(setup_tool)
    assert storage.getOrder("plone.portalheader", skin)[0] == "mittelangeln.skiplink"


def test_upgrade_1015_marks_the_areas_and_lists_the_eingaenge(portal, setup_tool):
    from zope.interface import noLongerProvides

    from mittelangeln.policy.interfaces import IArea
    from mittelangeln.policy.upgrades import v1015

    area = portal["eingaenge"]["maengelmeldungen"]
    noLongerProvides(area, IArea)
    area.manage_delProperties(["layout"])  # as before 1015: the Folder's own view
    assert area.getLayout() != "eingangsliste"
    v1015.upgrade(setup_tool)
    assert IArea.providedBy(area)
    assert area.getLayout() == "eingangsliste"
