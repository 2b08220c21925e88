"""Databases from before profile 1007 name content classes by the modules
they lived in then; those names must still load (moved.py)."""

import pickle

import pytest
from ZODB.broken import Broken
from ZODB.broken import find_global

from mittelangeln.policy.moved import MOVED_MODULES
from mittelangeln.policy.moved import moved_dotted_name


# Classes stored in pickles of existing sites, by their old dotted name.
OLD_CLASSES = {
    "mittelangeln.policy.content.akte.Akte": "mittelangeln.policy.eakte.content.akte.Akte",
    "mittelangeln.policy.content.akte.Bauakte": "mittelangeln.policy.eakte.content.akte.Bauakte",
    "mittelangeln.policy.content.akte.Personalakte": "mittelangeln.policy.eakte.content.akte.Personalakte",
    "mittelangeln.policy.content.aktenplan.Aktenplan": "mittelangeln.policy.eakte.content.aktenplan.Aktenplan",
    "mittelangeln.policy.content.aktenplan.AktenplanPosition": (
        "mittelangeln.policy.eakte.content.aktenplan.AktenplanPosition"
    ),
    "mittelangeln.policy.content.vorgang.Vorgang": "mittelangeln.policy.eakte.content.vorgang.Vorgang",
    "mittelangeln.policy.content.dokument.Dokument": "mittelangeln.policy.dokumente.content.Dokument",
    "mittelangeln.policy.content.forms.MaengelmelderFormular": (
        "mittelangeln.policy.onlineforms.content.forms.MaengelmelderFormular"
    ),
    "mittelangeln.policy.content.submissions.Maengelmeldung": (
        "mittelangeln.policy.onlineforms.content.submissions.Maengelmeldung"
    ),
    "mittelangeln.policy.content.public.Bekanntmachung": "mittelangeln.policy.homepage.content.Bekanntmachung",
}


def resolve(dotted_name):
    module, _dot, name = dotted_name.rpartition(".")
    return find_global(module, name)


@pytest.mark.parametrize("old,new", sorted(OLD_CLASSES.items()))
def test_zodb_finds_the_class_under_its_old_name(old, new):
    found = resolve(old)
    assert not issubclass(found, Broken)
    assert found is resolve(new)
    assert f"{found.__module__}.{found.__name__}" == new


@pytest.mark.parametrize("old,new", sorted(OLD_CLASSES.items()))
def test_a_pickle_naming_the_old_module_loads(old, new):
    module, _dot, name = old.rpartition(".")
    assert pickle.loads(f"c{module}\n{name}\n.".encode()) is resolve(new)


def test_moved_dotted_name_maps_only_moved_modules():
    assert moved_dotted_name("mittelangeln.policy.content.akte.IAkte") == "mittelangeln.policy.eakte.content.akte.IAkte"
    assert moved_dotted_name("plone.app.contenttypes.content.File") == "plone.app.contenttypes.content.File"
    assert set(MOVED_MODULES) >= {old.rpartition(".")[0] for old in OLD_CLASSES}


def test_unknown_old_modules_stay_unknown():
    with pytest.raises(ImportError):
        __import__("mittelangeln.policy.content.nothing_was_here")
