"""Intake throughput sections of benchmarks/posteingang.py.

mails   500 e-mails (text body and a one-page PDF attachment each) saved as
        .eml files in a drop directory under var/bench/, taken by the real
        channel (posteingang.mail.maildrop.poll_maildrop: parse, body as PDF,
        register, one commit per message) as the periodic task does, as the
        system user. Timed per message (from the channel's own loop, one
        message per call) and in total. Reference in the same run: storing
        the same number of plain Dokumente with the same attachment (create,
        index, commit per item): the floor any intake pays for storing.
batch   a 200-page separator-sheet batch (50 letters of 3 pages, each behind
        the portal's own separator sheet) dropped into a hot folder and
        taken by posteingang.scans.hotfolder.poll_hotfolder (render every
        page, read the codes, split with qpdf, register 50 Eingänge, one
        commit). References in the same run: split_batch alone (render,
        read, split; nothing stored) and pdftoppm rendering the 200 pages
        alone (the floor of looking at every page).

Conversion and OCR are not part of the intake (they are queued and done by
the conversion worker afterwards).
"""

import datetime
import os
import shutil
import subprocess
import tempfile
import time
from email.message import EmailMessage
from email.utils import format_datetime
from email.utils import make_msgid

import harness
import transaction
from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.SpecialUsers import system
from harness import log
from plone import api
from plone.namedfile.file import NamedBlobFile

from mittelangeln.policy.posteingang.mail.maildrop import poll_maildrop
from mittelangeln.policy.posteingang.scans.hotfolder import poll_hotfolder
from mittelangeln.policy.posteingang.scans.separator import split_batch
from mittelangeln.policy.posteingang.scans.sheet import separator_sheet
from mittelangeln.policy.textpdf import text_pdf


MAILS = 500
LETTERS = 50
PAGES_PER_LETTER = 3


class SystemUser:
    """Run as the periodic tasks run: the system user."""

    def __enter__(self):
        self.previous = getSecurityManager()
        newSecurityManager(None, system)

    def __exit__(self, *exc):
        setSecurityManager(self.previous)


def workspace(name):
    path = os.path.join(harness.BENCH, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def message(index, attachment):
    mail = EmailMessage()
    mail["From"] = f"Bürger {index} <buerger{index}@example.org>"
    mail["To"] = "poststelle@amt-mittelangeln.de"
    mail["Subject"] = f"Antrag auf Sondernutzung Nr. {index}"
    mail["Message-ID"] = make_msgid(idstring=f"bench{index}", domain="example.org")
    mail["Date"] = format_datetime(datetime.datetime.now().astimezone())
    mail.set_content(f"Sehr geehrte Damen und Herren,\n\nanbei mein Antrag Nr. {index}.\n\nMit freundlichen Grüßen")
    mail.add_attachment(attachment, maintype="application", subtype="pdf", filename=f"antrag-{index}.pdf")
    return mail.as_bytes()


def settled(path):
    moment = time.time() - 3600
    os.utime(path, (moment, moment))


def mails(context):
    portal = context["portal"]
    attachment = text_pdf([["Antrag auf Sondernutzung", "Gehweg vor Haus 12"]])
    directory = workspace("maildrop")
    for index in range(MAILS):
        path = os.path.join(directory, f"mail-{index:04d}.eml")
        with open(path, "wb") as file:
            file.write(message(index, attachment))
        settled(path)
    before = len(portal["posteingang"].objectIds())
    seconds = []
    started = time.perf_counter()
    with SystemUser():
        for _index in range(MAILS):
            tick = time.perf_counter()
            counts = poll_maildrop(directory, transaction.commit, transaction.abort, settle=0, limit=1)
            seconds.append(time.perf_counter() - tick)
            if counts["taken"] != 1:
                raise RuntimeError(f"a message was not taken: {counts}")
    total = time.perf_counter() - started
    taken = len(portal["posteingang"].objectIds()) - before
    log(f"[mails] {taken} e-mails in {total:.1f} s")

    # Reference: plain Dokumente with the same attachment, commit per item.
    with api.env.adopt_roles(["Manager"]):
        akte = reference_vorgang(portal)
        reference = []
        for index in range(MAILS):
            tick = time.perf_counter()
            api.content.create(
                container=akte,
                type="Dokument",
                title=f"Referenz {index}",
                file=NamedBlobFile(attachment, contentType="application/pdf", filename=f"r{index}.pdf"),
            )
            transaction.commit()
            reference.append(time.perf_counter() - tick)
    return [
        (f"intake: {MAILS} e-mails via drop directory", taken, *harness.ms_stats(seconds), rate(taken, total)),
        ("  reference: plain Dokument, commit each", MAILS, *harness.ms_stats(reference), rate(MAILS, sum(reference))),
    ]


def reference_vorgang(portal):
    plan = portal.get("bench-referenz")
    if plan is None:
        plan = api.content.create(container=portal, type="Aktenplan", id="bench-referenz", title="Referenz")
        position = api.content.create(container=plan, type="AktenplanPosition", id="1", title="1", key="1")
        akte = api.content.create(container=position, type="Akte", title="Referenz", fachdienst=None)
        api.content.create(container=akte, type="Vorgang", id="vorgang", title="Referenz")
        transaction.commit()
    akte = plan["1"].objectValues()[0]
    return akte["vorgang"]


def build_batch(directory):
    sheet = os.path.join(directory, "trennblatt.pdf")
    with open(sheet, "wb") as file:
        file.write(separator_sheet())
    parts = []
    for index in range(LETTERS):
        letter = os.path.join(directory, f"brief-{index:02d}.pdf")
        pages = [[f"Brief {index} Seite {page}", "Widerspruch gegen den Gebührenbescheid"] for page in range(1, 4)]
        with open(letter, "wb") as file:
            file.write(text_pdf(pages))
        parts += [sheet, letter]
    batch = os.path.join(directory, "stapel.pdf")
    subprocess.run(["qpdf", "--empty", "--pages", *parts, "--", batch], check=True)
    return batch


def single(seconds):
    """(p50, p95, max) of one timed run, in milliseconds."""
    return seconds * 1000, seconds * 1000, seconds * 1000


def rate(count, seconds, unit="/s"):
    return f"{count / seconds:,.1f}{unit}"


def batch(context):
    portal = context["portal"]
    scratch = tempfile.mkdtemp(prefix="bench-batch-")
    try:
        source = build_batch(scratch)
        with open(source, "rb") as file:
            data = file.read()
        pages = int(subprocess.run(["qpdf", "--show-npages", source], capture_output=True, text=True).stdout)
        tick = time.perf_counter()
        subprocess.run(["pdftoppm", "-r", "72", "-gray", source, os.path.join(scratch, "page")], check=True)
        render_seconds = time.perf_counter() - tick
        tick = time.perf_counter()
        letters = split_batch(data)
        split_seconds = time.perf_counter() - tick
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    hotfolder = workspace("hotfolder")
    target = os.path.join(hotfolder, "stapel.pdf")
    with open(target, "wb") as file:
        file.write(data)
    settled(target)
    before = len(portal["posteingang"].objectIds())
    tick = time.perf_counter()
    with SystemUser():
        counts = poll_hotfolder(hotfolder, transaction.commit, transaction.abort, settle=0)
    intake_seconds = time.perf_counter() - tick
    created = len(portal["posteingang"].objectIds()) - before
    log(f"[batch] {pages} pages → {created} Eingänge in {intake_seconds:.1f} s ({counts})")
    if created != LETTERS or len(letters) != LETTERS:
        raise RuntimeError(f"expected {LETTERS} letters, split {len(letters)}, created {created}")
    return [
        (f"intake: {pages}-page batch", created, *single(intake_seconds), rate(pages, intake_seconds, " p/s")),
        ("  reference: split_batch alone", len(letters), *single(split_seconds), rate(pages, split_seconds, " p/s")),
        ("  reference: pdftoppm renders them", pages, *single(render_seconds), rate(pages, render_seconds, " p/s")),
    ]
