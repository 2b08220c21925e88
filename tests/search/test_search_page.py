"""The search page, the live search and the search feed over HTTP: the
German query (relatives found, exact matches first), snippets with the
matched words in <mark> and everything else escaped, bad input answered
in German (never a 500), and permissions unchanged."""

import json

import pytest

from tests.search.client import get
from tests.search.client import page
from tests.search.client import result_urls
from tests.search.client import snippets


def test_relatives_are_found_and_the_exact_word_comes_first(search_content):
    response, tree = page(search_content["portal"], "Bauantrag")
    assert response.status_code == 200
    urls = result_urls(tree)
    wanted = [search_content[name].absolute_url() for name in ("exakt", "plural", "formular")]
    assert sorted(urls) == sorted(wanted)
    assert urls[0] == search_content["exakt"].absolute_url()
    heading = tree.cssselect("#mittelangeln-search-heading")[0].text_content()
    assert heading == "3 Treffer für „Bauantrag“"


def test_snippets_mark_the_matched_words(search_content):
    _, tree = page(search_content["portal"], "Bauantrag")
    found = snippets(tree)
    assert "Der <mark>Bauantrag</mark> für die Dorfstraße 12" in found[search_content["exakt"].absolute_url()]
    assert "Drei <mark>Bauanträge</mark> aus <mark>" not in found[search_content["plural"].absolute_url()]
    assert "Drei <mark>Bauanträge</mark> aus Sörup" in found[search_content["plural"].absolute_url()]
    assert "das <mark>Bauantragsformular</mark> vollständig" in found[search_content["formular"].absolute_url()]


def test_every_word_of_the_query_is_marked(search_content):
    _, tree = page(search_content["portal"], "Bauanträge Soerup")
    # The title, shown above the snippet, is left out of it.
    marked = "Drei <mark>Bauanträge</mark> aus <mark>Sörup</mark> sind eingegangen."
    assert snippets(tree) == {search_content["plural"].absolute_url(): marked}


def test_title_and_text_are_escaped(search_content):
    response, tree = page(search_content["portal"], "Schranke")
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; zur <mark>Schranke</mark> &amp; Co." in response.text
    assert tree.cssselect("ol.mittelangeln-search-list h3 a")[0].text_content() == (
        '<script>alert("titel")</script> Schranke'
    )


def test_results_show_type_and_date(search_content):
    _, tree = page(search_content["portal"], "Dorfstraße")
    meta = tree.cssselect("ol.mittelangeln-search-list .mittelangeln-search-meta")[0].text_content()
    assert "Art: Dokument" in " ".join(meta.split())
    assert "Geändert: " in meta


def test_sort_links(search_content):
    _, tree = page(search_content["portal"], "Bauantrag", sort_on="sortable_title")
    # Antrag Dorfstraße, Eingänge im März, Vordruck
    assert result_urls(tree) == [search_content[name].absolute_url() for name in ("exakt", "plural", "formular")]
    current = tree.cssselect(".mittelangeln-search-sort strong[aria-current]")[0].text_content()
    assert current == "Titel (A–Z)"
    links = {link.text_content(): link.get("href") for link in tree.cssselect(".mittelangeln-search-sort a")}
    assert set(links) == {"Relevanz", "Datum (neueste zuerst)"}
    assert "SearchableText=Bauantrag" in links["Relevanz"] and "sort_on=relevance" in links["Relevanz"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("!!! ...", "Bitte geben Sie mindestens ein Wort oder Aktenzeichen als Suchbegriff ein."),
        ("(((", "Bitte geben Sie mindestens ein Wort oder Aktenzeichen als Suchbegriff ein."),
        ("*", "Bitte geben Sie mindestens ein Wort oder Aktenzeichen als Suchbegriff ein."),
        ("Bauantrag " * 200, "Bitte suchen Sie mit höchstens 30 Wörtern."),
    ],
)
def test_text_without_words_gets_a_german_message(search_content, text, message):
    response, tree = page(search_content["portal"], text)
    assert response.status_code == 200
    assert tree.cssselect(".mittelangeln-search .alert")[0].text_content() == message
    assert result_urls(tree) == []
    # The text stays in the field to be corrected.
    assert tree.cssselect("#mittelangeln-search-text")[0].get("value") == text


@pytest.mark.parametrize(
    "text, found",
    [
        ("", []),
        ("AND OR NOT", []),
        ("Bauantrag AND", []),  # "and" is a word here, not an operator
        ('"Bauantrag für', ["exakt"]),  # a quote without end
        ('"Bauantrag für die"', ["exakt"]),
        ("Bauantrag OR Protokoll", []),
        ("Bauantr*", ["exakt", "plural", "formular"]),
        ("x" * 5000, []),
        ("632.1/0042", []),
    ],
)
def test_bad_or_odd_input_is_no_error(search_content, text, found):
    response, tree = page(search_content["portal"], text)
    assert response.status_code == 200
    assert sorted(result_urls(tree)) == sorted(search_content[name].absolute_url() for name in found)
    assert "Traceback" not in response.text


def test_pages(search_content):
    portal = search_content["portal"]
    _, first = page(portal, "Bauantr*", sort_on="sortable_title")
    pager = first.cssselect("ul.pagination a.page-link")
    assert pager == []  # 3 results: one page
    _, second = page(portal, "Bauantr*", sort_on="sortable_title", **{"b_start:int": "2"})
    assert result_urls(second) == [search_content["formular"].absolute_url()]
    assert second.cssselect("ol.mittelangeln-search-list")[0].get("start") == "3"


def test_odd_parameters_are_no_error(search_content):
    portal = search_content["portal"]
    for params in (
        {"SearchableText": ["Bauantrag", "Dorfstraße"]},
        {"SearchableText": "Bauantrag", "sort_on": "no_such_index"},
        {"SearchableText": "Bauantrag", "b_start": "abc"},
        {"SearchableText": "Bauantrag", "b_start": "999"},
        {"SearchableText": "Bauantrag", "b_start:int": "-5"},
    ):
        response = get(portal, "@@search", "bauamt", **params)
        assert response.status_code == 200, params


def test_live_search_finds_the_word_being_typed(search_content):
    portal = search_content["portal"]
    response = get(portal, "@@ajax-search", "bauamt", SearchableText="Bauan", page="1", perPage="7", sort_on="")
    assert response.status_code == 200
    body = json.loads(response.text)
    assert set(body) == {"total", "items"}
    assert body["total"] == 3
    assert {item["url"] for item in body["items"]} == {
        search_content[name].absolute_url() for name in ("exakt", "plural", "formular")
    }
    assert set(body["items"][0]) == {"id", "title", "description", "url", "state", "img_tag"}
    # The description tells the type (a Vorgang and its Dokument often share a title).
    assert {item["description"] for item in body["items"]} == {"Dokument"}
    # The search page itself takes the word as typed: no word "Bauan".
    _, tree = page(portal, "Bauan")
    assert result_urls(tree) == []


def test_live_search_names_type_and_aktenzeichen(search_content):
    vorgang = search_content["vorgang"]
    response = get(search_content["portal"], "@@ajax-search", "bauamt", SearchableText="Prüfu")
    items = {item["url"]: item["description"] for item in json.loads(response.text)["items"]}
    assert items[vorgang.absolute_url()] == f"Vorgang {vorgang.aktenzeichen}"
    assert vorgang.aktenzeichen.startswith("632.1/")


@pytest.mark.parametrize("text", ["", "   ", "(((", "*", "AND OR NOT", '"', "x" * 5000])
def test_live_search_bad_input_is_an_empty_answer(search_content, text):
    response = get(search_content["portal"], "@@ajax-search", "bauamt", SearchableText=text)
    assert response.status_code == 200
    assert json.loads(response.text)["total"] == 0


def test_search_feed_lists_nothing_it_should_not(search_content):
    """Plone 6.2's @@search_rss ignores the search text (it would list the
    site root's items and lists none): no channel of the full text. Should
    a later Plone search there, this test shows it must use our query."""
    response = get(search_content["portal"], "@@search_rss", "bauamt", SearchableText="Bauanträge")
    assert response.status_code == 200
    assert "<item " not in response.text


@pytest.mark.parametrize("username", ["erzieherin", None])
def test_who_may_not_read_the_aktenplan_finds_nothing(search_content, username):
    portal = search_content["portal"]
    for text in ("Bauantrag", "Schranke", "Abmahnung"):
        response, tree = page(portal, text, username)
        assert response.status_code in (200, 401)
        assert "/aktenplan/" not in response.text
        assert "<mark>" not in response.text
        live = get(portal, "@@ajax-search", username, SearchableText=text)
        assert "/aktenplan/" not in live.text
        feed = get(portal, "@@search_rss", username, SearchableText=text)
        assert "/aktenplan/" not in feed.text


def test_no_snippet_of_a_personalakte(search_content):
    """Staff outside the personnel office do not find it; the personnel
    office finds it, but reading its text would bypass the access trail,
    so the page shows its description, not its text."""
    portal = search_content["portal"]
    url = search_content["personal"].absolute_url()
    response, tree = page(portal, "Abmahnung", "bauamt")
    assert url not in response.text and "Verspätung" not in response.text
    response, tree = page(portal, "Abmahnung Verspätung", "personal")
    assert result_urls(tree) == [url]
    assert snippets(tree) == {}
    assert "Verspätung" not in tree.cssselect("ol.mittelangeln-search-list")[0].text_content()
    assert tree.cssselect(".mittelangeln-search-description")[0].text_content() == "Schreiben an Herrn Jensen"
