"""pytest-plone fixtures for the integration and functional layers; a small
Aktenplan with an Akte, a Vorgang and a Dokument, created as Manager; for
functional tests the same plan with a Personalakten position and staff
accounts (the test browser for them is in mittelangeln.policy.testing.helpers).
The markers of the slow kinds (pytest.ini) are set here."""

import functools
import tempfile
from pathlib import Path

import pytest
import transaction
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from plone.namedfile.file import NamedBlobFile
from pytest_plone import fixtures_factory
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from mittelangeln.policy import state_db
from mittelangeln.policy.testing import FUNCTIONAL_TESTING
from mittelangeln.policy.testing import INTEGRATION_TESTING
from mittelangeln.policy.testing import portal_process
from mittelangeln.policy.testing.helpers import PASSWORD
from mittelangeln.policy.testing.helpers import build_plan
from mittelangeln.policy.testing.helpers import running_smtp_server
from tests import reporting


pytest_plugins = ["pytest_plone"]

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)


def uses_portal_process(module):
    """Does the test module start the portal (bin/instance-test, scripts)?"""
    return any(getattr(value, "__module__", None) == portal_process.__name__ for value in vars(module).values())


# Layers of their own (second sandboxes on the policy fixture: the screens
# of the theme tests, then the permission matrix, kept to the end) go last:
# once one is set up, plone.testing's integration layer and any other
# sandbox (which open Zope2.app(), the newest database) would see its
# content. The screens layer is torn down after its tests
# (tests/theme/conftest.py).
OWN_LAYERS = ("screens", "_keep_matrix_session")


def pytest_itemcollected(item):
    """browser: uses Chromium; process: starts the portal's processes (ocr is
    set by the modules that convert documents). Marked as each test is
    collected, so that -m (make test-quick) selects by these marks."""
    if "chromium" in getattr(item, "fixturenames", ()):
        item.add_marker(pytest.mark.browser)
    if uses_portal_process(item.module):
        item.add_marker(pytest.mark.process)


@pytest.hookimpl(trylast=True)  # after zope.pytestlayer's order by layer
def pytest_collection_modifyitems(items):
    """Tests on layers of their own last."""
    items.sort(key=own_layer_rank)


PORTAL_PROCESS_GROUP = "portal-process"
# What a module imports from portal_process when it drives bin/instance-test.
INSTANCE_TEST_NAMES = ("DATA", "SITE_URL", "Server", "fresh_environment")
ROOT = Path(__file__).resolve().parent.parent  # where pytest.ini is: the root of node ids


def pytest_xdist_make_scheduler(config, log):
    """`make test` runs two pytest-xdist workers. Each gets whole modules, so
    module fixtures and layers are set up once; the modules starting the
    portal (bin/instance-test) all go to one worker, since they share
    var/instance-test and port 18080. Modules with a directory and ports of
    their own (the cluster's, the embedded restore drill) are whole modules
    any free worker takes. `make test` passes
    --no-loadscope-reorder: the modules keep the order sorted above, so a
    worker reaches the own-layer modules only after its shared-layer ones.
    A scheduler of our own: xdist's
    `loadgroup` marks tests by rewriting Node._nodeid, which pytest 9 no
    longer reads."""
    from xdist.scheduler import LoadScopeScheduling

    class ModuleScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            path = nodeid.split("::", 1)[0]
            return PORTAL_PROCESS_GROUP if uses_instance_test(path) else path

    return ModuleScheduling(config, log)


@functools.cache
def uses_instance_test(path):
    """Does the test module at ``path`` (relative to the root) drive
    bin/instance-test (var/instance-test, port 18080)? The controller does not
    import test modules, so the source tells."""
    source = ROOT / path
    if not source.is_file():
        return False
    text = source.read_text(encoding="utf-8")
    return any(f"{portal_process.__name__} import {name}\n" in text for name in INSTANCE_TEST_NAMES)


@pytest.hookimpl(trylast=True)  # after the conftest hooks that report in theirs
@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session):
    """A pytest-xdist worker hands its report sections (tests/reporting.py)
    to the controller, after the other conftests' hooks added theirs."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput[reporting.WORKEROUTPUT_KEY] = list(reporting.SECTIONS)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    reporting.SECTIONS.extend(getattr(node, "workeroutput", {}).get(reporting.WORKEROUTPUT_KEY, []))


def pytest_terminal_summary(terminalreporter):
    """The report sections of this process or, under pytest-xdist, of all
    workers."""
    for section in reporting.SECTIONS:
        terminalreporter.section(section["title"])
        for line in section["lines"]:
            terminalreporter.write_line(line)


def own_layer_rank(item):
    """0 for the tests on the shared layers, then OWN_LAYERS' order."""
    return next((rank for rank, name in enumerate(OWN_LAYERS, 1) if name in item.fixturenames), 0)


@pytest.fixture(autouse=True)
def local_security_files(tmp_path, monkeypatch):
    """Each test its own access trail and login-failure counters (SQLite,
    also when the shell names a PostgreSQL state database)."""
    monkeypatch.delenv(state_db.DSN_VARIABLE, raising=False)
    monkeypatch.setenv("MITTELANGELN_ACCESS_TRAIL", str(tmp_path / "access-trail.sqlite"))
    monkeypatch.setenv("MITTELANGELN_LOGIN_FAILURES", str(tmp_path / "login-failures.sqlite"))
    monkeypatch.setenv("MITTELANGELN_FORM_SUBMISSIONS", str(tmp_path / "form-submissions.sqlite"))
    monkeypatch.setenv("MITTELANGELN_CONVERSION_WORKERS", str(tmp_path / "conversion-workers.sqlite"))
    return tmp_path


@pytest.fixture
def smtp_server():
    """A real SMTP server on a free port: (inbox, port)."""
    with running_smtp_server() as server:
        yield server


@pytest.fixture
def chromium():
    """Debian's Chromium, headless, driven by Selenium (tests/browser/, the
    Mängelmelder's location button); no skipping when it is missing."""
    assert CHROMIUM.exists(), f"{CHROMIUM} missing: apt-get install chromium (scripts/install-system-deps.sh)"
    assert CHROMEDRIVER.exists(), f"{CHROMEDRIVER} missing: apt-get install chromium-driver"
    with tempfile.TemporaryDirectory(prefix="mittelangeln-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for argument in (
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1400,1000",
            "--lang=de-DE",  # asks for German pages, as the Amt's browsers do
            f"--user-data-dir={profile}",
        ):
            options.add_argument(argument)
        options.add_experimental_option("prefs", {"intl.accept_languages": "de-DE,de"})
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
        try:
            yield driver
        finally:
            driver.quit()


@pytest.fixture
def package_name() -> str:
    return "mittelangeln.policy"


@pytest.fixture
def manager(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    yield
    setRoles(portal, TEST_USER_ID, ["Member"])


@pytest.fixture
def plan(portal, manager):
    return build_plan(portal)


@pytest.fixture
def staff_plan(functional_portal):
    """Functional layer: the plan of ``build_plan`` plus position 023
    Personalakten, and the accounts ``sachbearbeiter`` (Editor and Reader on
    the Aktenplan), ``personal`` (group personalstelle) and ``leiterin``
    (group leitung), password PASSWORD. The test user is Manager until the
    test's own fixture calls ``done()``, which commits."""
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    built = build_plan(portal)
    built["personal"] = api.content.create(
        container=built["aktenplan"],
        type="AktenplanPosition",
        id="023",
        title="Personalakten",
        key="023",
        retention="5",
    )
    for username in ("sachbearbeiter", "personal", "leiterin"):
        api.user.create(email=f"{username}@example.org", username=username, password=PASSWORD)
    api.user.grant_roles(username="sachbearbeiter", obj=built["aktenplan"], roles=["Editor", "Reader"])
    api.group.add_user(groupname="personalstelle", username="personal")
    api.group.add_user(groupname="leitung", username="leiterin")

    def done():
        setRoles(portal, TEST_USER_ID, ["Member"])
        transaction.commit()

    return {"portal": portal, "done": done, **built}


@pytest.fixture
def personalakte(staff_plan):
    """Personalakte Jensen in position 023 of ``staff_plan``."""
    return api.content.create(
        container=staff_plan["personal"],
        type="Personalakte",
        id="jensen",
        title="Personalakte Jensen",
        fachdienst="Fachdienst I – Zentrale Dienste",
        employee_name="Thomas Jensen",
        personnel_number="1002",
    )


@pytest.fixture
def akte(plan):
    return api.content.create(
        container=plan["genehmigungen"],
        type="Akte",
        title="Neubau Kita Mittelangeln",
        fachdienst="Fachdienst IV – Bauen und Umwelt",
    )


@pytest.fixture
def vorgang(akte):
    return api.content.create(container=akte, type="Vorgang", title="Bauantrag prüfen")


@pytest.fixture
def make_file():
    def make(data=b"Bauantrag Dorfstrasse 12", filename="antrag.txt", content_type="text/plain"):
        return NamedBlobFile(data, contentType=content_type, filename=filename)

    return make


@pytest.fixture
def dokument(vorgang, make_file):
    return api.content.create(container=vorgang, type="Dokument", title="Antrag", file=make_file(), kind="eingang")
