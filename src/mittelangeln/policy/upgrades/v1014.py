"""1013 → 1014: the skip link ("Direkt zum Inhalt") comes first in the
header; its viewlet is registered in site/accessibility.zcml, its place in
the header by profiles/default/viewlets.xml."""

from mittelangeln.policy.upgrades import reimport


def upgrade(context):
    reimport(context, "viewlets")
