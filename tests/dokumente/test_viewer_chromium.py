"""The page viewer in a real browser: Debian's Chromium, driven by Selenium,
against the functional layer's WSGI server.

No skipping: without /usr/bin/chromium and /usr/bin/chromedriver (Debian
packages chromium, chromium-driver; scripts/install-system-deps.sh installs
them) this test fails."""

import pytest
import transaction
from plone import api
from plone.namedfile.file import NamedBlobFile
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions

from mittelangeln.policy.dokumente.conversion import page_texts
from mittelangeln.policy.dokumente.queue import process_queue
from mittelangeln.policy.dokumente.scanimport.generator import scanned_pdf
from mittelangeln.policy.testing.helpers import as_conversion_worker
from mittelangeln.policy.testing.helpers import sign_in
from mittelangeln.policy.testing.helpers import wait


USERNAME = "sachbearbeiter"  # Editor and Reader on the Aktenplan (staff_plan)

# Large, plain words: tesseract reads them reliably. Each word on one page only.
PAGES = [
    ["Bauanträge", "Wohnhaus am Markt"],
    ["Statik", "Holzbalken und Dach"],
    ["Abnahme", "Heizung und Kamin"],
]


@pytest.fixture
def scanned(staff_plan):
    portal = staff_plan["portal"]
    akte = api.content.create(
        container=staff_plan["genehmigungen"],
        type="Akte",
        id="markt",
        title="Wohnhaus am Markt",
        fachdienst="Fachdienst IV – Bauen und Umwelt",
    )
    vorgang = api.content.create(container=akte, type="Vorgang", id="antrag", title="Bauantrag")
    dokument = api.content.create(
        container=vorgang,
        type="Dokument",
        id="scan",
        title="Eingescannter Bauantrag",
        kind="eingang",
        file=NamedBlobFile(
            scanned_pdf(PAGES, seed=3, max_skew=1.0, font_size=14, umlauts=True),
            contentType="application/pdf",
            filename="scan.pdf",
        ),
    )
    staff_plan["done"]()
    with as_conversion_worker():
        assert process_queue(portal, commit=transaction.commit) == 1
    texts = page_texts(dokument)
    assert len(texts) == 3
    assert "Heizung" in texts[2], texts  # OCR read the word the test searches for
    assert not any("Heizung" in text for text in texts[:2]), texts
    assert "Bauanträge" in texts[0], texts
    return dokument


def hit_pages(driver):
    return [hit.get_attribute("data-page") for hit in driver.find_elements(By.CSS_SELECTOR, ".viewer-hits .viewer-hit")]


def current_page(driver):
    return driver.find_element(By.CSS_SELECTOR, ".mittelangeln-viewer").get_attribute("data-current")


def shown_image(driver):
    """(src, naturalWidth) of the page image once it has loaded, else None."""
    return driver.execute_script(
        "var img = document.querySelector('.viewer-page-image');"
        "return img.complete && img.naturalWidth > 0 ? [img.getAttribute('src'), img.naturalWidth] : null;"
    )


def wait_for_page(driver, number):
    """The viewer shows page ``number`` and its image has loaded."""
    suffix = f"/normal/dump_{number}.gif"
    wait(driver).until(lambda d: current_page(d) == str(number))

    def loaded(driver):
        shown = shown_image(driver)
        return shown if shown and shown[0].endswith(suffix) else None

    _src, width = wait(driver).until(loaded)
    assert width > 0
    page_input = driver.find_element(By.CSS_SELECTOR, ".viewer-page-input")
    assert page_input.get_attribute("value") == str(number)
    image = driver.find_element(By.CSS_SELECTOR, ".viewer-page-image")
    assert image.get_attribute("alt") == f"Seite {number} von 3"
    current_thumbnails = driver.find_elements(By.CSS_SELECTOR, ".viewer-thumbnail[aria-current='page']")
    assert [thumbnail.get_attribute("data-page") for thumbnail in current_thumbnails] == [str(number)]


def test_page_viewer_in_chromium(functional_portal, scanned, chromium):
    driver = chromium
    portal_url = functional_portal.absolute_url()
    assert portal_url.startswith("http://localhost:")

    sign_in(driver, portal_url, USERNAME)
    driver.get(scanned.absolute_url())
    wait(driver).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".viewer-ready")))
    assert "Eingescannter Bauantrag" in driver.find_element(By.CSS_SELECTOR, "h1").text
    wait_for_page(driver, 1)
    thumbnails = driver.find_elements(By.CSS_SELECTOR, ".viewer-thumbnail img")
    assert [img.get_attribute("alt") for img in thumbnails] == [f"Vorschau von Seite {n}" for n in (1, 2, 3)]

    # next, next: page 3
    next_button = driver.find_element(By.CSS_SELECTOR, ".viewer-next")
    next_button.click()
    wait_for_page(driver, 2)
    next_button.click()
    wait_for_page(driver, 3)
    assert next_button.get_attribute("aria-disabled") == "true"

    # the page number input: back to page 1
    page_input = driver.find_element(By.CSS_SELECTOR, ".viewer-page-input")
    page_input.send_keys(Keys.CONTROL, "a")
    page_input.send_keys("1" + Keys.ENTER)
    wait_for_page(driver, 1)

    # a thumbnail: page 2
    driver.find_element(By.CSS_SELECTOR, ".viewer-thumbnail[data-page='2']").click()
    wait_for_page(driver, 2)
    driver.find_element(By.CSS_SELECTOR, ".viewer-previous").click()
    wait_for_page(driver, 1)

    # zoom in switches to the large images
    driver.find_element(By.CSS_SELECTOR, ".viewer-zoom-in").click()
    wait(driver).until(lambda d: (shown_image(d) or [""])[0].endswith("/large/dump_1.gif"))
    assert driver.find_element(By.CSS_SELECTOR, ".viewer-zoom-level").text == "125 %"
    driver.find_element(By.CSS_SELECTOR, ".viewer-zoom-out").click()
    wait_for_page(driver, 1)

    # search inside the document: the word of page 3
    search = driver.find_element(By.CSS_SELECTOR, ".viewer-search-input")
    search.send_keys("heizung" + Keys.ENTER)
    hits = wait(driver).until(
        expected_conditions.presence_of_all_elements_located((By.CSS_SELECTOR, ".viewer-hits .viewer-hit"))
    )
    assert [hit.get_attribute("data-page") for hit in hits] == ["3"]
    assert hits[0].find_element(By.CSS_SELECTOR, ".viewer-hit-page").text == "Seite 3"
    assert hits[0].find_element(By.CSS_SELECTOR, ".viewer-hit-count").text.endswith("Treffer")
    assert hits[0].find_element(By.CSS_SELECTOR, "mark").text.lower() == "heizung"
    assert driver.find_element(By.CSS_SELECTOR, ".viewer-search-status").text == "Gefunden auf 1 Seite"
    hits[0].click()
    wait_for_page(driver, 3)

    # another form of a word (the catalog's German rules): page 1, "Bauanträge" marked
    search.clear()
    search.send_keys("Bauantrag" + Keys.ENTER)
    wait(driver).until(lambda d: hit_pages(d) == ["1"])
    hit = driver.find_element(By.CSS_SELECTOR, ".viewer-hits .viewer-hit")
    assert hit.find_element(By.CSS_SELECTOR, "mark").text == "Bauanträge"
    hit.click()
    wait_for_page(driver, 1)

    # a word that is nowhere
    search.clear()
    search.send_keys("Hochwasser" + Keys.ENTER)
    wait(driver).until(
        lambda d: d.find_element(By.CSS_SELECTOR, ".viewer-search-status").text == "Keine Treffer für „Hochwasser“."
    )
    assert driver.find_elements(By.CSS_SELECTOR, ".viewer-hits .viewer-hit") == []

    errors = [
        entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE" and "viewer" in entry["message"]
    ]
    assert errors == []
