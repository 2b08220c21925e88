"""1003 → 1004: the online form types (Mängelmelder and Schülerbeförderung
forms) with their add permission and the abuse limits of the forms."""

from mittelangeln.policy.upgrades import reimport


def upgrade(context):
    reimport(context, "typeinfo", "rolemap", "plone.app.registry")
