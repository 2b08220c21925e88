"""1003 → 1004: the online form types (Mängelmelder and Schülerbeförderung
forms) with their add permission, the limits of the forms, the filing action
of submissions, the statistics permission and catalog columns."""

from mittelangeln.policy.upgrades import add_catalog_entries
from mittelangeln.policy.upgrades import reimport
from mittelangeln.policy.upgrades import reindex


def upgrade(context):
    reimport(context, "typeinfo", "rolemap", "plone.app.registry")
    add_catalog_entries(columns=("submission_category", "submission_finished"))
    reindex(("Maengelmeldung", "Schuelerbefoerderungsantrag"), ["portal_type"])
