"""Upgrade 1018 puts SearchableText of a site of profile 1017 on the German
lexicon and indexes every object into it, logging the progress."""

import logging

from Acquisition import aq_base
from plone import api

from mittelangeln.policy.fulltext.catalog import PLONE_LEXICON
from mittelangeln.policy.fulltext.catalog import lexicon_of
from mittelangeln.policy.fulltext.catalog import rebuild_searchable_text
from mittelangeln.policy.upgrades import v1018


def test_upgrade_1018_reindexes_on_the_german_lexicon(portal, manager, setup_tool, akte, make_file, caplog):
    catalog = api.portal.get_tool("portal_catalog")
    api.content.create(
        container=akte, type="Dokument", id="antraege", title="Eingang", kind="eingang",
        file=make_file("Zwei Bauanträge aus Sörup".encode(), filename="a.txt"),
    )  # fmt: skip
    # the state of 1017: Plone's lexicon, no German one
    rebuild_searchable_text(catalog, PLONE_LEXICON)
    catalog._delObject("german_lexicon")
    assert len(catalog(SearchableText="Bauantrag")) == 0
    total = len(catalog._catalog.uids)

    with caplog.at_level(logging.INFO, logger="mittelangeln.policy.fulltext.catalog"):
        v1018.upgrade(setup_tool)

    assert lexicon_of(catalog) == "german_lexicon"
    assert [brain.getId for brain in catalog(SearchableText="Bauantrag")] == ["antraege"]
    assert [brain.getId for brain in catalog(SearchableText="Soerup")] == ["antraege"]
    messages = [record.getMessage() for record in caplog.records]
    assert f"SearchableText: indexing {total} objects on german_lexicon" in messages
    assert any(message.startswith(f"SearchableText: {total}/{total} (100 %)") for message in messages)
    assert len(catalog(portal_type="Folder")) > 0  # other indexes not emptied


def test_upgrade_1018_twice_changes_nothing(portal, manager, setup_tool):
    catalog = api.portal.get_tool("portal_catalog")
    index = aq_base(catalog._catalog.getIndex("SearchableText"))
    v1018.upgrade(setup_tool)
    assert aq_base(catalog._catalog.getIndex("SearchableText")) is index


def test_upgrade_1018_fills_an_index_an_earlier_step_made_anew(portal, manager, setup_tool, akte, make_file):
    """Upgrade 1002 reimports catalog.xml, which makes SearchableText anew
    (empty) on the German lexicon: a site upgraded from before 1002 must
    still have its full text after 1018."""
    from mittelangeln.policy.upgrades import reimport

    api.content.create(
        container=akte, type="Dokument", id="antraege", title="Eingang", kind="eingang",
        file=make_file("Zwei Bauanträge aus Sörup".encode(), filename="a.txt"),
    )  # fmt: skip
    catalog = api.portal.get_tool("portal_catalog")
    assert len(catalog(SearchableText="Bauantrag")) == 1
    reimport(setup_tool, "catalog")
    assert len(catalog(SearchableText="Bauantrag")) == 0  # the state after 1002

    v1018.upgrade(setup_tool)

    assert [brain.getId for brain in catalog(SearchableText="Bauantrag")] == ["antraege"]
