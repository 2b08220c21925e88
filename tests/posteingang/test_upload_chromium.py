"""The upload form in a real browser (Debian's Chromium): files dropped on
the drop zone, and several files chosen in the plain file input, become
Eingänge; a bad file is refused in German with the other input kept."""

import transaction
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select

from mittelangeln.policy.testing.helpers import sign_in
from mittelangeln.policy.testing.helpers import wait
from mittelangeln.policy.textpdf import text_pdf
from tests.posteingang.staff import BAUEN
from tests.posteingang.test_upload import eingaenge
from tests.posteingang.test_upload import form_url
from tests.posteingang.test_upload import office  # noqa: F401 (fixture)


# A drop as the browser delivers it: a DataTransfer holding the files.
DROP = """
const [zone, files] = arguments;
const transfer = new DataTransfer();
for (const [name, text] of files) {
  transfer.items.add(new File([text], name, {type: "text/plain"}));
}
zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: transfer, bubbles: true, cancelable: true}));
zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
"""


def open_form(driver, portal):
    sign_in(driver, portal.absolute_url(), "post")
    driver.get(form_url(portal))
    wait(driver).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".eingang-dropzone-hint")))


def submit(driver):
    button = driver.find_element(By.NAME, "form.buttons.register")
    driver.execute_script("arguments[0].click()", button)


def test_files_dropped_on_the_zone_become_one_eingang_each(office, chromium):  # noqa: F811
    open_form(chromium, office)
    zone = chromium.find_element(By.CSS_SELECTOR, ".eingang-dropzone")
    assert zone.find_element(By.CSS_SELECTOR, ".eingang-dropzone-hint").text == "Dateien hierher ziehen und ablegen"
    chromium.execute_script(DROP, zone, [["brief-eins.txt", "Erster Brief"], ["brief-zwei.txt", "Zweiter Brief"]])
    listed = [item.text for item in zone.find_elements(By.CSS_SELECTOR, ".eingang-dropzone-files li")]
    assert listed == ["brief-eins.txt", "brief-zwei.txt"]
    chromium.execute_script("arguments[0].click()", chromium.find_element(By.ID, "mode-each"))
    Select(chromium.find_element(By.ID, "eingang-fachdienst")).select_by_visible_text(BAUEN)
    submit(chromium)
    message = wait(chromium).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".portalMessage")))
    found = sorted(eingaenge(office), key=lambda item: item.eingangsnummer)
    assert [item.title for item in found] == ["brief-eins.txt", "brief-zwei.txt"]
    assert all(item.fachdienst == BAUEN for item in found)
    assert all(item.eingangsnummer in message.text for item in found)


def test_several_files_in_the_plain_input_and_a_refused_one(office, chromium, tmp_path):  # noqa: F811
    letter, empty = tmp_path / "brief.pdf", tmp_path / "leer.txt"
    letter.write_bytes(text_pdf([["Bauantrag Muehlenweg 3"]]))
    empty.write_bytes(b"")
    open_form(chromium, office)
    chromium.find_element(By.ID, "eingang-files").send_keys(f"{letter}\n{empty}")
    chromium.find_element(By.ID, "eingang-subject").send_keys("Bauantrag mit Anlage")
    submit(chromium)
    error = wait(chromium).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".invalid-feedback"))
    )
    assert error.text == "Die Datei „leer.txt“ ist leer."
    assert chromium.find_element(By.ID, "eingang-subject").get_attribute("value") == "Bauantrag mit Anlage"
    assert eingaenge(office) == []

    chromium.find_element(By.ID, "eingang-files").send_keys(str(letter))
    submit(chromium)
    wait(chromium).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".mittelangeln-eingang")))
    (eingang,) = eingaenge(office)
    assert chromium.current_url == eingang.absolute_url()
    assert eingang.title == "Bauantrag mit Anlage"
    assert [item.getId() for item in eingang.objectValues()] == ["brief.pdf"]
    transaction.abort()
