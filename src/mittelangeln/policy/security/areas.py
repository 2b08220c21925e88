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

from mittelangeln.policy import settings
from mittelangeln.policy.homepage.content import PUBLIC_TYPES
from mittelangeln.policy.security.groups import EHRENAMT
from mittelangeln.policy.security.groups import FAMILIENZENTRUM
from mittelangeln.policy.security.groups import JUGENDZENTRUM
from mittelangeln.policy.security.groups import KITA
from mittelangeln.policy.security.groups import LEITUNG
from mittelangeln.policy.security.groups import REDAKTION
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
    # Only these types may be added (empty: what the portal allows anywhere).
    allowed_types: tuple = ()


def areas():
    """All areas, parents before children; the Fachdienst areas follow the
    registry's list of Fachdienste."""
    yield Area(
        "aktuelles",
        "Aktuelles",
        "Mitteilungen für alle Mitarbeitenden, das Ehrenamt und die Einrichtungen",
        {STAFF: READ, EHRENAMT: READ, **{group: READ for group in CENTRES}, REDAKTION: WORK},
    )
    yield Area(
        "intranet",
        "Intranet",
        "Dienstanweisungen, Vorlagen und Informationen für alle Mitarbeitenden",
        {STAFF: READ, REDAKTION: WORK},
    )
    yield Area("fachdienste", "Fachdienste", "Arbeitsbereiche der Fachdienste", {STAFF: READ})
    for group, name in fachdienst_groups().items():
        yield Area(f"fachdienste/{group}", name, "Arbeitsbereich des Fachdienstes", {group: WORK, LEITUNG: READ})
    yield Area(
        "einrichtungen",
        "Einrichtungen",
        "Familienzentrum, Jugendzentrum und Kita",
        {STAFF: READ, **{group: READ for group in CENTRES}},
    )
    for group, title in CENTRES.items():
        yield Area(f"einrichtungen/{group}", title, "Dokumente der Einrichtung", {group: WORK, LEITUNG: READ})
    yield Area(
        "ehrenamt",
        "Ehrenamt",
        "Sitzungsunterlagen und Informationen für Ehrenamtliche",
        {EHRENAMT: READ, STAFF: READ, REDAKTION: WORK},
    )
    # Online form submissions: never public, read by the Fachdienst that
    # handles them (settings), who also decides (Reviewer); Leitung reads.
    yield Area("eingaenge", "Eingänge", "Online eingegangene Meldungen und Anträge", {LEITUNG: READ})
    for path, title, routing_field in SUBMISSION_AREAS:
        group = fachdienst_group_id(settings.routed_fachdienst(routing_field))
        grants = {LEITUNG: READ, **({group: DECIDE} if group else {})}
        yield Area(f"eingaenge/{path}", title, "Online eingegangen; nur für den zuständigen Fachdienst", grants)
    yield Area(
        "oeffentlich",
        "Öffentlich",
        "Veröffentlichte Dokumente und Formulare für die Homepage",
        {REDAKTION: PUBLISH},
        state="published",
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
    inheritance and bring them to their state. Returns the paths created."""
    created = []
    for area in areas():
        parent_path, _, area_id = area.path.rpartition("/")
        parent = portal.unrestrictedTraverse(parent_path) if parent_path else portal
        folder = parent.get(area_id)
        if folder is None:
            folder = api.content.create(
                container=parent, type="Folder", id=area_id, title=area.title, description=area.description
            )
            created.append(area.path)
        folder.__ac_local_roles_block__ = True
        for principal, roles in area.grants.items():
            current = set(folder.get_local_roles_for_userid(principal))
            folder.manage_setLocalRoles(principal, sorted(current | set(roles)))
        if api.content.get_state(folder, default=None) not in (None, area.state):
            api.content.transition(obj=folder, to_state=area.state)
        if area.allowed_types:
            constraints = ISelectableConstrainTypes(folder)
            constraints.setConstrainTypesMode(ENABLED)
            constraints.setLocallyAllowedTypes(area.allowed_types)
            constraints.setImmediatelyAddableTypes(area.allowed_types)
        folder.reindexObjectSecurity()
    return created


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
