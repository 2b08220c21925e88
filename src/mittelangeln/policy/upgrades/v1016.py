"""1015 → 1016: the digital Posteingang (issue 17): the Eingang type and its
workflow, the Poststelle group and the Posteingang area, the intake and
routing settings, and the indexes of the Posteingang lists."""

from plone import api

from mittelangeln.policy.security.areas import ensure_areas
from mittelangeln.policy.security.groups import ensure_groups
from mittelangeln.policy.upgrades import add_catalog_entries
from mittelangeln.policy.upgrades import reimport
from mittelangeln.policy.upgrades import reindex


# The Posteingang lists (posteingang/indexers.py); the online submissions
# existing before are listed too.
INCOMING_TYPES = ("Eingang", "Maengelmeldung", "Schuelerbefoerderungsantrag")
LIST_INDEXES = (
    "eingangsnummer",
    "eingang_channel",
    "eingang_sender_key",
    "eingang_deadline_key",
    "eingang_fachdienst",
    "eingang_responsible",
    "posteingang_state",
    "posteingang_state_rank",
)
LIST_DATE_INDEXES = ("eingang_received", "eingang_deadline")
LIST_COLUMNS = (
    "eingangsnummer",
    "eingang_channel",
    "eingang_received",
    "eingang_deadline",
    "eingang_sender",
    "eingang_fachdienst",
    "eingang_responsible",
    "posteingang_state",
    "eingang_done_at",
)


def add_date_indexes(names):
    catalog = api.portal.get_tool("portal_catalog")
    for name in names:
        if name not in catalog.indexes():
            catalog.addIndex(name, "DateIndex")  # naive times as local: the DateIndex default


# Wiedervorlagen (wiedervorlage/indexers.py); no object has one before.
WIEDERVORLAGE_INDEXES = {"wiedervorlage_due": "FieldIndex", "wiedervorlage_for": "KeywordIndex"}


def add_wiedervorlage_indexes():
    catalog = api.portal.get_tool("portal_catalog")
    for name, kind in WIEDERVORLAGE_INDEXES.items():
        if name not in catalog.indexes():
            catalog.addIndex(name, kind)


def upgrade(context):
    reimport(context, "rolemap", "typeinfo", "workflow", "plone.app.registry", "controlpanel", "actions")
    add_catalog_entries(indexes=LIST_INDEXES, columns=LIST_COLUMNS)
    add_date_indexes(LIST_DATE_INDEXES)
    add_wiedervorlage_indexes()
    reindex(INCOMING_TYPES, (*LIST_INDEXES, *LIST_DATE_INDEXES))
    ensure_groups()
    ensure_areas(api.portal.get())
