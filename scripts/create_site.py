"""Create the Mittelangeln site unless it exists (run by `make run`).

Usage: bin/instance run scripts/create_site.py
(`app`, the Zope root, is provided by `bin/instance run`.)
"""

import sys

from mittelangeln.policy.site.creation import ADMIN_PASSWORD_VARIABLE
from mittelangeln.policy.site.creation import ADMIN_USER
from mittelangeln.policy.site.creation import run
from mittelangeln.policy.site.mail import MailSettingsError


try:
    report = run(app)  # noqa: F821 (provided by bin/instance run)
except MailSettingsError as error:
    print(f"Fehler in den Mail-Einstellungen: {error}", file=sys.stderr)
    sys.exit(2)

site = report["site"]
if report["created"]:
    print(f"Website '{site.getId()}' ({site.Title()}) angelegt.")
else:
    print(f"Website '{site.getId()}' besteht bereits, nichts neu angelegt.")
if report["generated_password"]:
    print("=" * 72)
    print(f"Zope-Administrator '{ADMIN_USER}' angelegt, Passwort (nur jetzt angezeigt):")
    print(f"    {report['generated_password']}")
    print(f"Eigenes Passwort: {ADMIN_PASSWORD_VARIABLE}=... make run")
    print("=" * 72)
