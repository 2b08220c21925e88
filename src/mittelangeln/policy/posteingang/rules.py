"""Routing rules, kept in Site Setup → "Posteingang-Regeln"
(browser/rules.py): conditions on the sender's address or domain, keywords
in subject or text and the channel; a result of Fachdienst and/or person.

An empty condition matches everything, all given conditions must hold,
and the first matching rule in the list wins. Matching (``matches``) needs
no Plone, so the accuracy benchmark runs the rules without a portal.

The rules are a list of plain dicts in an annotation of the site: a handful
of rules, changed rarely and always as a whole.
"""

import re
import unicodedata
import uuid
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace

from persistent.list import PersistentList
from plone import api
from zope.annotation.interfaces import IAnnotations

from mittelangeln.policy import settings
from mittelangeln.policy.i18n import _


RULES_KEY = "mittelangeln.policy.posteingang.rules"
DOMAIN = re.compile(r"@?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}")
ADDRESS = re.compile(r"[^@\s]+@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}")
TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


@dataclass(frozen=True)
class Rule:
    name: str
    fachdienst: str = ""
    responsible: str = ""
    senders: tuple = ()  # addresses ("a@b.de") or domains ("@b.de", "b.de")
    keywords: tuple = ()  # any of them, whole words, in subject or text
    channels: tuple = ()  # vocabulary eingang_channels
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    @property
    def has_condition(self):
        return bool(self.senders or self.keywords or self.channels)


def normalized(text):
    """Lower case, umlauts as ae/oe/ue/ss, other accents dropped, one space
    between words: "Mühlenweg" and "MUEHLENWEG" become equal."""
    text = (text or "").casefold().translate(TRANSLITERATION)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.split())


def sender_matches(entry, email):
    entry, email = entry.strip().casefold(), (email or "").strip().casefold()
    if not email or "@" not in email:
        return False
    if "@" in entry.lstrip("@"):
        return entry == email
    domain, wanted = email.rsplit("@", 1)[1], entry.lstrip("@")
    return domain == wanted or domain.endswith("." + wanted)


def keyword_matches(keyword, text):
    """``keyword`` (a word or phrase) as whole words in normalized ``text``."""
    keyword = normalized(keyword)
    return bool(keyword) and re.search(rf"(?<!\w){re.escape(keyword)}(?!\w)", text) is not None


def matches(rule, sender_email="", channel="", subject="", text=""):
    if rule.senders and not any(sender_matches(entry, sender_email) for entry in rule.senders):
        return False
    if rule.channels and channel not in rule.channels:
        return False
    if rule.keywords:
        haystack = normalized(f"{subject}\n{text}")
        if not any(keyword_matches(keyword, haystack) for keyword in rule.keywords):
            return False
    return True


def first_match(rules, sender_email="", channel="", subject="", text=""):
    return next((rule for rule in rules if matches(rule, sender_email, channel, subject, text)), None)


def problems(rule, others=(), fachdienste=None, user_exists=None):
    """German messages (as (field, message) pairs) of what is wrong with
    ``rule`` among ``others`` (the other rules); empty when it can be kept."""
    found = []
    if not rule.name.strip():
        found.append(("name", _("Give the rule a name.")))
    elif any(normalized(other.name) == normalized(rule.name) and other.id != rule.id for other in others):
        found.append(("name", _("There is already a rule named “${name}”.", mapping={"name": rule.name})))
    for entry in rule.senders:
        if not (ADDRESS.fullmatch(entry.strip().casefold()) or DOMAIN.fullmatch(entry.strip().casefold())):
            found.append(
                ("senders", _("“${entry}” is neither an e-mail address nor a domain.", mapping={"entry": entry}))
            )
    if not rule.fachdienst and not rule.responsible:
        if rule.has_condition:
            found.append(("fachdienst", _("Choose the Fachdienst or the person this rule routes to.")))
        else:
            found.append(("fachdienst", _("The rule has neither a condition nor a result.")))
    if rule.fachdienst and fachdienste is not None and rule.fachdienst not in fachdienste:
        found.append(("fachdienst", _("There is no Fachdienst “${name}”.", mapping={"name": rule.fachdienst})))
    if rule.responsible and user_exists is not None and not user_exists(rule.responsible):
        found.append(("responsible", _("There is no user “${name}”.", mapping={"name": rule.responsible})))
    return found


def cleaned(rule):
    """``rule`` with its lists stripped of blanks and duplicates."""

    def unique(values):
        return tuple(dict.fromkeys(value.strip() for value in values or () if value and value.strip()))

    return replace(
        rule,
        name=(rule.name or "").strip(),
        fachdienst=rule.fachdienst or "",
        responsible=rule.responsible or "",
        senders=unique(rule.senders),
        keywords=unique(rule.keywords),
        channels=unique(rule.channels),
    )


# The stored rules.


def stored_rules():
    stored = IAnnotations(api.portal.get()).get(RULES_KEY, ())
    return [
        Rule(**{key: tuple(value) if isinstance(value, list) else value for key, value in item.items()})
        for item in stored
    ]


def rule_problems(rule, others):
    """``problems`` against the portal's Fachdienste and users."""

    return problems(
        rule,
        others,
        fachdienste=settings.fachdienste(),
        user_exists=lambda userid: api.user.get(userid=userid) is not None,
    )


def store_rules(rules):
    """Keep ``rules`` (in this order) instead of the stored ones; the control
    panel checks a rule (``rule_problems``) before it stores it."""
    IAnnotations(api.portal.get())[RULES_KEY] = PersistentList(
        {key: list(value) if isinstance(value, tuple) else value for key, value in asdict(cleaned(rule)).items()}
        for rule in rules
    )


def usable(rule):
    """A stored rule whose Fachdienst or person has gone is skipped (the
    control panel marks it) rather than routing to nobody."""
    return not [name for name, _message in rule_problems(rule, ()) if name in ("fachdienst", "responsible")]


def matching_rule(eingang, text=""):
    """The first stored rule that matches ``eingang`` (subject = its title)."""
    rules = [rule for rule in stored_rules() if usable(rule)]
    return first_match(rules, eingang.sender_email or "", eingang.channel or "", eingang.Title(), text)
