"""The access trail's store on SQLite and PostgreSQL alike."""

import datetime
import threading

from mittelangeln.policy.security.trail_store import AccessTrail


UTC = datetime.timezone.utc


def record(trail, user, path, allowed=True, when=None, channel="ansicht"):
    trail.record(user, path, "uid-1", "Personalakte Muster", channel, "GET", allowed, when=when)


def test_entries_newest_first_with_all_fields(backend):
    trail = AccessTrail()
    earlier = datetime.datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    record(trail, "anna", "/plone/personal/muster", when=earlier)
    record(trail, "bernd", "/plone/personal/muster", allowed=False, when=earlier + datetime.timedelta(hours=1))
    first, second = trail.entries()
    assert (first.user, first.allowed, first.time) == ("bernd", False, earlier + datetime.timedelta(hours=1))
    assert (second.user, second.path, second.uid, second.title, second.channel, second.method, second.allowed) == (
        "anna",
        "/plone/personal/muster",
        "uid-1",
        "Personalakte Muster",
        "ansicht",
        "GET",
        True,
    )


def test_filters_by_user_path_outcome_and_time(backend):
    trail = AccessTrail()
    start = datetime.datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    for hour, (user, path, allowed) in enumerate(
        [
            ("anna", "/plone/personal/a_1", True),
            ("anna", "/plone/personal/a_1/scan.pdf", True),
            ("bernd", "/plone/personal/ax1", False),  # "_" is no wildcard
            ("bernd", "/plone/personal/A_1", True),  # nor does case fold
        ]
    ):
        record(trail, user, path, allowed, when=start + datetime.timedelta(hours=hour))
    assert [e.path for e in trail.entries(path="/plone/personal/a_1")] == [
        "/plone/personal/a_1/scan.pdf",
        "/plone/personal/a_1",
    ]
    assert [e.path for e in trail.entries(user="bernd")] == ["/plone/personal/A_1", "/plone/personal/ax1"]
    assert [e.path for e in trail.entries(allowed=False)] == ["/plone/personal/ax1"]
    assert len(trail.entries(since=start + datetime.timedelta(hours=2))) == 2
    assert len(trail.entries(limit=3)) == 3


def test_purge_deletes_only_older_entries(backend):
    trail = AccessTrail()
    now = datetime.datetime.now(UTC)
    record(trail, "alt", "/plone/personal/x", when=now - datetime.timedelta(days=400))
    record(trail, "neu", "/plone/personal/x", when=now)
    assert trail.purge(now - datetime.timedelta(days=365)) == 1
    assert [entry.user for entry in trail.entries()] == ["neu"]


def test_two_trail_objects_share_their_entries(backend):
    record(AccessTrail(), "anna", "/plone/personal/geteilt")
    assert [entry.user for entry in AccessTrail().entries(path="/plone/personal/geteilt")] == ["anna"]


def test_concurrent_records_are_all_kept(backend):
    def write(thread_number):
        trail = AccessTrail()
        for number in range(25):
            record(trail, f"thread-{thread_number}", f"/plone/personal/{thread_number}/{number}")

    threads = [threading.Thread(target=write, args=(thread_number,)) for thread_number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    paths = {entry.path for entry in AccessTrail().entries(limit=1000)}
    assert paths == {f"/plone/personal/{t}/{n}" for t in range(8) for n in range(25)}
