"""The sample homepage client (examples/homepage/) in Debian's Chromium,
served from its own origin, against the portal's WSGI server: it lists the
current Bekanntmachungen, filters, opens one; CORS lets it read."""

import functools
import http.server
import pathlib
import threading

import pytest
import transaction
from plone import api
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.ui import WebDriverWait

from mittelangeln.policy.testing.helpers import free_port


CLIENT = pathlib.Path(__file__).resolve().parents[2] / "examples" / "homepage"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def homepage(documents):
    """The client on http://localhost:<port>, that origin allowed by the portal."""
    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=CLIENT))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://localhost:{port}"
    api.portal.set_registry_record("mittelangeln.homepage_origins", [origin])
    transaction.commit()
    yield f"{origin}/index.html?portal={documents['portal'].absolute_url()}"
    server.shutdown()


def titles(driver):
    """The listed titles, read in one step (the list is rebuilt while loading)."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#documents li a')).map(function (a) { return a.textContent; });"
    )


def test_the_sample_client_lists_filters_and_opens(documents, homepage, chromium):
    wait = WebDriverWait(chromium, 30)
    chromium.get(homepage)
    wait.until(lambda driver: titles(driver))
    assert titles(chromium) == ["Bebauungsplan Nr. 12 Satrup"]  # the current Bekanntmachungen only
    assert "Geheimwort" not in chromium.page_source

    Select(chromium.find_element(By.NAME, "art")).select_by_value("")
    chromium.find_element(By.CSS_SELECTOR, "#filter button").click()
    wait.until(lambda driver: len(titles(driver)) == 4)
    Select(chromium.find_element(By.NAME, "gemeinde")).select_by_value("Gemeinde Havetoft")
    chromium.find_element(By.CSS_SELECTOR, "#filter button").click()
    wait.until(lambda driver: titles(driver) == ["Hundesteuersatzung"])

    chromium.find_element(By.CSS_SELECTOR, "#documents li a").click()
    detail = wait.until(
        lambda driver: (
            driver.find_element(By.ID, "detail") if driver.find_element(By.ID, "detail").is_displayed() else None
        )
    )
    assert "Gültig ab 1.1.2026 (2. Nachtrag)" in detail.text
    assert detail.find_element(By.TAG_NAME, "a").get_attribute("href").endswith("/hundesteuer/@@download/file")


def test_without_cors_the_client_gets_nothing(documents, homepage, chromium):
    api.portal.set_registry_record("mittelangeln.homepage_origins", [])
    transaction.commit()
    chromium.get(homepage)
    status = WebDriverWait(chromium, 30).until(
        lambda driver: (
            driver.find_element(By.ID, "status").text not in ("", "Wird geladen …")
            and driver.find_element(By.ID, "status").text
        )
    )
    assert status == "Die Dokumente konnten nicht geladen werden."
    assert titles(chromium) == []
