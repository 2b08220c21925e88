"""The quick search: Akten and Vorgänge by Aktenzeichen, Bauakten by
Flurstück, German messages for an empty field and for no result."""

import pytest
from plone import api

from mittelangeln.policy.arbeitsplatz.search import find_records
from mittelangeln.policy.testing.helpers import fetch


def found(text):
    return [brain.getObject() for brain in find_records(text)]


def test_finds_an_akte_and_its_vorgaenge_by_aktenzeichen(site, as_user):
    as_user("bauamt")
    vorgang = api.content.create(container=site["akte"], type="Vorgang", title="Bauantrag")
    assert found(site["akte"].aktenzeichen) == [site["akte"], vorgang]
    assert found(vorgang.aktenzeichen) == [vorgang]
    assert found(f"  {site['akte'].aktenzeichen} ") == [site["akte"], vorgang]


def test_finds_a_bauakte_by_flurstueck(site, as_user):
    as_user("bauamt")
    assert found("45/3") == [site["bauakte"]]
    assert found("45/4") == []


def test_finds_only_what_the_user_may_see(site, as_user):
    aktenzeichen = site["personalakte"].aktenzeichen
    as_user("bauamt")
    assert found(aktenzeichen) == []
    as_user("personal")
    assert found(aktenzeichen) == [site["personalakte"]]
    as_user("erzieherin")
    assert found(site["akte"].aktenzeichen) == []


def test_empty_text_finds_nothing(site, as_user):
    as_user("bauamt")
    assert found("") == [] and found("   ") == []


def search_page(portal, username, text):
    url = f"{portal.absolute_url()}/@@aktensuche"
    if text is not None:
        url += f"?suche={text}"
    return fetch(portal, url, username)


def test_result_page_lists_the_record_with_its_flurstuecke(functional_site):
    status, body, _type = search_page(functional_site["portal"], "bauamt", "45/2")
    assert status == 200
    assert "Treffer für „45/2“: 1" in body
    assert "Neubau Dorfstraße 12" in body
    assert "Satrup, Flur 3: 45/2, 45/3" in body
    assert functional_site["bauakte"].aktenzeichen in body


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "Bitte geben Sie ein Aktenzeichen oder ein Flurstück ein."),
        ("%20%20", "Bitte geben Sie ein Aktenzeichen oder ein Flurstück ein."),
        ("99/99", "Es gibt keine Akte und keinen Vorgang mit dem Aktenzeichen oder Flurstück „99/99“"),
        ("%3Cscript%3E", "Flurstück „&lt;script&gt;“"),
    ],
)
def test_german_message_for_empty_field_and_no_result(functional_site, text, message):
    status, body, _type = search_page(functional_site["portal"], "bauamt", text)
    assert status == 200
    assert message in body
    assert "<table" not in body.split('id="content"')[1]


def test_a_list_for_the_field_is_no_error(functional_site):
    url = f"{functional_site['portal'].absolute_url()}/@@aktensuche?suche:list=a&suche:list=b"
    status, body, _type = fetch(functional_site["portal"], url, "bauamt")
    assert status == 200
    assert "Bitte geben Sie ein Aktenzeichen oder ein Flurstück ein." in body


def test_anonymous_is_sent_to_the_login(functional_site):
    aktenzeichen = functional_site["bauakte"].aktenzeichen
    status, body, _type = search_page(functional_site["portal"], None, aktenzeichen)
    assert status == 200  # the login form, after the redirect
    assert 'name="__ac_password"' in body
    assert "Neubau Dorfstraße 12" not in body
