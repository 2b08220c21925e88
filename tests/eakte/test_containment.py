"""Allowed containment and add permissions of the E-Akte types."""

import pytest
from plone import api

from mittelangeln.policy.dokumente.content import IDokument


ALLOWED = {
    "Aktenplan": {"AktenplanPosition"},
    "AktenplanPosition": {"AktenplanPosition", "Akte", "Bauakte", "Personalakte"},
    "Akte": {"Vorgang", "Dokument"},
    "Bauakte": {"Vorgang", "Dokument"},
    "Personalakte": {"Vorgang", "Dokument"},
    "Vorgang": {"Dokument"},
    "Dokument": set(),
}


@pytest.mark.parametrize("type_name,allowed", sorted(ALLOWED.items()))
def test_allowed_content_types(portal, get_fti, type_name, allowed):
    fti = get_fti(type_name)
    assert fti.filter_content_types is True
    assert set(fti.allowed_content_types) == allowed


@pytest.mark.parametrize("type_name", sorted(ALLOWED))
def test_no_eakte_type_is_offered_in_every_folder(get_fti, type_name):
    assert get_fti(type_name).global_allow is False


def test_only_aktenplan_at_top_level(portal, get_fti):
    """The Aktenplan lives in the site root and nowhere else (issue 16)."""
    addable = set(get_fti("Plone Site").allowed_content_types)
    assert "Aktenplan" in addable
    assert addable & set(ALLOWED) == {"Aktenplan"}
    assert get_fti("Plone Site").filter_content_types is True


def test_dokument_not_addable_into_plan_position(plan):
    with pytest.raises(api.exc.InvalidParameterError):
        api.content.create(container=plan["genehmigungen"], type="Dokument", title="Lose Blatt")


def test_vorgang_only_into_akte(plan):
    with pytest.raises(api.exc.InvalidParameterError):
        api.content.create(container=plan["genehmigungen"], type="Vorgang", title="Ohne Akte")


def test_akte_not_at_top_level(portal, manager):
    with pytest.raises(api.exc.InvalidParameterError):
        api.content.create(container=portal, type="Akte", title="Ohne Aktenplan")


def test_dokument_directly_in_akte(akte, make_file):
    dokument = api.content.create(container=akte, type="Dokument", title="Vermerk", file=make_file(), kind="vermerk")
    assert IDokument.providedBy(dokument)


ADMINS = {"Manager", "Site Administrator"}
# Records are added by the groups that work on them, never as Owner (security/ownership.py).
CLERKS = ADMINS | {"Contributor", "Editor"}


@pytest.mark.parametrize(
    "type_name,roles",
    [
        ("Aktenplan", ADMINS),
        ("AktenplanPosition", ADMINS),
        ("Akte", CLERKS),
        ("Bauakte", CLERKS),
        ("Personalakte", ADMINS | {"Personalverwaltung"}),
        ("Vorgang", CLERKS),
        ("Dokument", CLERKS),
    ],
)
def test_add_permission(portal, get_fti, type_name, roles):
    assert get_fti(type_name).add_permission == f"mittelangeln.policy.Add{type_name}"
    permission = f"mittelangeln.policy: Add {type_name}"
    granted = {r["name"] for r in portal.rolesOfPermission(permission) if r["selected"]}
    assert granted == roles


def test_contributor_cannot_add_personalakte(plan):
    """A clerk who may file Akten in a position still cannot start a Personalakte."""
    api.user.create(email="a@example.org", username="sachbearbeiter", password="geheim-123456")
    api.user.grant_roles(username="sachbearbeiter", obj=plan["genehmigungen"], roles=["Contributor"])
    with api.env.adopt_user(username="sachbearbeiter"):
        allowed = {fti.getId() for fti in plan["genehmigungen"].allowedContentTypes()}
    assert "Akte" in allowed
    assert "Bauakte" in allowed
    assert "Personalakte" not in allowed
