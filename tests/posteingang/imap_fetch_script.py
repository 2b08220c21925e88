"""One round of the IMAP intake in a real portal database (a FileStorage),
as the worker runs it (the system user); run by test_mail_imap_kill.py the
way `bin/instance-test run` runs scripts (``app`` given, with a request).

$MAIL_URL: the mailbox line. $MODE=fetch (default): fetch it, printing
"COMMITTED <n>" after each commit; with $BLOCK_AFTER=<n> the n-th commit
is followed by a pause until the test kills the process (between the
commit and flagging the message \\Seen). $MODE=count: print the Message-IDs
of the e-mail Eingänge. The last line is "RESULT <json>".
"""

import json
import os
import time

import transaction
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import system
from zope.component.hooks import setSite

from mittelangeln.policy.posteingang.mail.imap import fetch_mailbox


site = app.Mittelangeln  # noqa: F821 (provided by the runner, as by bin/instance run)
setSite(site)
newSecurityManager(None, system)
block_after = int(os.environ.get("BLOCK_AFTER") or 0)
commits = 0


def commit():
    global commits
    transaction.commit()
    commits += 1
    print(f"COMMITTED {commits}", flush=True)
    if commits == block_after:
        time.sleep(600)


if os.environ.get("MODE", "fetch") == "count":
    ids = [eingang.message_id for eingang in site["posteingang"].objectValues() if eingang.channel == "email"]
    print("RESULT " + json.dumps(sorted(ids)), flush=True)
else:
    counts = fetch_mailbox(os.environ["MAIL_URL"], commit, transaction.abort)
    print("RESULT " + json.dumps(counts), flush=True)
