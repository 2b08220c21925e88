"""Conversion worker heartbeats (dokumente/claims.py) on both backends,
timed by the database's own clock."""

from mittelangeln.policy.dokumente import claims


def test_a_worker_that_just_beat_is_alive_one_never_seen_is_not(backend):
    claims.beat("knoten-a:11:aaaa")
    assert claims.is_alive("knoten-a:11:aaaa")
    assert not claims.is_alive("knoten-b:12:bbbb")


def test_the_database_clock_ages_a_heartbeat(backend):
    # Written 31 s before the database's "now": silent for longer than the timeout.
    with claims.STORE.transaction() as cursor:
        cursor.execute(
            f"INSERT INTO workers (name, seen) VALUES (?, {claims.CLOCK[backend]} - ?)",
            ("knoten-c:13:cccc", claims.HEARTBEAT_TIMEOUT + 1),
        )
    assert not claims.is_alive("knoten-c:13:cccc")
    claims.beat("knoten-c:13:cccc")
    assert claims.is_alive("knoten-c:13:cccc")
