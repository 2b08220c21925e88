"""The feed's ETag follows the public documents, not the intranet: it changes
when a public document is published, changed, retracted, removed or has its
permissions reindexed, and when a publication or removal date passes; clerks
filing Dokumente leave it alone, so homepages keep getting 304s."""

from DateTime import DateTime
from plone import api

from mittelangeln.policy.homepage.feed.freshness import state_token
from tests.homepage.public_content import as_manager
from tests.homepage.public_content import etag_of
from tests.homepage.public_content import get
from tests.homepage.public_content import ids
from tests.homepage.public_content import pdf
from tests.homepage.public_content import public
from tests.homepage.public_content import still_fresh


def test_etag_304_and_a_new_publication_changes_the_etag(documents):
    portal = documents["portal"]
    status, _, headers = get(portal)
    etag = headers["ETag"]
    assert headers["Cache-Control"] == "public, max-age=60"
    status, body, _ = get(portal, headers={"If-None-Match": etag})
    assert status == 304 and body is None
    as_manager(
        portal,
        lambda: public(portal["oeffentlich"]["dokumente"], "Pressemitteilung", "neu", title="Neue Mitteilung"),
    )
    status, body, headers = get(portal, headers={"If-None-Match": etag})
    assert status == 200 and headers["ETag"] != etag
    assert "neu" in ids(body)


def test_intranet_work_keeps_the_etag(documents):
    portal = documents["portal"]
    etag = etag_of(portal)
    vorgang = documents["dokument"].__parent__

    def file_and_edit():
        api.content.create(container=vorgang, type="Dokument", title="Neuer Eingang", kind="eingang", file=pdf("x"))
        vorgang.aq_parent.title = "Akte umbenannt"
        vorgang.aq_parent.reindexObject()
        api.content.transition(obj=documents["meldung"], transition="check")

    as_manager(portal, file_and_edit)
    assert still_fresh(portal, etag)


def test_editing_a_published_item_changes_the_etag(documents):
    portal = documents["portal"]
    etag = etag_of(portal)

    def edit():
        documents["presse"].title = "Sommerfest verschoben"
        documents["presse"].reindexObject()

    as_manager(portal, edit)
    assert not still_fresh(portal, etag)
    _, body, _ = get(portal, headers={"If-None-Match": etag})
    assert "Sommerfest verschoben" in {item["titel"] for item in body["items"]}


def test_retracting_changes_the_etag(documents):
    portal = documents["portal"]
    etag = etag_of(portal)
    as_manager(portal, lambda: api.content.transition(obj=documents["formular"], transition="retract"))
    assert not still_fresh(portal, etag)
    _, body, _ = get(portal)
    assert "wohngeld" not in ids(body)


def test_deleting_changes_the_etag(documents):
    portal = documents["portal"]
    etag = etag_of(portal)
    as_manager(portal, lambda: api.content.delete(obj=documents["presse"]))
    assert not still_fresh(portal, etag)


def test_permission_changes_on_the_area_change_the_etag(documents):
    """Sharing changes reindex the items' security without any event on them."""
    portal = documents["portal"]
    etag = etag_of(portal)
    area = portal["oeffentlich"]["dokumente"]

    def share():
        area.manage_setLocalRoles("redaktion", ["Reader"])
        area.reindexObjectSecurity()

    as_manager(portal, share)
    assert not still_fresh(portal, etag)


def test_dates_passing_change_the_token_and_nothing_else_does(documents):
    """The Bekanntmachung "bebauungsplan" is removed in 30 days, "kuenftig"
    appears in 3; in between and before, the token stays."""
    portal = documents["portal"]
    now = DateTime()
    today = state_token(portal, now)
    assert state_token(portal, now + 1) == today
    in_four_days = state_token(portal, now + 4)
    assert in_four_days != today
    assert state_token(portal, now + 20) == in_four_days
    assert state_token(portal, now + 31) not in (today, in_four_days)


def test_the_token_of_the_moment_a_date_passes_matches_the_catalog(documents):
    """The token moves in the same minute in which the catalog shows the
    item: one minute before "kuenftig" it is the old token and the item is
    hidden, at its minute the new one and the item is shown."""
    portal = documents["portal"]
    catalog = api.portal.get_tool("portal_catalog")
    appears = documents["kuenftig"].effective()
    before, at = appears - 1.0 / 1440, appears

    def shown(when):
        return bool(catalog.unrestrictedSearchResults(UID=documents["kuenftig"].UID(), effectiveRange=when))

    assert not shown(before) and shown(at)
    assert state_token(portal, before) != state_token(portal, at)
