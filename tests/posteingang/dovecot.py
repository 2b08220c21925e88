"""A real IMAP server for the e-mail intake tests: Debian's dovecot-imapd
(/usr/sbin/dovecot, never the system service) with a throwaway
configuration, passwd file and maildirs under the test's temporary
directory, plaintext login on 127.0.0.1 on a free port, no TLS.

Dovecot refuses to serve mail as root: the mail processes run as
``nobody``, chrooted into the maildir root (so the 0700 pytest directories
above it need not be opened). Its sockets live in a short directory of
their own (Unix socket paths are limited to 108 bytes)."""

import imaplib
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from mittelangeln.policy.testing.helpers import free_port


DOVECOT = Path("/usr/sbin/dovecot")
MAIL_USER = "nobody"

CONFIG = """\
base_dir = {run}
state_dir = {state}
log_path = {log}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = root
default_internal_group = root
default_login_user = {mail_user}
first_valid_uid = 1
valid_chroot_dirs = {mail}
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {passwd}
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_group} home={mail}/./%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


class Dovecot:
    def __init__(self, root, users):
        assert DOVECOT.exists(), f"{DOVECOT} missing: apt-get install dovecot-imapd (scripts/install-system-deps.sh)"
        self.root = Path(root)
        self.users = dict(users)
        self.port = free_port()
        self.run = Path(tempfile.mkdtemp(prefix="dovecot-", dir="/tmp"))
        self.mail = self.root / "mail"
        self.log = self.root / "dovecot.log"
        self.config = self.root / "dovecot.conf"
        self.process = None

    def start(self):
        account = pwd.getpwnam(MAIL_USER)
        (self.root / "state").mkdir(parents=True, exist_ok=True)
        self.mail.mkdir(parents=True, exist_ok=True)
        os.chown(self.mail, account.pw_uid, account.pw_gid)
        for user in self.users:
            (self.mail / user).mkdir(exist_ok=True)
            os.chown(self.mail / user, account.pw_uid, account.pw_gid)
        passwd = self.root / "passwd"
        passwd.write_text("".join(f"{user}:{{PLAIN}}{password}\n" for user, password in self.users.items()))
        self.config.write_text(
            CONFIG.format(
                run=self.run,
                state=self.root / "state",
                log=self.log,
                mail_user=MAIL_USER,
                mail_group=account.pw_gid,
                mail=self.mail,
                passwd=passwd,
                port=self.port,
            )
        )
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", self.config], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log_text()
            try:
                imaplib.IMAP4("127.0.0.1", self.port, timeout=5).logout()
                return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise AssertionError("dovecot did not answer within 30 s:\n" + self.log_text())

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.run, ignore_errors=True)

    def log_text(self):
        return self.log.read_text() if self.log.exists() else "(no log)"

    def url(self, user, folder="INBOX"):
        return f"imap://{user}:{self.users[user]}@127.0.0.1:{self.port}/{folder}"

    @contextmanager
    def client(self, user, folder="INBOX"):
        connection = imaplib.IMAP4("127.0.0.1", self.port, timeout=30)
        try:
            connection.login(user, self.users[user])
            if folder != "INBOX":
                connection.create(folder)
            status, _ = connection.select(folder)
            assert status == "OK"
            yield connection
        finally:
            connection.logout()

    def deliver(self, user, *messages, folder="INBOX"):
        """Put ``messages`` (bytes) into the mailbox by IMAP APPEND, unread."""
        with self.client(user, folder) as connection:
            for raw in messages:
                status, answer = connection.append(folder, None, None, raw)
                assert status == "OK", answer

    def flags(self, user, folder="INBOX"):
        """{UID: set of flags} of the messages in the mailbox."""
        with self.client(user, folder) as connection:
            status, data = connection.uid("FETCH", "1:*", "(FLAGS)")
        result = {}
        for line in data:
            if not line:
                continue
            text = line.decode()
            uid = int(text.split("UID ")[1].split()[0].strip(")"))
            flags = text.split("FLAGS (")[1].split(")")[0].split()
            result[uid] = set(flags) - {"\\Recent"}
        return result


@pytest.fixture
def dovecot(tmp_path):
    """A running dovecot with the mailboxes ``posteingang`` and ``bauamt``."""
    server = Dovecot(tmp_path / "dovecot", {"posteingang": "Post-Geheim-1", "bauamt": "Bau-Geheim-2"}).start()
    try:
        yield server
    finally:
        server.stop()
