"""The box "Zuletzt von mir bearbeitet": the Akten and Vorgänge the user
created or changed, newest first; not what others did, not what the user
may no longer see."""

import datetime

from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

from mittelangeln.policy.arbeitsplatz import recent


def my_records():
    user_id = api.user.get_current().getId()
    return [brain.getObject() for brain, _when in recent.recent_records(user_id)]


def edit(obj, **changes):
    """What the edit form does: change and notify."""
    for name, value in changes.items():
        setattr(obj, name, value)
    notify(ObjectModifiedEvent(obj))


def test_nothing_before_any_work(site, as_user):
    as_user("bauamt")
    assert my_records() == []


def test_what_i_edited_newest_first_not_what_others_edited(site, as_user):
    akte, bauakte = site["akte"], site["bauakte"]
    as_user("bauamt2")
    edit(bauakte, responsible="Karin Kolle")
    as_user("bauamt")
    edit(bauakte, responsible="Jens Bauer")
    edit(akte, responsible="Jens Bauer")
    assert my_records() == [akte, bauakte]
    as_user("bauamt2")
    edit(akte, description="Von jemand anderem geändert")
    assert my_records() == [akte, bauakte]
    as_user("bauamt")
    assert my_records() == [akte, bauakte]  # not reordered by bauamt2's change
    as_user("kasse")
    assert my_records() == []


def test_a_new_vorgang_and_a_new_dokument_count_as_work_on_them(site, as_user):
    as_user("bauamt")
    vorgang = api.content.create(container=site["bauakte"], type="Vorgang", title="Bauantrag")
    assert my_records() == [vorgang]
    edit(site["akte"], responsible="Jens Bauer")
    api.content.create(container=vorgang, type="Dokument", title="Stellungnahme", kind="eingang")
    assert my_records()[0] == vorgang


def test_a_workflow_transition_counts_as_work(site, as_user):
    as_user("bauamt")
    vorgang = api.content.create(container=site["akte"], type="Vorgang", title="Bauantrag")
    edit(site["bauakte"], responsible="Jens Bauer")
    api.content.transition(obj=vorgang, transition="complete")
    assert my_records()[0] == vorgang


def test_a_record_i_may_no_longer_see_drops_out(site, as_user):
    as_user("personal")
    edit(site["personalakte"], responsible="Peter Paulsen")
    assert my_records() == [site["personalakte"]]
    api.group.remove_user(groupname="personalstelle", username="personal")
    login(site["portal"], "personal")  # a fresh sign-in knows the new groups
    assert my_records() == []


def test_anonymous_changes_are_not_recorded(site):
    logout()
    recent.record_work(site["akte"], None)
    assert recent.worked_on("Anonymous User") == []
    assert recent.worked_on(None) == []


def test_each_user_keeps_the_latest_records_only(site):
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    for number in range(recent.KEEP + 5):
        recent.remember("bauamt", f"uid-{number}", start + datetime.timedelta(minutes=number))
    kept = recent.worked_on("bauamt")
    assert len(kept) == recent.KEEP
    assert kept[0] == (f"uid-{recent.KEEP + 4}", start + datetime.timedelta(minutes=recent.KEEP + 4))
    assert kept[-1][0] == "uid-5"
