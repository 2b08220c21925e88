"""Which boxes of Mein Arbeitsplatz each kind of user sees, and what the
submissions, news and links boxes hold for them."""

import datetime

import pytest
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from zExceptions import Unauthorized
from zope.component import getGlobalSiteManager
from zope.interface import Interface

from mittelangeln.policy.arbeitsplatz import links
from mittelangeln.policy.arbeitsplatz import news
from mittelangeln.policy.arbeitsplatz import submissions
from mittelangeln.policy.arbeitsplatz.browser.boxes import Box
from mittelangeln.policy.arbeitsplatz.browser.boxes import SubmissionsBox
from mittelangeln.policy.arbeitsplatz.browser.boxes import age_text
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.interfaces import IArbeitsplatzBox
from mittelangeln.policy.interfaces import IMittelangelnPolicyLayer


EVERYTHING = [
    "schnellsuche",
    "mein-posteingang",
    "offene-eingaenge",
    "wiedervorlagen",
    "zuletzt-bearbeitet",
    "neuigkeiten",
    "meine-bereiche",
]
NO_SUBMISSIONS = [
    "schnellsuche",
    "mein-posteingang",
    "wiedervorlagen",
    "zuletzt-bearbeitet",
    "neuigkeiten",
    "meine-bereiche",
]
# The Personalstelle gets no Eingänge (no Fachdienst, not the Poststelle).
NO_POSTEINGANG = ["schnellsuche", "wiedervorlagen", "zuletzt-bearbeitet", "neuigkeiten", "meine-bereiche"]
NEWS_AND_LINKS = ["neuigkeiten", "meine-bereiche"]


def arbeitsplatz(portal):
    return api.content.get_view("mein-arbeitsplatz", portal, portal.REQUEST)


def box_ids(portal):
    return [box["id"] for box in arbeitsplatz(portal).boxes()]


@pytest.mark.parametrize(
    "username,expected",
    [
        ("bauamt", EVERYTHING),  # Fachdienst IV handles the Mängelmeldungen
        ("kasse", NO_SUBMISSIONS),  # Fachdienst II handles no submissions
        ("leiterin", EVERYTHING),
        ("personal", NO_POSTEINGANG),
        ("buergermeister", NEWS_AND_LINKS),
        ("erzieherin", NEWS_AND_LINKS),
        ("redakteurin", NEWS_AND_LINKS),
    ],
)
def test_each_group_sees_only_the_boxes_that_concern_it(site, as_user, username, expected):
    as_user(username)
    assert box_ids(site["portal"]) == expected


def test_an_account_without_a_group_sees_no_box(site):
    api.user.create(email="neu@example.org", username="neu", password="Sicheres-Passwort-1")
    login(site["portal"], "neu")
    assert box_ids(site["portal"]) == []


def test_a_box_of_another_feature_joins_by_registration(site, as_user):
    """The Posteingang or Wiedervorlage will add their box like this."""

    class PosteingangBox(Box):
        order = 25
        title = "Posteingang"

        def render(self):
            return "<p>3 neue Eingänge</p>"

    registry = getGlobalSiteManager()
    registry.registerAdapter(PosteingangBox, (Interface, IMittelangelnPolicyLayer), IArbeitsplatzBox, "posteingang")
    try:
        as_user("bauamt")
        boxes = arbeitsplatz(site["portal"]).boxes()
        assert [box["id"] for box in boxes][:5] == [
            "schnellsuche",
            "mein-posteingang",
            "offene-eingaenge",
            "posteingang",
            "wiedervorlagen",
        ]
        assert boxes[3]["html"] == "<p>3 neue Eingänge</p>"
    finally:
        registry.unregisterAdapter(
            PosteingangBox, (Interface, IMittelangelnPolicyLayer), IArbeitsplatzBox, "posteingang"
        )


def titles(brains):
    return [brain.getObject().reference for brain in brains]


def test_open_submissions_of_my_fachdienst_oldest_first(site, as_user):
    as_user("bauamt")
    assert titles(submissions.open_submissions()) == [site["old_meldung"].reference, site["new_meldung"].reference]


def test_the_leitung_sees_the_open_submissions_of_every_fachdienst(site, as_user):
    as_user("leiterin")
    expected = [site[name].reference for name in ("antrag", "old_meldung", "new_meldung")]
    assert titles(submissions.open_submissions()) == expected


def test_a_submission_routed_to_a_fachdienst_shows_the_box_there(site, as_user):
    """A Mängelmelder category routed to Fachdienst II gives it that report
    (security/localroles.py), though not the area Mängelmeldungen."""
    as_user("kasse")
    assert not submissions.handles_submissions()
    meldung = site["new_meldung"]
    meldung.fachdienst = "Fachdienst II – Finanzen"
    meldung.reindexObjectSecurity()
    assert submissions.handles_submissions()
    assert titles(submissions.open_submissions()) == [meldung.reference]


def test_the_age_of_a_submission(site, as_user):
    as_user("bauamt")
    box = SubmissionsBox(site["portal"], site["portal"].REQUEST)
    rows, more = box.listing()
    assert more == 0
    assert [translate(row["age"]) for row in rows] == ["seit 3 Tagen", "seit heute"]
    three_days_ago = datetime.date.today() - datetime.timedelta(days=3)
    assert rows[0]["received"] == three_days_ago.strftime("%d.%m.%Y")
    assert rows[0]["state"] == "Eingegangen"


@pytest.mark.parametrize(
    "days,text", [(0, "seit heute"), (1, "seit 1 Tag"), (2, "seit 2 Tagen"), (1500, "seit 1.500 Tagen")]
)
def test_age_in_german(portal, days, text):
    assert translate(age_text(days)) == text


def test_news_of_my_groups(site, as_user):
    as_user("erzieherin")
    assert [brain.Title for brain in news.latest_news()] == [
        "Laternenumzug der Kita",
        "Schulung zur E-Akte am 3. Dezember",
    ]
    as_user("bauamt")
    assert [brain.Title for brain in news.latest_news()] == ["Schulung zur E-Akte am 3. Dezember"]
    as_user("buergermeister")
    assert [area.getId() for area in news.news_areas()] == ["aktuelles", "ehrenamt"]


def link_titles(found):
    return [(link.title, [child.title for child in link.children]) for link in found]


def test_links_to_the_areas_my_groups_use(site, as_user):
    as_user("erzieherin")
    assert link_titles(links.area_links()) == [("Aktuelles", []), ("Einrichtungen", ["Kita"])]
    assert links.plan_links() == [] and links.tool_links() == []
    as_user("buergermeister")
    assert link_titles(links.area_links()) == [("Aktuelles", []), ("Ehrenamt", [])]
    as_user("bauamt")
    assert link_titles(links.area_links()) == [
        ("Aktuelles", []),
        ("Intranet", []),
        ("Fachdienste", ["Fachdienst IV – Bauen und Umwelt"]),
        ("Einrichtungen", []),
        ("Ehrenamt", []),
        ("Mängelmeldungen", []),
        ("Öffentliche Dokumente", []),
    ]
    assert [link.title for link in links.plan_links()] == ["Aktenplan"]


def test_anonymous_is_not_shown_the_page(site):
    logout()
    with pytest.raises(Unauthorized):
        arbeitsplatz(site["portal"])()
