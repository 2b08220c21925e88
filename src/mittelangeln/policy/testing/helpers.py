"""Helpers of the tests: test browsers for the functional layer, content
builders, a real SMTP server, images and PDFs (``from
mittelangeln.policy.testing.helpers import ...``)."""

import io
import socket
import subprocess
import time
from contextlib import contextmanager
from email.header import decode_header
from email.header import make_header

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.SpecialUsers import system
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from PIL import Image
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.theming.utils import getCurrentTheme
from plone.app.theming.utils import isThemeEnabled
from plone.testing.zope import Browser
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
from zope.globalrequest import getRequest


PASSWORD = "Sicheres-Passwort-1"
CHROMIUM_TIMEOUT = 30  # seconds a Chromium test waits for a page to change


def wait(driver):
    """Selenium's wait for the ``chromium`` fixture's driver; an element
    that went stale because the next page replaced it is asked again."""
    return WebDriverWait(driver, CHROMIUM_TIMEOUT, ignored_exceptions=(StaleElementReferenceException,))


def sign_in(driver, portal_url, username, password=PASSWORD):
    """Sign in through Plone's login form, as a person would."""
    driver.get(f"{portal_url}/login")
    wait(driver).until(expected_conditions.presence_of_element_located((By.NAME, "__ac_name")))
    driver.find_element(By.NAME, "__ac_name").send_keys(username)
    driver.find_element(By.NAME, "__ac_password").send_keys(password + Keys.ENTER)
    wait(driver).until(lambda d: d.get_cookie("__ac") is not None)


def browser_as(portal, username=None, handle_errors=True):
    """A test browser with basic auth as ``username`` (a staff account, or
    SITE_OWNER_NAME) or anonymous; HTTP errors are statuses, not exceptions."""
    browser = Browser(portal.aq_parent)
    browser.handleErrors = handle_errors
    browser.raiseHttpErrors = False
    if username:
        password = SITE_OWNER_PASSWORD if username == SITE_OWNER_NAME else PASSWORD
        browser.addHeader("Authorization", f"Basic {username}:{password}")
    return browser


def fetch_bytes(portal, url, username=None, accept=None):
    """(status, body as bytes, content type) of a GET as ``username``."""
    browser = browser_as(portal, username)
    if accept:
        browser.addHeader("Accept", accept)
    browser.open(url)
    body = browser.contents
    body = body if isinstance(body, bytes) else body.encode("utf-8")
    return int(browser.headers["status"].split()[0]), body, browser.headers.get("content-type", "")


def fetch(portal, url, username=None, accept=None):
    """(status, body as text, content type) of a GET as ``username``."""
    status, body, content_type = fetch_bytes(portal, url, username, accept)
    return status, body.decode("utf-8", "replace"), content_type


def antrag_fields(**changes):
    """The fields of a complete, valid Schülerbeförderungsantrag."""
    import datetime

    fields = {
        "applicant_name": "Anke Hansen",
        "applicant_address": "Hauptstraße 5",
        "pupil_name": "Lena Hansen",
        "pupil_birthday": datetime.date(2016, 5, 4),
        "pupil_address": "Hauptstraße 5",
        "school": "Grundschule Satrup",
        "school_class": 3,
        "school_year": "2026/27",
        "transport": "Bus",
        "iban": "DE89370400440532013000",
        "account_holder": "Anke Hansen",
        "consent": True,
    }
    return {**fields, **changes}


def profile_version():
    """The version of the default profile as metadata.xml declares it."""
    import pathlib
    import re

    import mittelangeln.policy

    metadata = pathlib.Path(mittelangeln.policy.__file__).parent / "profiles" / "default" / "metadata.xml"
    return re.search(r"<version>(\d+)</version>", metadata.read_text()).group(1)


def build_plan(portal):
    """Aktenplan → 6 Bau- und Vermessungswesen → 632.1 Baugenehmigungen."""
    aktenplan = api.content.create(container=portal, type="Aktenplan", id="aktenplan", title="Aktenplan")
    bau = api.content.create(
        container=aktenplan,
        type="AktenplanPosition",
        id="6",
        title="Bau- und Vermessungswesen",
        key="6",
        retention="10",
    )
    genehmigungen = api.content.create(
        container=bau,
        type="AktenplanPosition",
        id="632-1",
        title="Baugenehmigungen",
        key="632.1",
        retention="30",
        archival_value="A",
    )
    return {"aktenplan": aktenplan, "bau": bau, "genehmigungen": genehmigungen}


class Inbox(Message):
    """What a real SMTP server (aiosmtpd) started by a test received."""

    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)

    def wait_for(self, count, seconds=30):
        deadline = time.monotonic() + seconds
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.1)
        return self.messages


def free_port():
    """A TCP port nobody listens on (yet)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_smtp_server():
    """A real SMTP server on a free port: yields (inbox, port)."""
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def mail_environment(port, sender="formulare@amt-mittelangeln.de"):
    """The environment variables that point the portal at a local SMTP port."""
    return {
        "MITTELANGELN_SMTP_HOST": "127.0.0.1",
        "MITTELANGELN_SMTP_PORT": str(port),
        "MITTELANGELN_MAIL_FROM": sender,
    }


def decoded(header):
    """A mail header as text (RFC 2047 words decoded)."""
    return str(make_header(decode_header(header)))


def body_text(message):
    """The body of a single-part mail as text."""
    return message.get_payload(decode=True).decode(message.get_content_charset())


def image_bytes(format="JPEG", size=(40, 30)):
    """A small real image, e.g. for photo uploads."""
    buffer = io.BytesIO()
    Image.new("RGB", size, "gray").save(buffer, format)
    return buffer.getvalue()


def pdf_text(data, tmp_path, layout=False):
    """The text of PDF ``data`` as pdftotext reads it."""
    path = tmp_path / "text.pdf"
    path.write_bytes(data)
    command = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def add_meldung(portal, item_id, **fields):
    """A Mängelmeldung in Eingänge, as the online form stores one; ``fields``
    replace the defaults."""
    fields = {"category": "Spielplatz", "address": "Am Markt", "defect": "Schaukel kaputt", **fields}
    return api.content.create(
        container=portal["eingaenge"]["maengelmeldungen"], type="Maengelmeldung", id=item_id, **fields
    )


def add_member(username, group):
    """A user (password PASSWORD) in ``group``."""
    api.user.create(email=f"{username}@example.org", username=username, password=PASSWORD)
    api.group.add_user(groupname=group, username=username)


def finish_meldung(meldung):
    """Check, start and complete a Mängelmeldung: it is done."""
    for transition in ("check", "start", "complete"):
        api.content.transition(obj=meldung, transition=transition)


def add_antrag(portal, item_id, **changes):
    """A Schülerbeförderungsantrag in Eingänge, as the online form stores one;
    ``changes`` replace fields of ``antrag_fields``."""
    return api.content.create(
        container=portal["eingaenge"]["schuelerbefoerderung"],
        type="Schuelerbefoerderungsantrag",
        id=item_id,
        **antrag_fields(**changes),
    )


def theme_name():
    """The Diazo theme switched on in the site, or None."""
    return getCurrentTheme() if isThemeEnabled(getRequest()) else None


@contextmanager
def as_conversion_worker():
    """Run code as the conversion worker runs (dokumente/worker.py: the
    system user), not as whoever the test signed in."""
    previous = getSecurityManager()
    newSecurityManager(None, system)
    try:
        yield
    finally:
        setSecurityManager(previous)
