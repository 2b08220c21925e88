"""The areas of the portal and who works in them.

Each area is a folder with stored local roles (visible and adjustable on its
sharing tab) and blocked inheritance, so a role given on the site root never
leaks into it. Visibility inside an area is decided by the state of each item
(``mittelangeln_bereich_workflow``): drafts only for those who edit the area,
"intern" for everyone who reads it, "öffentlich" for everybody.
"""

from dataclasses import dataclass
from dataclasses import field

from plone import api
from plone.base.interfaces.constrains import ENABLED
from plone.base.interfaces.constrains import ISelectableConstrainTypes
from plone.base.interfaces.siteroot import IPloneSiteRoot
from plone.base.utils import base_hasattr
from plone.dexterity.utils import createContentInContainer
from plone.folder.default import DefaultOrdering
from zope.annotation.interfaces import IAnnotations
from zope.interface import alsoProvides

from mittelangeln.policy import settings
from mittelangeln.policy.eakte.content import UNORDERED
from mittelangeln.policy.homepage.content import PUBLIC_TYPES
from mittelangeln.policy.interfaces import IArea
from mittelangeln.policy.onlineforms.intake import AREAS as SUBMISSION_TYPES
from mittelangeln.policy.security.groups import EHRENAMT
from mittelangeln.policy.security.groups import FAMILIENZENTRUM
from mittelangeln.policy.security.groups import JUGENDZENTRUM
from mittelangeln.policy.security.groups import KITA
from mittelangeln.policy.security.groups import LEITUNG
from mittelangeln.policy.security.groups import POSTSTELLE
from mittelangeln.policy.security.groups import REDAKTION
from mittelangeln.policy.security.groups import REGISTRATUR
from mittelangeln.policy.security.groups import STAFF
from mittelangeln.policy.security.groups import fachdienst_group_id
from mittelangeln.policy.security.groups import fachdienst_groups


READ = ("Reader",)
WORK = ("Reader", "Contributor", "Editor")
PUBLISH = ("Reader", "Contributor", "Editor", "Reviewer")
DECIDE = ("Reader", "Editor", "Reviewer")

# (area below eingaenge, title, settings field naming the Fachdienst)
SUBMISSION_AREAS = (
    ("maengelmeldungen", "Mängelmeldungen", "maengelmelder_fachdienst"),
    ("schuelerbefoerderung", "Schülerbeförderung", "schuelerbefoerderung_fachdienst"),
)

# What the add menu offers in an area; its subfolders offer the same (a
# Folder in a Folder acquires the constraints, plone.app.dexterity).
PAGES = ("Document", "File", "Folder", "Image", "Link")
NEWS = (*PAGES, "News Item", "Event")
NOTHING = ()

CENTRES = {
    FAMILIENZENTRUM: "Familienzentrum",
    JUGENDZENTRUM: "Jugendzentrum",
    KITA: "Kita",
}


@dataclass(frozen=True)
class Area:
    path: str
    title: str
    description: str
    grants: dict = field(default_factory=dict)
    state: str = "internal"
    # The types the add menu offers here (and in the area's subfolders).
    allowed_types: tuple = PAGES
    # The area's view unless an editor chose another (None: the Folder's).
    layout: str = None
    # Submissions and Eingänge arrive concurrently (forms, mail import,
    # scans) and are listed through the catalog by date: an explicit order
    # would make every addition rewrite one order list, which never merges
    # (ConflictErrors under load on a cluster, issue 20).
    unordered: bool = False


def areas():
    """All areas, parents before children; the Fachdienst areas follow the
    registry's list of Fachdienste."""
    yield Area(
        "aktuelles",
        "Aktuelles",
        "Mitteilungen für alle Mitarbeitenden, das Ehrenamt und die Einrichtungen",
        {STAFF: READ, EHRENAMT: READ, **{group: READ for group in CENTRES}, REDAKTION: WORK},
        allowed_types=NEWS,
    )
    yield Area(
        "intranet",
        "Intranet",
        "Dienstanweisungen, Vorlagen und Informationen für alle Mitarbeitenden",
        {STAFF: READ, REDAKTION: WORK},
        allowed_types=(*PAGES, "News Item"),
    )
    # The Fachdienst and centre areas come from the settings and CENTRES,
    # the submission areas from SUBMISSION_AREAS: nothing to add by hand.
    yield Area("fachdienste", "Fachdienste", "Arbeitsbereiche der Fachdienste", {STAFF: READ}, allowed_types=NOTHING)
    # Records are filed in the Aktenplan, not in the Fachdienst's area.
    for group, name in fachdienst_groups().items():
        yield Area(f"fachdienste/{group}", name, "Arbeitsbereich des Fachdienstes", {group: WORK, LEITUNG: READ})
    yield Area(
        "einrichtungen",
        "Einrichtungen",
        "Familienzentrum, Jugendzentrum und Kita",
        {STAFF: READ, **{group: READ for group in CENTRES}},
        allowed_types=NOTHING,
    )
    for group, title in CENTRES.items():
        yield Area(
            f"einrichtungen/{group}",
            title,
            "Dokumente der Einrichtung",
            {group: WORK, LEITUNG: READ},
            allowed_types=NEWS,
        )
    yield Area(
        "ehrenamt",
        "Ehrenamt",
        "Sitzungsunterlagen und Informationen für Ehrenamtliche",
        {EHRENAMT: READ, STAFF: READ, REDAKTION: WORK},
        allowed_types=NEWS,
    )
    # Online form submissions: never public, read by the Fachdienst that
    # handles them (settings), who also decides (Reviewer); Leitung reads.
    yield Area(
        "eingaenge", "Eingänge", "Online eingegangene Meldungen und Anträge", {LEITUNG: READ}, allowed_types=NOTHING
    )
    area_types = {path: type_name for type_name, path in SUBMISSION_TYPES.items()}
    for path, title, routing_field in SUBMISSION_AREAS:
        group = fachdienst_group_id(settings.routed_fachdienst(routing_field))
        grants = {LEITUNG: READ, **({group: DECIDE} if group else {})}
        # Only the online form adds here (onlineforms/intake.py).
        yield Area(
            f"eingaenge/{path}",
            title,
            "Online eingegangen; nur für den zuständigen Fachdienst",
            grants,
            allowed_types=(area_types[f"eingaenge/{path}"],),
            layout="eingangsliste",
            unordered=True,
        )
    # The digital Posteingang: the Poststelle registers and routes every
    # Eingang; a Fachdienst or person sees an Eingang routed to it
    # (security/localroles.py), Leitung reads all.
    yield Area(
        "posteingang",
        "Posteingang",
        "Eingegangene Briefe, Scans, E-Mails und Uploads",
        {POSTSTELLE: WORK, LEITUNG: READ},
        allowed_types=("Eingang",),
        layout="posteingang-liste",
        unordered=True,
    )
    # The Aussonderung: processes with the archive and the Löschprotokolle,
    # only made by aussonderung/process.py (nothing in the add menu).
    yield Area(
        "aussonderungen",
        "Aussonderung",
        "Aussonderungsverfahren mit dem Archiv und Löschprotokolle",
        {REGISTRATUR: WORK, LEITUNG: READ},
        allowed_types=NOTHING,
    )
    yield Area(
        "oeffentlich",
        "Öffentlich",
        "Veröffentlichte Dokumente und Formulare für die Homepage",
        {REDAKTION: PUBLISH},
        state="published",
        allowed_types=(*PAGES, "MaengelmelderFormular", "SchuelerbefoerderungFormular"),
    )
    # Bekanntmachungen, Satzungen, Formulare, Pressemitteilungen for the
    # homepage: staff write and submit them, the Redaktion publishes.
    yield Area(
        "oeffentlich/dokumente",
        "Öffentliche Dokumente",
        "Bekanntmachungen, Satzungen, Formulare und Pressemitteilungen für die Homepage",
        {STAFF: ("Contributor",), REDAKTION: PUBLISH},
        state="published",
        allowed_types=PUBLIC_TYPES,
    )


def ensure_areas(portal):
    """Create missing areas; on existing ones add missing grants, block
    inheritance, bring them to their state and give them their add menu
    unless an administrator chose another. Returns the paths created."""
    created = []
    for area in areas():
        parent_path, _, area_id = area.path.rpartition("/")
        parent = portal.unrestrictedTraverse(parent_path) if parent_path else portal
        folder = parent.get(area_id)
        if folder is None:
            # The areas are the portal's structure: made even where the
            # add menu offers no Folder.
            folder = createContentInContainer(
                parent, "Folder", checkConstraints=False, id=area_id, title=area.title, description=area.description
            )
            offer_only(folder, area.allowed_types)
            created.append(area.path)
        folder.__ac_local_roles_block__ = True
        for principal, roles in area.grants.items():
            current = set(folder.get_local_roles_for_userid(principal))
            folder.manage_setLocalRoles(principal, sorted(current | set(roles)))
        if api.content.get_state(folder, default=None) not in (None, area.state):
            api.content.transition(obj=folder, to_state=area.state)
        offer_unless_chosen(folder, area.allowed_types)
        if area.layout and not folder.getProperty("layout"):
            folder.setLayout(area.layout)
        if area.unordered:
            make_unordered(folder)
        # Areas are the portal's structure: their state is the
        # administrators' (the area workflow's guards ask for IArea).
        alsoProvides(folder, IArea)
        folder.reindexObject(idxs=["object_provides"])
        folder.reindexObjectSecurity()
    return created


def make_unordered(folder):
    """The folder keeps no explicit order of its items (plone.folder's
    "unordered" ordering); the order list of the default ordering goes."""
    if folder._ordering == UNORDERED:
        return
    folder.setOrdering(UNORDERED)
    annotations = IAnnotations(folder)
    for key in (DefaultOrdering.ORDER_KEY, DefaultOrdering.POS_KEY):
        annotations.pop(key, None)


def offer_only(folder, types):
    """The add menu of ``folder`` and of its subfolders offers ``types``.
    Set with a Manager's roles: the setters accept only types the current
    user could add."""
    constraints = ISelectableConstrainTypes(folder)
    with api.env.adopt_roles(["Manager"]):
        constraints.setConstrainTypesMode(ENABLED)
        constraints.setLocallyAllowedTypes(tuple(types))
        constraints.setImmediatelyAddableTypes(tuple(types))


def offer_unless_chosen(folder, types):
    """``offer_only`` unless the folder has a choice of its own (made by an
    administrator with "Einschränkungen…", or before)."""
    if not base_hasattr(folder, "constrain_types_mode"):
        offer_only(folder, types)


def constrain_new_top_level_folder(folder, event):
    """A Folder made by hand directly in the site root offers what an
    ordinary area offers, not every type of the portal (Plone gives a Folder
    below the root no constraints of its own)."""
    if event.newParent is not None and IPloneSiteRoot.providedBy(event.newParent):
        offer_unless_chosen(folder, NEWS)


def reroute_submission_area(portal, field, old_fachdienst):
    """The settings name another Fachdienst for a kind of submission: the
    previous one loses its roles on that area (ensure_areas gives the new
    one its roles)."""
    for path, _title, area_field in SUBMISSION_AREAS:
        area = portal.unrestrictedTraverse(f"eingaenge/{path}", None)
        old_group = fachdienst_group_id(old_fachdienst)
        if area_field == field and area is not None and old_group:
            area.manage_delLocalRoles([old_group])
            area.reindexObjectSecurity()
