"""The portal's periodic tasks (site/periodic.py): one round takes in what
the hot folder and the e-mail drop directory hold, on its own connection as
the system user, for every site; a task that fails does not stop the
others."""

import os
import time

import transaction
from plone import api

from mittelangeln.policy.settings import record_name
from mittelangeln.policy.site import periodic
from mittelangeln.policy.textpdf import text_pdf


MESSAGE = b"""From: Erika Muster <erika@example.org>
To: poststelle@amt-mittelangeln.de
Subject: Antrag auf Sondernutzung
Message-ID: <periodic-1@example.org>
Date: Mon, 30 Nov 2026 08:00:00 +0100
Content-Type: text/plain; charset=utf-8

Ich beantrage die Sondernutzung des Gehwegs.
"""


def settled(path):
    moment = time.time() - 120
    os.utime(path, (moment, moment))


def configure(tmp_path):
    scans, mails = tmp_path / "scans", tmp_path / "mails"
    scans.mkdir()
    mails.mkdir()
    api.portal.set_registry_record(record_name("posteingang_hotfolder"), str(scans))
    api.portal.set_registry_record(record_name("posteingang_maildrop"), str(mails))
    (scans / "brief.pdf").write_bytes(text_pdf([["Widerspruch gegen den Gebührenbescheid"]]))
    (mails / "antrag.eml").write_bytes(MESSAGE)
    settled(scans / "brief.pdf")
    settled(mails / "antrag.eml")
    transaction.commit()
    return scans, mails


def subjects(portal):
    portal._p_jar.sync()
    return sorted(eingang.Title() for eingang in portal["posteingang"].objectValues())


def test_one_round_takes_in_the_hot_folder_and_the_drop_directory(functional_portal, tmp_path):
    scans, mails = configure(tmp_path)
    periodic.run_tasks(functional_portal._p_jar.db())
    assert subjects(functional_portal) == ["Antrag auf Sondernutzung", "Scan brief.pdf"]
    assert not (scans / "brief.pdf").exists() and not (mails / "antrag.eml").exists()


def test_a_failing_task_does_not_stop_the_next_one(functional_portal, tmp_path):
    configure(tmp_path)

    def broken(site, commit, abort):
        raise RuntimeError("kaputt")

    periodic.run_tasks(functional_portal._p_jar.db(), tasks=(("broken", broken), *periodic.TASKS[:2]))
    assert len(subjects(functional_portal)) == 2


def test_the_server_starts_no_tasks_when_switched_off(monkeypatch):
    started = []
    monkeypatch.setenv(periodic.ENABLED_VARIABLE, "0")
    monkeypatch.setattr(periodic.PeriodicTasks, "start", lambda self: started.append(self))
    periodic.start_periodic_tasks(None)
    assert started == []
