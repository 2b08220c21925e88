"""1012 → 1013: Mein Arbeitsplatz (issue 16): the personal menu gains the
entry "Mein Arbeitsplatz" (actions.xml, category user). The page, its boxes
and the landing after sign-in need no stored configuration."""

from mittelangeln.policy.upgrades import reimport


def upgrade(context):
    reimport(context, "actions")
