"""The must-show of the IMAP intake: a fetch killed half-way (SIGKILL, in
a real portal database) and run again takes each message exactly once.
The first run is killed right after a commit, before the message is
flagged \\Seen (the dangerous moment); the second at whatever point it has
reached after two more commits; the third runs to the end.

The processes are those of `bin/instance-test run`, but on a database of
the test's own (a copy of the instance's zope.conf with its paths in the
test's directory): other tests may reset var/instance-test meanwhile."""

import json
import os
import pathlib
import select
import shutil
import signal
import subprocess
import tempfile
import time

import pytest

from mittelangeln.policy.testing.portal_process import ADMIN_PASSWORD
from mittelangeln.policy.testing.portal_process import DATA
from mittelangeln.policy.testing.portal_process import ROOT
from mittelangeln.policy.textpdf import text_pdf
from tests.posteingang.dovecot import Dovecot
from tests.posteingang.mail_messages import make_message


SCRIPT = ROOT / "tests" / "posteingang" / "imap_fetch_script.py"
CREATE_SITE = ROOT / "scripts" / "create_site.py"
INTERPRETER = ROOT / "parts" / "instance-test" / "bin" / "interpreter"
ZOPE_CONF = ROOT / "parts" / "instance-test" / "etc" / "zope.conf"
MESSAGES = 8
IDS = [f"<kill-{number}@example.org>" for number in range(1, MESSAGES + 1)]

pytestmark = pytest.mark.process


RUNNER = (
    "from Zope2.Startup.run import configure_wsgi; configure_wsgi({conf!r}); import Zope2; app = Zope2.app(); "
    "from Testing.makerequest import makerequest; app = makerequest(app); app.REQUEST['PARENTS'] = [app]; "
    "from zope.globalrequest import setRequest; setRequest(app.REQUEST); "
    "from AccessControl.SpecialUsers import system; "
    "from AccessControl.SecurityManagement import newSecurityManager; newSecurityManager(None, system); "
    "import sys; sys.argv = [{script!r}]; exec(compile(open({script!r}).read(), {script!r}, 'exec'))"
)


def own_database(root):
    """zope.conf of bin/instance-test with its data under ``root``."""
    for directory in ("filestorage", "blobstorage", "instance-test", "cache"):
        (root / directory).mkdir(parents=True, exist_ok=True)
    conf = root / "zope.conf"
    conf.write_text(ZOPE_CONF.read_text().replace(str(DATA), str(root)))
    return conf


def start(env, log, script=SCRIPT, **variables):
    """``script`` run as `bin/instance-test run` runs it, on ``env["ZOPE_CONF"]``."""
    return subprocess.Popen(
        [INTERPRETER, "-c", RUNNER.format(conf=env["ZOPE_CONF"], script=str(script))],
        env={**env, **variables},
        stdout=subprocess.PIPE,
        stderr=log,
        cwd=ROOT,
        text=True,
        start_new_session=True,  # the kill hits the process and anything it started
    )


def kill_after(process, commits, seconds=300):
    """SIGKILL ``process`` once it reported ``commits`` commits."""
    deadline = time.monotonic() + seconds
    seen = 0
    while seen < commits:
        assert time.monotonic() < deadline, "no progress from the fetch"
        ready, _, _ = select.select([process.stdout], [], [], 1)
        if not ready:
            continue
        line = process.stdout.readline()
        assert line, f"the fetch ended before it could be killed (exit {process.wait()})"
        if line.startswith("COMMITTED "):
            seen = int(line.split()[1])
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert not alive(process.pid), "a process of the fetch survived the kill"


def alive(group, seconds=10):
    """Is a process of the process group ``group`` still running (not a
    zombie) after ``seconds`` (SIGKILL is delivered at once, dying takes a
    moment)?"""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(state != "Z" and process_group == group for state, process_group in processes()):
            return False
        time.sleep(0.1)
    return True


def processes():
    """(state, process group) of every process, from /proc/<pid>/stat."""
    for stat in pathlib.Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # ended meanwhile
            continue
        yield fields[0], int(fields[2])


def result(process):
    stdout, _ = process.communicate(timeout=300)
    assert process.returncode == 0, stdout
    line = next(line for line in stdout.splitlines() if line.startswith("RESULT "))
    found = json.loads(line[len("RESULT ") :])
    # The count: only this test's messages (the demo content may hold e-mails too).
    return [item for item in found if item.startswith("<kill-")] if isinstance(found, list) else found


@pytest.fixture(scope="module")
def runs():
    # Not under pytest's basetemp: another pytest run may prune that meanwhile.
    root = pathlib.Path(tempfile.mkdtemp(prefix="mail-kill-"))
    server = Dovecot(root / "dovecot", {"posteingang": "Post-Geheim-1"}).start()
    try:
        attachment = text_pdf([["Anlage zur Nachricht"]])
        server.deliver(
            "posteingang",
            *(
                make_message(
                    subject=f"Nachricht {number}",
                    message_id=message_id,
                    body=f"Text {number}",
                    attachments=[(f"anlage-{number}.pdf", attachment + str(number).encode(), "application/pdf")],
                )
                for number, message_id in enumerate(IDS, 1)
            ),
        )
        env = {
            **os.environ,
            "ZOPE_CONF": str(own_database(root / "zope")),
            "MITTELANGELN_ADMIN_PASSWORD": ADMIN_PASSWORD,
            "MITTELANGELN_DEMO": "0",
            "MAIL_URL": server.url("posteingang"),
        }
        with open(root / "fetch.log", "w") as log:
            created = start(env, log, CREATE_SITE)
            assert created.wait(timeout=600) == 0, (root / "fetch.log").read_text()[-3000:]
            kill_after(start(env, log, BLOCK_AFTER="3"), 3)
            flags_after_first = server.flags("posteingang")
            after_first = result(start(env, log, MODE="count"))
            kill_after(start(env, log), 2)
            after_second = result(start(env, log, MODE="count"))
            third = result(start(env, log))
            after_third = result(start(env, log, MODE="count"))
            fourth = result(start(env, log))
        flags_at_end = server.flags("posteingang")
        return locals()
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def test_the_first_kill_came_after_a_commit_before_the_flag(runs):
    assert runs["after_first"] == sorted(IDS[:3])
    assert [uid for uid, flags in sorted(runs["flags_after_first"].items()) if "\\Seen" in flags] == [1, 2]


def test_the_second_kill_came_half_way(runs):
    assert set(IDS[:5]) <= set(runs["after_second"]) < set(IDS)


def test_after_the_kills_each_message_is_there_exactly_once(runs):
    assert runs["after_third"] == sorted(IDS)
    assert runs["third"]["taken"] == MESSAGES - len(runs["after_second"])
    assert runs["third"]["refused"] == runs["third"]["failed"] == 0
    assert all(flags == {"\\Seen"} for flags in runs["flags_at_end"].values())
    assert len(runs["flags_at_end"]) == MESSAGES


def test_a_fourth_run_finds_nothing(runs):
    assert runs["fourth"] == {"taken": 0, "known": 0, "refused": 0, "failed": 0}
