"""1007 → 1008: WebDAV only for Managers; @transactions and undo only for
Managers and Site Administrators (rolemap.xml)."""

from mittelangeln.policy.upgrades import reimport


def upgrade(context):
    reimport(context, "rolemap")
