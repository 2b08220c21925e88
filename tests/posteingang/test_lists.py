"""Mein Posteingang and the Posteingang area's list: who sees what, the
online submissions listed as Eingänge without copies, sorting, filters,
counts per state, batches of 50, overdue items, processing times."""

import datetime
import re

import pytest
import transaction
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from zExceptions import NotFound

from mittelangeln.policy.posteingang import listing
from mittelangeln.policy.posteingang.items import incoming
from mittelangeln.policy.testing.helpers import PASSWORD
from mittelangeln.policy.testing.helpers import add_antrag
from mittelangeln.policy.testing.helpers import add_meldung
from mittelangeln.policy.testing.helpers import fetch


BAUEN = "Fachdienst IV – Bauen und Umwelt"
ORDNUNG = "Fachdienst III – Ordnung und Soziales"
USERS = {
    "bauamt": "fachdienst-iv-bauen-und-umwelt",
    "ordnungsamt": "fachdienst-iii-ordnung-und-soziales",
    "post": "poststelle",
    "leiterin": "leitung",
    "ehrenamtliche": "ehrenamt",
}
TODAY = datetime.date.today()


def days_ago(days, hour=9):
    moment = datetime.datetime.combine(TODAY - datetime.timedelta(days=days), datetime.time(hour, 0))
    return moment


def add_eingang(portal, title, days=0, **fields):
    """An Eingang as the intake stores one (without documents: the lists
    read only its own fields)."""
    return api.content.create(
        container=portal["posteingang"],
        type="Eingang",
        title=title,
        eingangsdatum=days_ago(days),
        **{"channel": "post", **fields},
    )


def make_users():
    for username, group in USERS.items():
        api.user.create(email=f"{username}@example.org", username=username, password=PASSWORD)
        api.group.add_user(groupname=group, username=username)


def make_items(portal):
    items = {
        "bau": add_eingang(
            portal,
            "Bauantrag Mühlenweg",
            days=5,
            channel="email",
            sender_name="Anke Hansen",
            fachdienst=BAUEN,
            responsible="bauamt",
            deadline=TODAY - datetime.timedelta(days=1),
        ),
        "ordnung": add_eingang(portal, "Gewerbeanmeldung", days=1, sender_name="Bernd Ohm", fachdienst=ORDNUNG),
        "erledigt": add_eingang(portal, "Baumfällung", days=10, sender_name="Carla Zander", fachdienst=BAUEN),
        "meldung": add_meldung(portal, "mm-2026-00001", contact_name="Dora Melder"),
        "antrag": add_antrag(portal, "sb-2026-00001"),
    }
    for transition in ("zuweisen", "bearbeiten", "erledigen"):
        api.content.transition(obj=items["erledigt"], transition=transition)
    return items


@pytest.fixture
def items(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    make_users()
    return make_items(portal)


def render(portal, username, name="@@mein-posteingang", context=None, **form):
    """The view's HTML as ``username`` sees it."""
    request = portal.REQUEST
    request.form.clear()
    request.form.update(form)
    with api.env.adopt_user(username=username):
        view = api.content.get_view(name.lstrip("@"), context if context is not None else portal, request)
        return view()


def numbers(html):
    """The item numbers in the list's rows, in order."""
    return re.findall(r">((?:E|MM|SB)-\d{4}-\d{5})</a></td>", html)


def test_an_online_submission_is_listed_as_an_eingang_of_its_fachdienst_without_a_copy(portal, items):
    catalog = api.portal.get_tool("portal_catalog")
    before = len(catalog.unrestrictedSearchResults())
    meldung = items["meldung"]
    brains = catalog.unrestrictedSearchResults(eingangsnummer=meldung.reference)
    assert [brain.getObject() for brain in brains] == [meldung]  # the submission itself, nothing else
    assert brains[0].eingang_channel == "online"
    assert brains[0].eingang_fachdienst == BAUEN
    assert brains[0].posteingang_state == "eingegangen"
    assert brains[0].eingang_sender == "Dora Melder"
    assert incoming(items["antrag"]).fachdienst == ORDNUNG
    html = render(portal, "bauamt", liste="fachdienst-iv-bauen-und-umwelt")
    assert meldung.reference in numbers(html)
    assert "Online-Formular" in html
    assert sorted(portal["posteingang"].objectIds()) == sorted(
        items[key].getId() for key in ("bau", "ordnung", "erledigt")
    )
    assert len(catalog.unrestrictedSearchResults()) == before


def test_a_fachdienst_sees_its_own_eingaenge_and_submissions_not_another_ones(portal, items):
    bauamt = numbers(render(portal, "bauamt", liste="fachdienst-iv-bauen-und-umwelt"))
    assert set(bauamt) == {items["bau"].eingangsnummer, items["erledigt"].eingangsnummer, items["meldung"].reference}
    ordnung = numbers(render(portal, "ordnungsamt", liste="fachdienst-iii-ordnung-und-soziales"))
    assert set(ordnung) == {items["ordnung"].eingangsnummer, items["antrag"].reference}
    # Asking for another Fachdienst's list shows one's own lists only.
    assert items["bau"].eingangsnummer not in render(portal, "ordnungsamt", liste="fachdienst-iv-bauen-und-umwelt")


def test_my_list_holds_what_is_assigned_to_me(portal, items):
    html = render(portal, "bauamt")
    assert numbers(html) == [items["bau"].eingangsnummer]
    assert "Mir zugewiesen" in html
    assert "Fachdienst IV – Bauen und Umwelt" in html  # the tab of my Fachdienst


def test_the_poststelle_sees_every_eingang_in_the_area_list(portal, items):
    html = render(portal, "post", name="posteingang-liste", context=portal["posteingang"])
    assert set(numbers(html)) == {items[key].eingangsnummer for key in ("bau", "ordnung", "erledigt")}
    assert portal["posteingang"].getLayout() == "posteingang-liste"


def test_leitung_sees_eingaenge_and_submissions(portal, items):
    html = render(portal, "leiterin", name="posteingang-liste", context=portal["posteingang"])
    assert set(numbers(html)) == {
        items["bau"].eingangsnummer,
        items["ordnung"].eingangsnummer,
        items["erledigt"].eingangsnummer,
        items["meldung"].reference,
        items["antrag"].reference,
    }


def test_sorting_by_number_sender_and_deadline(portal, items):
    area = portal["posteingang"]
    up = numbers(render(portal, "post", "posteingang-liste", area, sortierung="nummer", reihenfolge="auf"))
    assert up == sorted(up) and len(up) == 3
    down = numbers(render(portal, "post", "posteingang-liste", area, sortierung="nummer", reihenfolge="ab"))
    assert down == list(reversed(up))
    by_sender = numbers(render(portal, "post", "posteingang-liste", area, sortierung="absender", reihenfolge="auf"))
    assert by_sender == [items[key].eingangsnummer for key in ("bau", "ordnung", "erledigt")]  # Anke, Bernd, Carla
    html = render(portal, "post", "posteingang-liste", area, sortierung="frist", reihenfolge="auf")
    assert len(numbers(html)) == 3  # items without a deadline stay in the list
    assert 'aria-sort="ascending"' in html
    default = numbers(render(portal, "post", "posteingang-liste", area))
    assert default[0] == items["ordnung"].eingangsnummer  # newest first


def test_filters_by_state_channel_and_age(portal, items):
    area = portal["posteingang"]
    done = numbers(render(portal, "post", "posteingang-liste", area, status="erledigt"))
    assert done == [items["erledigt"].eingangsnummer]
    mails = numbers(render(portal, "post", "posteingang-liste", area, kanal="email"))
    assert mails == [items["bau"].eingangsnummer]
    old = numbers(render(portal, "post", "posteingang-liste", area, alter="3"))
    assert set(old) == {items["bau"].eingangsnummer, items["erledigt"].eingangsnummer}
    # Nonsense in a bookmarked address is ignored, never an error.
    assert len(numbers(render(portal, "post", "posteingang-liste", area, status="x", alter="abc", b_start="-1"))) == 3


def test_counts_per_state_ignore_the_state_filter(portal, items):
    counts = listing.state_counts({}, listing.Filters(state="erledigt"))
    with api.env.adopt_user(username="post"):
        counts = listing.state_counts({}, listing.Filters(state="erledigt"))
        assert counts == {"eingegangen": 2, "zugewiesen": 0, "in_bearbeitung": 0, "erledigt": 1}
        assert listing.state_counts({}, listing.Filters(channel="email"))["eingegangen"] == 1
    html = render(portal, "post", "posteingang-liste", portal["posteingang"], status="erledigt")
    assert re.search(r"Eingegangen:\s*<strong>2</strong>", html)


def test_the_state_follows_each_transition_in_the_catalog(portal, items):
    catalog = api.portal.get_tool("portal_catalog")
    api.content.transition(obj=items["ordnung"], transition="zuweisen")
    api.content.transition(obj=items["meldung"], transition="check")
    assert [b.getObject() for b in catalog(posteingang_state="zugewiesen")] == [items["ordnung"]]
    assert [b.getObject() for b in catalog(posteingang_state="in_bearbeitung")] == [items["meldung"]]
    done = catalog(eingangsnummer=items["erledigt"].eingangsnummer)[0]
    assert done.posteingang_state == "erledigt" and done.eingang_done_at is not None


def test_overdue_items_are_marked_in_text(portal, items):
    html = render(portal, "bauamt")
    row = re.search(r'<tr class="posteingang-overdue">.*?</tr>', html, re.S).group(0)
    assert items["bau"].eingangsnummer in row and "überfällig" in row
    assert re.search(r"Überfällig:\s*<strong>1</strong>", html)
    assert "5" in re.search(r'<td class="posteingang-age">(\d+)</td>', row).group(1)  # age in days


def test_more_than_fifty_items_come_in_batches(portal, items):
    for number in range(52):
        add_eingang(portal, f"Brief {number}", days=2, fachdienst=ORDNUNG)
    area = portal["posteingang"]
    first = render(portal, "post", "posteingang-liste", area)
    assert len(numbers(first)) == 50
    assert re.search(r"\b55 Einträge", first), re.search(r'posteingang-total".{0,200}', first, re.S).group(0)
    assert "b_start:int=50" in first or "b_start=50" in first  # Plone's batch navigation
    second = numbers(render(portal, "post", "posteingang-liste", area, b_start="50"))
    assert len(second) == 5 and not set(second) & set(numbers(first))


def test_the_statistics_show_median_and_p90_as_table_and_chart(portal, items):
    html = render(portal, "leiterin", "@@posteingang-statistik")
    assert "<svg" in html and "<title" in html and "<figcaption" in html
    table = re.search(r'id="zeiten-fachdienst".*?</table>', html, re.S).group(0)
    assert "Fachdienst IV – Bauen und Umwelt" in table
    assert "Brief/Scan" in re.search(r'id="zeiten-kanal".*?</table>', html, re.S).group(0)
    # Done today, received ten days ago at 9 o'clock: about 10 days.
    assert re.search(r"<td>1</td><td>(9|10),\d</td>", table)


def test_the_arbeitsplatz_box_counts_my_items(portal, items):
    html = render(portal, "bauamt", "@@mein-arbeitsplatz")
    assert "Mein Posteingang" in html and "@@mein-posteingang" in html
    assert "box-mein-posteingang" in html


@pytest.fixture
def http_site(functional_portal):
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    make_users()
    built = make_items(portal)
    transaction.commit()
    return portal, built


@pytest.mark.parametrize("username", ["ehrenamtliche", None])
def test_volunteers_and_anonymous_get_no_list(http_site, username):
    portal, built = http_site
    for path in ("@@mein-posteingang", "@@posteingang-statistik", "posteingang"):
        status, body, _type = fetch(portal, f"{portal.absolute_url()}/{path}", username)
        assert status < 500
        assert built["bau"].eingangsnummer not in body
        assert 'class="table listing posteingang-list"' not in body


def test_the_pages_answer_in_german_over_http(http_site):
    portal, built = http_site
    status, body, _type = fetch(portal, f"{portal.absolute_url()}/@@mein-posteingang", "bauamt")
    assert status == 200 and built["bau"].eingangsnummer in body
    for english in ("Assigned to me", "Received on", "past the deadline", "incoming items", "still open"):
        assert english not in body
    status, body, _type = fetch(portal, f"{portal.absolute_url()}/posteingang", "post")
    assert status == 200 and built["ordnung"].eingangsnummer in body


def test_the_area_list_answers_on_the_posteingang_only(portal, items):
    elsewhere = portal["fachdienste"]["fachdienst-iv-bauen-und-umwelt"]
    with pytest.raises(NotFound):
        render(portal, "bauamt", "posteingang-liste", context=elsewhere)
