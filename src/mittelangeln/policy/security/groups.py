"""The groups of the security model.

Fixed groups have fixed ids (the policy grants roles to them); one group per
Fachdienst follows the registry record ``mittelangeln.fachdienste`` and gets
its id from the Fachdienst's name. The staff group ``mitarbeitende`` contains
the Fachdienst groups, Leitung and Personalstelle (nested groups), so "all
staff" is one principal in local roles and catalog security.
"""

from plone import api

from mittelangeln.policy import settings
from mittelangeln.policy.principals import fachdienst_group_id


STAFF = "mitarbeitende"
LEITUNG = "leitung"
PERSONALSTELLE = "personalstelle"
REDAKTION = "redaktion"
EHRENAMT = "ehrenamt"
FAMILIENZENTRUM = "familienzentrum"
JUGENDZENTRUM = "jugendzentrum"
KITA = "kita"
DATENSCHUTZ = "datenschutz"
POSTSTELLE = "poststelle"
REGISTRATUR = "registratur"

# id: (title, description, site-wide roles)
FIXED_GROUPS = {
    STAFF: ("Alle Mitarbeitenden", "Enthält die Fachdienste, Leitung und Personalstelle", ()),
    LEITUNG: ("Leitung", "Amtsleitung: liest alle Bereiche und Personalakten", ("Datenschutz",)),
    PERSONALSTELLE: ("Personalstelle", "Führt die Personalakten", ("Personalverwaltung",)),
    REDAKTION: ("Redaktion", "Pflegt Aktuelles, den öffentlichen Bereich und Formulare", ()),
    EHRENAMT: ("Ehrenamt", "Ehrenamtliche: Sitzungsunterlagen und Freigegebenes", ()),
    FAMILIENZENTRUM: ("Familienzentrum", "Eigener Bereich und Aktuelles", ()),
    JUGENDZENTRUM: ("Jugendzentrum", "Eigener Bereich und Aktuelles", ()),
    KITA: ("Kita", "Eigener Bereich und Aktuelles", ()),
    DATENSCHUTZ: ("Datenschutz", "Datenschutzbeauftragte: Zugriffsprotokoll", ("Datenschutz",)),
    POSTSTELLE: ("Poststelle", "Registriert und verteilt den Posteingang", ()),
    REGISTRATUR: (
        "Registratur (Schriftgutverwaltung)",
        "Sondert Akten aus: Anbietung an das Archiv, Übergabe und Löschprotokolle",
        ("Schriftgutverwaltung",),
    ),
}

# Groups whose members are staff (besides the Fachdienst groups).
STAFF_MEMBER_GROUPS = (LEITUNG, PERSONALSTELLE, POSTSTELLE, REGISTRATUR)


def fachdienst_names():
    return settings.fachdienste()


def fachdienst_groups():
    """{group id: Fachdienst name} of the configured Fachdienste."""
    return {fachdienst_group_id(name): name for name in fachdienst_names()}


def ensure_groups():
    """Create missing groups, give the fixed ones their site-wide roles and
    put Fachdienst groups, Leitung and Personalstelle into the staff group.
    Existing groups and their members are left as they are."""
    for group_id, (title, description, roles) in FIXED_GROUPS.items():
        _ensure(group_id, title, description)
        if roles:
            api.group.grant_roles(groupname=group_id, roles=list(roles))
    for group_id, name in fachdienst_groups().items():
        _ensure(group_id, name, "Fachdienst")
    portal_groups = api.portal.get_tool("portal_groups")
    members = set(api.group.get(groupname=STAFF).getGroupMemberIds())
    for group_id in (*fachdienst_groups(), *STAFF_MEMBER_GROUPS):
        if group_id not in members:
            # plone.api adds users only; groups in groups go through the tool.
            portal_groups.addPrincipalToGroup(group_id, STAFF)


def _ensure(group_id, title, description):
    if api.group.get(groupname=group_id) is None:
        api.group.create(groupname=group_id, title=title, description=description)
