"""A Löschprotokoll is kept as written: nobody (also no administrator)
may modify or delete it, its entries cannot be changed, it cannot be
deleted, moved or renamed, not even with its folder."""

import pytest
from plone import api
from zExceptions import Unauthorized

from mittelangeln.policy.aussonderung import process
from mittelangeln.policy.aussonderung.content import ProtocolFixed
from mittelangeln.policy.aussonderung.content import ProtocolKept
from mittelangeln.policy.aussonderung.identifiers import xdomea_uuid


@pytest.fixture
def protocol(portal, manager, expired_akten, archive):
    """The Löschprotokoll of a process that destroyed one Akte (V)."""
    akte = expired_akten["destroy"]
    proc = process.start([akte])
    process.take_appraisal(proc, "0502.xml", archive.appraisal(proc, {xdomea_uuid(akte): "V"}))
    process.destroy(proc)
    return portal["aussonderungen"][proc.protocols[0]]


@pytest.mark.parametrize("role", ["Manager", "Site Administrator", "Schriftgutverwaltung"])
def test_nobody_modifies_or_deletes_it(protocol, role):
    with api.env.adopt_roles([role]):
        assert api.user.has_permission("View", obj=protocol)
        assert not api.user.has_permission("Modify portal content", obj=protocol)
        assert not api.user.has_permission("Delete objects", obj=protocol)


def test_leitung_reads_it(protocol):
    user = api.user.create(email="leiterin@example.org", username="leiterin")
    api.group.add_user(groupname="leitung", user=user)
    assert api.user.has_permission("View", user=user, obj=protocol)
    assert not api.user.has_permission("Modify portal content", user=user, obj=protocol)


def test_a_fachdienst_does_not_see_it(protocol):
    user = api.user.create(email="bau@example.org", username="bauamt")
    api.group.add_user(groupname="fachdienst-iv-bauen-und-umwelt", user=user)
    assert not api.user.has_permission("View", user=user, obj=protocol)


def test_entries_are_immutable(protocol):
    entries = protocol.entries
    assert isinstance(entries, tuple)
    assert {entry["what"] for entry in entries} == {"Akte", "Vorgang", "Dokument"}
    with pytest.raises(TypeError):
        entries[0]["decision"] = "A"
    with pytest.raises(ProtocolFixed) as error:
        protocol.entries = ()
    assert str(error.value) == "Ein Löschprotokoll kann nicht geändert werden."
    assert protocol.entries == entries


def test_it_cannot_be_deleted(portal, protocol):
    area = portal["aussonderungen"]
    with pytest.raises(Unauthorized):
        area.manage_delObjects([protocol.getId()])
    with pytest.raises(ProtocolKept) as error:
        area._delObject(protocol.getId())  # without the permission check
    assert str(error.value) == "Ein Löschprotokoll kann nicht gelöscht, verschoben oder umbenannt werden."
    with pytest.raises((ProtocolKept, Unauthorized)):
        portal._delObject("aussonderungen")  # with its folder
    assert protocol.getId() in portal["aussonderungen"]
