"""The daily digest reaches a real SMTP server (aiosmtpd) once per person
and day: again the next day, never twice on one day, also after a restart
and with two processes at once."""

import datetime

import transaction
from plone import api
from Testing.makerequest import makerequest
from zope.component.hooks import getSite
from zope.component.hooks import setSite

from mittelangeln.policy.formatting import portal_zone
from mittelangeln.policy.site.mail import apply_mail_settings
from mittelangeln.policy.testing.helpers import body_text
from mittelangeln.policy.testing.helpers import decoded
from mittelangeln.policy.testing.helpers import free_port
from mittelangeln.policy.testing.helpers import mail_environment
from mittelangeln.policy.wiedervorlage import store
from mittelangeln.policy.wiedervorlage.digest import send_due_digests
from mittelangeln.policy.wiedervorlage.digest import sent_digest

from .conftest import BAU
from .conftest import POSTSTELLE


def set_earlier(obj, date, principal, note=""):
    """A Wiedervorlage set back then for ``date`` (now due or overdue)."""
    return store.add(obj, date, principal, note, creator="hansen", today=date)


def mails_to(messages, address):
    return [message for message in messages if message["To"] == address]


def test_the_digest_arrives_once_a_day(office, relay, today, days):
    set_earlier(office["vorgang"], days(-3), "hansen", "Nachforderung der Statik prüfen")
    store.add(office["akte"], today, "hansen", "Stellungnahme Kreis anmahnen")
    store.add(office["akte"], days(5), "hansen", "Noch nicht fällig")
    office["done"]()
    portal = office["portal"]

    assert send_due_digests(portal, today=today) == 1
    (mail,) = mails_to(relay.wait_for(1), "hansen@example.org")
    assert decoded(mail["Subject"]) == f"Wiedervorlagen am {today:%d.%m.%Y}: 2 fällig"
    text = body_text(mail)
    assert text.startswith("Guten Tag Anke Hansen,")
    assert "seit 3 Tagen überfällig" in text and "heute fällig" in text
    assert "Nachforderung der Statik prüfen" in text and "Stellungnahme Kreis anmahnen" in text
    assert "Noch nicht fällig" not in text
    assert office["vorgang"].absolute_url() in text and office["akte"].absolute_url() in text
    assert text.index("Nachforderung der Statik") < text.index("Stellungnahme Kreis")  # oldest first
    assert "/@@meine-wiedervorlagen" in text

    assert send_due_digests(portal, today=today) == 0  # the same day: nothing more
    assert send_due_digests(portal, today=days(1)) == 1  # the next day: still overdue, again
    assert len(relay.wait_for(2)) == 2
    assert sent_digest(portal, "hansen", today)["sent_at"] is not None


def test_nothing_due_nothing_sent(office, relay, today, days):
    store.add(office["akte"], days(2), "petersen", "Erst übermorgen")
    set_earlier(office["vorgang"], days(-1), "hansen")
    store.mark_done(office["vorgang"], store.entries(office["vorgang"])[0]["id"])
    office["done"]()
    assert send_due_digests(office["portal"], today=today) == 0
    assert relay.wait_for(1, seconds=2) == []


def test_a_group_reaches_each_member_once(office, relay, today, days):
    set_earlier(office["vorgang"], days(-1), BAU, "Für den ganzen Fachdienst")
    store.add(office["akte"], today, POSTSTELLE, "Für die Poststelle")
    office["done"]()

    assert send_due_digests(office["portal"], today=today) == 4
    messages = relay.wait_for(4)
    assert sorted(message["To"] for message in messages) == [
        "carstensen@example.org",
        "hansen@example.org",
        "jessen@example.org",
        "petersen@example.org",
    ]
    (jessen,) = mails_to(messages, "jessen@example.org")  # in both groups: one mail with both
    assert decoded(jessen["Subject"]).endswith(": 2 fällig")
    text = body_text(jessen)
    assert "Für den ganzen Fachdienst" in text and "Für die Poststelle" in text
    assert "für Fachdienst IV – Bauen und Umwelt" in text


def test_a_personalakte_is_not_revealed(office, relay, today):
    """A Wiedervorlage on a Personalakte for a group that may not open it:
    its members get nothing about it; the Personalstelle gets it."""
    personalakte = office["personalakte"]
    set_earlier(personalakte, today, POSTSTELLE, "Probezeit endet")
    set_earlier(personalakte, today, "personalstelle", "Beurteilung anfordern")
    office["done"]()

    assert send_due_digests(office["portal"], today=today) == 1
    (mail,) = relay.wait_for(1)
    assert mail["To"] == "personal@example.org"
    text = body_text(mail)
    assert "Beurteilung anfordern" in text
    assert "Probezeit endet" not in text  # not for the Personalstelle
    assert len(relay.wait_for(2, seconds=2)) == 1  # the Poststelle got nothing


def test_still_once_after_a_restart(office, relay, today, days):
    """A new process (a new connection to the database) finds the digest
    recorded and sends nothing."""
    set_earlier(office["vorgang"], days(-1), "hansen")
    office["done"]()
    assert send_due_digests(office["portal"], today=today) == 1

    with other_process(office["portal"]) as (portal, manager):
        assert send_due_digests(portal, today=today, commit=manager.commit, abort=manager.abort) == 0
    assert len(relay.wait_for(2, seconds=2)) == 1


def test_two_processes_at_once_send_one_digest(office, relay, today, days):
    """Process B has read the ledger (nothing sent yet) when process A sends
    the digests; B's claim then conflicts and B sends nothing."""
    set_earlier(office["vorgang"], days(-1), "hansen")
    set_earlier(office["akte"], days(-1), "petersen")
    office["done"]()
    send_due_digests(office["portal"], today=days(-30))  # the ledger exists (nothing due then)
    portal_a = office["portal"]

    with other_process(portal_a) as (portal_b, manager_b):
        first_commit = []

        def commit_b():
            if not first_commit:  # B is about to commit its first claim: A runs now
                first_commit.append(True)
                with in_site(portal_a):
                    transaction.begin()
                    assert send_due_digests(portal_a, today=today) == 2
            manager_b.commit()

        assert send_due_digests(portal_b, today=today, commit=commit_b, abort=manager_b.abort) == 0
    assert sorted(message["To"] for message in relay.wait_for(3, seconds=3)) == [
        "hansen@example.org",
        "petersen@example.org",
    ]


def test_not_before_the_hour_of_the_settings(office, relay, today, days):
    set_earlier(office["vorgang"], days(-1), "hansen")
    api.portal.set_registry_record("mittelangeln.wiedervorlage_digest_hour", 8)
    office["done"]()
    zone = portal_zone()
    early = datetime.datetime.combine(today, datetime.time(7, 59), zone)
    assert send_due_digests(office["portal"], now=early) == 0
    assert send_due_digests(office["portal"], now=early.replace(hour=8, minute=0)) == 1
    assert len(relay.wait_for(1)) == 1


def test_a_relay_that_is_down_gets_the_digest_later(office, relay, today, days):
    """A digest that could not be handed over is not lost for the day."""
    set_earlier(office["vorgang"], days(-1), "hansen")
    relay_port = api.portal.get_registry_record("plone.smtp_port")
    apply_mail_settings(mail_environment(free_port()))  # nobody listens there
    office["done"]()
    assert send_due_digests(office["portal"], today=today) == 0
    assert sent_digest(office["portal"], "hansen", today) is None

    apply_mail_settings(mail_environment(relay_port))
    transaction.commit()
    assert send_due_digests(office["portal"], today=today) == 1
    assert len(relay.wait_for(1)) == 1


class in_site:
    """Run with ``site`` as the current site."""

    def __init__(self, site):
        self.site = site

    def __enter__(self):
        self.previous = getSite()
        setSite(self.site)

    def __exit__(self, *exc):
        setSite(self.previous)


class other_process:
    """The portal as another process sees it: its own connection to the
    database and its own transactions."""

    def __init__(self, portal):
        self.portal = portal

    def __enter__(self):
        self.manager = transaction.TransactionManager()
        self.connection = self.portal._p_jar.db().open(transaction_manager=self.manager)
        app = makerequest(self.connection.root()["Application"])
        site = app.unrestrictedTraverse("/".join(self.portal.getPhysicalPath()))
        self.in_site = in_site(site)
        self.in_site.__enter__()
        self.manager.begin()
        return site, self.manager

    def __exit__(self, *exc):
        self.manager.abort()
        self.in_site.__exit__()
        self.connection.close()
