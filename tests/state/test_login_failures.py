"""The login failure counters on SQLite and PostgreSQL alike."""

import datetime
import threading

from mittelangeln.policy.security.lockout import LoginFailures


def test_failures_lock_after_the_maximum(backend):
    failures = LoginFailures()
    assert failures.lookup("anna") == (False, None)
    for attempt in range(4):
        assert failures.failed("anna", f"digest-{attempt}", 5, 15) is None
    assert failures.lookup("anna") == (True, None)
    until = failures.failed("anna", "digest-4", 5, 15)
    now = datetime.datetime.now(datetime.timezone.utc)
    assert now + datetime.timedelta(minutes=14) < until <= now + datetime.timedelta(minutes=15)
    assert failures.locked_until("anna") == until


def test_the_same_wrong_password_counts_once(backend):
    failures = LoginFailures()
    for _ in range(4):
        failures.failed("bernd", "immer-dasselbe", 2, 15)
    assert failures.locked_until("bernd") is None
    assert failures.failed("bernd", "ein-anderes", 2, 15) is not None


def test_success_ends_the_count(backend):
    failures = LoginFailures()
    failures.failed("clara", "falsch", 2, 15)
    failures.succeeded("clara")
    assert failures.has_failures("clara") is False
    assert failures.failed("clara", "wieder-falsch", 2, 15) is None


def test_an_expired_lock_starts_afresh(backend):
    failures = LoginFailures()
    failures.failed("dora", "eins", 2, 0)
    failures.failed("dora", "zwei", 2, 0)  # locked for no minutes: expired at once
    assert failures.lookup("dora") == (True, None)
    assert failures.failed("dora", "drei", 2, 15) is None  # counting from one again


def test_a_lock_counted_through_one_object_holds_through_another(backend):
    counting, checking = LoginFailures(), LoginFailures()
    counting.failed("emil", "eins", 3, 15)
    checking.failed("emil", "zwei", 3, 15)  # both count on one record
    until = counting.failed("emil", "drei", 3, 15)
    assert until is not None
    assert checking.locked_until("emil") == until


def test_failures_at_the_same_time_all_count(backend):
    """40 different wrong passwords from 8 threads at once lock a login
    whose maximum is 40: no count is lost between read and write."""

    def fail(thread_number):
        failures = LoginFailures()
        for number in range(5):
            failures.failed("frieda", f"digest-{thread_number}-{number}", 40, 15)

    threads = [threading.Thread(target=fail, args=(thread_number,)) for thread_number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert LoginFailures().locked_until("frieda") is not None
