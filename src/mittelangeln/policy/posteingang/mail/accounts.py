"""The IMAP mailboxes of the Posteingang, one line each in the control
panel: ``imaps://user:password@host:993/Folder`` (imap:// without TLS;
port 993/143 if left out; folder INBOX if left out). Characters with a
meaning in URLs (``/ ? # @ :`` and ``%``) in user or password are written
percent-encoded (``%40`` for ``@``)."""

import re
from dataclasses import dataclass
from urllib.parse import unquote
from urllib.parse import urlsplit

from mittelangeln.policy.i18n import TranslatedError
from mittelangeln.policy.i18n import _


DEFAULT_PORTS = {"imap": 143, "imaps": 993}
PASSWORD = re.compile(r"(//[^/@]*?:)[^/]*@")


class AccountError(TranslatedError, ValueError):
    """A mailbox line that cannot be used; the message says why (in German)."""


@dataclass(frozen=True)
class Account:
    scheme: str
    host: str
    port: int
    user: str
    password: str
    folder: str

    @property
    def tls(self):
        return self.scheme == "imaps"

    @property
    def key(self):
        """The mailbox's identity in the portal's records (no password)."""
        return f"{self.user}@{self.host}:{self.port}/{self.folder}"

    def __str__(self):
        return f"{self.scheme}://{self.key}"


def hidden_password(line):
    return PASSWORD.sub(r"\1***@", line)


def parse_account(line):
    """The Account of a mailbox line; AccountError (never showing the
    password) if the line is not one."""
    text = (line or "").strip()
    shown = hidden_password(text)
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise AccountError(_("The mailbox line “${line}” is not a valid address.", mapping={"line": shown})) from None
    if parts.scheme.lower() not in DEFAULT_PORTS:
        raise AccountError(
            _("The mailbox line “${line}” must begin with imaps:// or imap://.", mapping={"line": shown})
        )
    if not parts.hostname or not parts.username or parts.password is None:
        raise AccountError(
            _(
                "The mailbox line “${line}” needs user, password and server: imaps://user:password@host:993/INBOX",
                mapping={"line": shown},
            )
        )
    scheme = parts.scheme.lower()
    return Account(
        scheme=scheme,
        host=parts.hostname,
        port=port or DEFAULT_PORTS[scheme],
        user=unquote(parts.username),
        password=unquote(parts.password),
        folder=unquote(parts.path.strip("/")) or "INBOX",
    )


def own_addresses(lines):
    """The e-mail addresses among the mailboxes' user names."""
    addresses = set()
    for line in lines:
        try:
            user = parse_account(line).user
        except AccountError:
            continue
        if "@" in user:
            addresses.add(user.lower())
    return addresses
