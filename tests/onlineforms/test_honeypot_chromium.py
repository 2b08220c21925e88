"""The spam trap of the public forms is invisible to people (no visible box,
issue 16) and hidden from screen readers, yet still in the form for robots."""

from selenium.webdriver.common.by import By


def test_spam_trap_has_no_visible_box(online_forms, chromium):
    for form in (online_forms["maengelmelder"], online_forms["schuelerbefoerderung"]):
        chromium.get(form.absolute_url())
        trap = chromium.find_element(By.ID, "form-website")
        box = trap.find_element(By.XPATH, "..")
        assert box.get_attribute("aria-hidden") == "true"
        assert trap.get_attribute("tabindex") == "-1"
        rect = box.rect
        assert rect["width"] <= 1 and rect["height"] <= 1, rect  # without the theme: a full-width field
        assert box.value_of_css_property("overflow") == "hidden"
