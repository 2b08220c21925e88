"""Accessibility of every screen (issue 16, BITV 2.0 = WCAG 2.1 AA): axe-core
runs inside Chromium on each screen of the table in screens.py, as the
screen's user, and finds no violation of impact serious or critical among
the WCAG 2.0/2.1 A and AA rules. All violations, of any impact, are counted
per screen for the terminal summary and, if MITTELANGELN_AXE_REPORT names a
file, a Markdown report (tests/theme/conftest.py).

axe-core is pinned in package.json/package-lock.json; `make test` installs
it with `npm ci` into node_modules/ (nothing is downloaded at test time).

Besides: landmarks, lang="de" and a skip link on every screen, and the
public forms' error messages tied to their fields after a failed submit."""

import json
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions

from mittelangeln.policy.testing.helpers import wait
from tests.theme.axe_report import record
from tests.theme.screens import SCREENS
from tests.theme.screens import open_screen


ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}

RUN_AXE = """
const [tags, done] = arguments;
axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
    .then((result) => done({
        version: axe.version,
        violations: result.violations.map((rule) => ({
            id: rule.id,
            impact: rule.impact,
            help: rule.help,
            nodes: rule.nodes.map((node) => ({
                target: node.target.join(" "),
                summary: node.failureSummary,
            })),
        })),
    }))
    .catch((error) => done({error: String(error)}));
"""


# The page as people see it: Plone's patterns have run, and those that fill
# in text later (the toolbar's history link shows its date) are done.
PAGE_READY = """
return document.readyState === "complete"
    && document.body.classList.contains("patterns-loaded")
    && [...document.querySelectorAll("time.pat-display-time")].every((time) => time.textContent.trim());
"""


def pinned_axe_version():
    lock = json.loads((ROOT / "package-lock.json").read_text())
    return lock["packages"]["node_modules/axe-core"]["version"]


def run_axe(driver):
    assert AXE.exists(), f"{AXE} missing: `make test` installs it (npm ci, package-lock.json)"
    driver.execute_script(AXE.read_text() + "\nwindow.axe = axe;")
    driver.set_script_timeout(120)
    result = driver.execute_async_script(RUN_AXE, AXE_TAGS)
    assert "error" not in result, result.get("error")
    assert result["version"] == pinned_axe_version()
    return result["violations"]


def describe(violations):
    return "\n".join(
        f"{rule['impact']}: {rule['id']} ({rule['help']}) at " + "; ".join(node["target"] for node in rule["nodes"][:5])
        for rule in violations
    )


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: s.key)
def test_no_serious_or_critical_wcag_violation(screens, chromium, screen):
    portal = screens["portal"]
    open_screen(chromium, portal, screen, None)
    wait(chromium).until(lambda d: d.execute_script(PAGE_READY))
    violations = run_axe(chromium)
    record(screen.key, screen.title, screen.user, violations)
    blocking = [rule for rule in violations if rule["impact"] in BLOCKING]
    assert not blocking, f"{screen.key} as {screen.user or 'anonymous'}:\n{describe(blocking)}"


def test_landmarks_and_language_on_every_screen(screens, chromium):
    """Banner, navigation, main content (once) and content info on every
    screen, and the page says it is German."""
    portal = screens["portal"]
    signed_in = None
    for screen in SCREENS:
        signed_in = open_screen(chromium, portal, screen, signed_in)
        assert chromium.find_element(By.TAG_NAME, "html").get_attribute("lang") == "de", screen.key
        for landmark in ("header", "nav", "main", "footer"):
            assert chromium.find_elements(By.CSS_SELECTOR, landmark), (screen.key, landmark)
        assert len(chromium.find_elements(By.CSS_SELECTOR, "main, [role=main]")) == 1, screen.key


def test_skip_link_leads_into_the_main_content_on_every_screen(screens, chromium):
    """The first thing a keyboard user reaches (for those signed in: the
    first after the edit toolbar) is a skip link, visible then, that leads
    into the main content (WCAG 2.4.1); anonymous visitors reach it with
    their first Tab."""
    portal = screens["portal"]
    signed_in = None
    for screen in SCREENS:
        signed_in = open_screen(chromium, portal, screen, signed_in)
        if screen.user is None:
            # From the top of the page (the login form focuses its first field).
            chromium.execute_script("document.body.tabIndex = -1; document.body.focus(); window.scrollTo(0, 0)")
            chromium.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
            skip = chromium.switch_to.active_element
        else:
            skip = chromium.execute_script(FIRST_FOCUSABLE_OUTSIDE_TOOLBAR)
            chromium.execute_script("arguments[0].focus()", skip)
        target = skip.get_attribute("hash")
        assert skip.tag_name == "a" and target, (screen.key, skip.get_attribute("outerHTML"))
        assert skip.is_displayed(), screen.key
        assert skip.text == "Direkt zum Inhalt", screen.key
        colours = {skip.value_of_css_property(name) for name in ("color", "background-color")}
        assert len(colours) == 2, (screen.key, colours)  # readable, not white on white
        inside_main = "return arguments[0].contains(document.querySelector(arguments[1]))"
        main = chromium.find_element(By.CSS_SELECTOR, "main, [role=main]")
        assert chromium.execute_script(inside_main, main, target), (screen.key, target)


# Focusable elements in document order, the toolbar's left out.
FIRST_FOCUSABLE_OUTSIDE_TOOLBAR = """
const selector = 'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])';
return [...document.querySelectorAll(selector)].find(
    (element) => !element.closest('#edit-zone, #portal-toolbar') && !element.disabled
);
"""


@pytest.mark.parametrize("form", ["maengelmelder", "schuelerbefoerderung"])
def test_error_messages_are_tied_to_their_fields(screens, chromium, form):
    """Sent empty, a public form names each missing field in an error
    message that the field refers to (aria-describedby) and marks as
    invalid (aria-invalid); axe finds nothing serious on the error page."""
    portal = screens["portal"]
    chromium.get(f"{portal.absolute_url()}/oeffentlich/{form}")
    send = chromium.find_element(By.ID, "form-buttons-send")
    # Past Chromium's own check of the required fields: the portal's
    # messages are what people get for all the browser cannot check (IBAN,
    # dates, a location), and what a browser without that check shows.
    chromium.execute_script("arguments[0].form.noValidate = true", send)
    chromium.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", send)
    send.click()
    wait(chromium).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "[aria-invalid=true]")))
    invalid = chromium.find_elements(By.CSS_SELECTOR, "[aria-invalid=true]")
    assert len(invalid) >= 2, form
    for field in invalid:
        described_by = (field.get_attribute("aria-describedby") or "").split()
        messages = [
            chromium.find_element(By.ID, id_).text for id_ in described_by if chromium.find_elements(By.ID, id_)
        ]
        assert any(message.strip() for message in messages), (form, field.get_attribute("name"), described_by)
    violations = run_axe(chromium)
    record(f"{form}-fehler", f"{form}: Fehlermeldungen", None, violations)
    blocking = [rule for rule in violations if rule["impact"] in BLOCKING]
    assert not blocking, f"{form} after an empty submit:\n{describe(blocking)}"
