"""The screens of issue 16 speak German (the table in screens.py, each as its
user, in Chromium so that what JavaScript renders counts too). What a person
perceives (the visible text, the toolbar with its collapsed menus, the
window title and the texts of attributes that are shown or read out) holds

- no English text of the message catalogs the portal has loaded: every
  message of every registered translation domain whose German differs from
  its English (Plone's "Default", else the msgid) or is missing; only
  phrases of two or more words, and none that the German catalogs use
  themselves, so that "Status", "Name" or "Open Source" are no false hits;
- no layout or view id (the content types' views, the browser views
  registered) and, in a test of its own, no content type id that differs
  from its German title and is no German word;
- no ISO, US or English dates and no decimal point in numbers with a unit
  or with a long fraction (coordinates). A lone "632.1" is an Aktenplan
  key, "1.234" a German thousand, so those cannot be told apart and count
  as German."""

import ast
import re
from functools import cache
from pathlib import Path

from plone import api
from zope.component import getGlobalSiteManager
from zope.component import getUtilitiesFor
from zope.i18n import translate
from zope.i18n.interfaces import ITranslationDomain
from zope.interface import Interface
from zope.publisher.interfaces.browser import IBrowserRequest

from mittelangeln.policy.testing.helpers import wait
from tests.theme.screens import SCREENS
from tests.theme.screens import open_screen


MISSING = "\x00missing"
WORD = re.compile(r"[A-Za-z][a-z]+")
PLACEHOLDER = re.compile(r"\$\{[^}]*\}|<[^>]*>")
URL = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+|(?<!\w)/[\w./@+-]+")
TOKEN = re.compile(r"[A-Za-z0-9_@.+-]*[A-Za-z0-9_]")

MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
UNIT = r"(?:[kKMGT]i?B|Bytes?|%|€|EUR|km|m²|ha|cm|mm|m)"
NOT_GERMAN = {
    "ISO date": re.compile(r"(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])"),
    "US date": re.compile(r"(?<![\d./])\d{1,2}/\d{1,2}/\d{2,4}(?![\d/])"),
    "English date": re.compile(
        rf"\b{MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}\b|\b\d{{1,2}}:\d{{2}} ?[AaPp]\.?[Mm]\b"
    ),
    "decimal point": re.compile(rf"(?<![\d.,])\d+\.\d+ ?{UNIT}(?!\w)|(?<![\d.,])\d+\.\d{{4,}}(?![\d.])"),
}

# What a person perceives, each text with where it was found: the visible
# text, the toolbar (its collapsed menus are in the DOM), the window title,
# and on rendered elements the attributes that are shown or read out.
PERCEIVED = """
const found = [];
const add = (where, text) => {
  text = (text || "").replace(/\\s+/g, " ").trim();
  if (text) found.push([where, text]);
};
const describe = (element) => {
  let name = element.tagName.toLowerCase();
  if (element.id) return name + "#" + element.id;
  if (typeof element.className === "string" && element.className.trim())
    name += "." + element.className.trim().split(/\\s+/).slice(0, 2).join(".");
  return name;
};
add("window title", document.title);
add("visible text", document.body.innerText);
const toolbar = document.getElementById("edit-zone");
if (toolbar) {
  const walker = document.createTreeWalker(toolbar, NodeFilter.SHOW_TEXT);
  const texts = [];
  while (walker.nextNode()) if (walker.currentNode.textContent.trim()) texts.push(walker.currentNode.textContent);
  add("toolbar", texts.join(" | "));
}
for (const element of document.body.querySelectorAll("*")) {
  if (!((toolbar && toolbar.contains(element)) || element.checkVisibility())) continue;
  for (const attribute of ["title", "alt", "aria-label", "placeholder"])
    if (element.hasAttribute(attribute)) add(attribute + " of " + describe(element), element.getAttribute(attribute));
  const type = (element.getAttribute("type") || "").toLowerCase();
  if (element.tagName === "INPUT" && ["submit", "button", "reset"].includes(type))
    add("value of " + describe(element), element.value);
  if (element.tagName === "OPTION") add("option of " + describe(element.parentElement), element.textContent);
  if (element.tagName === "LABEL") add("label " + describe(element), element.textContent);
}
return found;
"""


def english_fragments(text):
    """The literal pieces of an English message text (placeholders and
    markup cut out) of two or more words; identifiers are no text."""
    for piece in PLACEHOLDER.split(text):
        piece = re.sub(r"\s+", " ", piece).strip(" .,:;!?()\"'“”…-–")
        if " " in piece and len(WORD.findall(piece)) >= 2 and len(piece) >= 8:
            yield piece


def po_literal(text):
    try:
        return ast.literal_eval(text)
    except (SyntaxError, ValueError):
        return text.strip('"')


def po_entries(path):
    """(msgid, English Default or None) of each entry of a .po file."""
    entries = []
    default = msgid = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines() + [""]:
        line = line.strip()
        if msgid is not None and line.startswith('"'):
            msgid += po_literal(line)
            continue
        if msgid is not None:
            if msgid:
                entries.append((msgid, default))
            default = msgid = None
        if line.startswith("#. Default:"):
            default = po_literal(line.removeprefix("#. Default:").strip())
        elif line.startswith("msgid "):
            msgid = po_literal(line.removeprefix("msgid ").strip())
    return entries


def whole(phrase):
    return re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])")


@cache
def german_texts():
    """All German translations of the loaded catalogs, one a line."""
    return "\n".join(text for _name, msgid, _english, text in catalog_messages() if text not in (MISSING, msgid))


@cache
def german_words():
    return set(TOKEN.findall(german_texts()))


@cache
def catalog_messages():
    """(domain, msgid, English, German or MISSING) of every message of every
    loaded German catalog, read from the .po next to the compiled catalog
    (the .mo lacks the untranslated messages and Plone's English Defaults)."""
    found = []
    for name, domain in getUtilitiesFor(ITranslationDomain):
        for identifier in domain.getCatalogsInfo().get("de", ()):
            po = Path(identifier).with_suffix(".po")
            if po.exists():
                for msgid, default in po_entries(po):
                    found.append(
                        (name, msgid, default or msgid, domain.translate(msgid, target_language="de", default=MISSING))
                    )
    return found


@cache
def english_phrases():
    """{phrase: [(domain, msgid), ...]} of the messages whose German differs
    from the English or is missing, but no phrase a German text uses."""
    german = german_texts()
    phrases = {}
    for name, msgid, english, text in catalog_messages():
        if text == english:
            continue
        for phrase in english_fragments(english):
            if phrase in phrases or not whole(phrase).search(german):
                phrases.setdefault(phrase, []).append((name, msgid))
    return phrases


def registrations(registry, seen=None):
    """The adapter registrations of ``registry`` and of its bases (the test
    layers stack registries)."""
    seen = set() if seen is None else seen
    if id(registry) not in seen:
        seen.add(id(registry))
        yield from registry.registeredAdapters()
        for base in registry.__bases__:
            yield from registrations(base, seen)


@cache
def layout_ids():
    """The views of all content types and the names of all browser views,
    but none that German texts use as a word ("RSS")."""
    names = set()
    for fti in api.portal.get_tool("portal_types").listTypeInfo():
        names.update(fti.getProperty("view_methods") or ())
        names.add(fti.getProperty("default_view") or "")
    for registration in registrations(getGlobalSiteManager()):
        required = registration.required
        if registration.provided is Interface and len(required) == 2 and required[1].isOrExtends(IBrowserRequest):
            names.add(registration.name)
    names = {name.removeprefix("@@") for name in names if name}
    return {name for name in names if name not in german_words()}


@cache
def type_ids():
    """The ids of the content types that differ from their German title and
    that no German text uses ("Maengelmeldung", "Document"; not "Akte", nor
    "Satzung" of "Satzung (Ortsrecht)")."""
    ids = set()
    for fti in api.portal.get_tool("portal_types").listTypeInfo():
        title = translate(fti.Title(), target_language="de")
        if title != fti.getId() and not whole(fti.getId()).search(title + "\n" + german_texts()):
            ids.add(fti.getId())
    return ids


def english_in(text):
    return [
        (phrase, sources)
        for phrase, sources in english_phrases().items()
        if phrase in text and whole(phrase).search(text)
    ]


def ids_in(text, ids):
    return sorted({token.removeprefix("@@") for token in TOKEN.findall(URL.sub(" ", text))} & ids)


def formats_in(text):
    text = URL.sub(" ", text)
    return [(kind, match.group()) for kind, pattern in NOT_GERMAN.items() for match in pattern.finditer(text)]


def around(text, part, width=50):
    start = max(text.find(part), 0)
    return "…" + text[max(0, start - width) : start + len(part) + width] + "…"


def perceived(driver):
    wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")
    return driver.execute_script(PERCEIVED)


def test_detectors_tell_german_from_english():
    assert list(english_fragments("Allowed types: ${accepted_types}.")) == ["Allowed types"]
    assert list(english_fragments("Status")) == []
    assert list(english_fragments("yearly_weekday_of_month_1_human")) == []
    assert ids_in("Darstellung akte-view Liste @@listing_view", {"akte-view", "listing_view", "view"}) == [
        "akte-view",
        "listing_view",
    ]
    assert ids_in("siehe /plone/aktenplan/@@akte-view", {"akte-view"}) == []
    english = "2026-11-30 · 11/30/2026 · Nov 30, 2026 · 2:05 PM · 1.5 MB · 54.12345"
    assert [kind for kind, _text in formats_in(english)] == [
        "ISO date",
        "US date",
        "English date",
        "English date",
        "decimal point",
        "decimal point",
    ]
    german = "30.11.2026 14:05 · 1,5 MB · 54,12345 · 632.1/0001-1 · 45/2 · 2026/27 · MM-2026-00001 · 1.234 Akten"
    assert formats_in(german) == []


def test_catalogs_and_registries_are_read(screens):
    """Guard the enumeration: messages of Plone's, z3c.form's and our own
    domain, layouts of Plone's and our types, browser views."""
    phrases = english_phrases()
    domains = {domain for sources in phrases.values() for domain, _msgid in sources}
    assert {"plone", "z3c.form", "plone.z3cform", "mittelangeln.policy"} <= domains
    assert "Enable icalendar import" in phrases  # translated now, still English
    assert "Reopen Akte" in phrases
    assert "Status" not in phrases
    assert {"akte-view", "listing_view", "full_view", "document_view", "aussonderung"} <= layout_ids()
    assert {"Maengelmeldung", "OeffentlichesFormular", "Document"} <= type_ids()
    assert not {"Akte", "Satzung", "Personalakte"} & type_ids()


def problems_on_screens(screens, driver, check):
    """``check(text)`` → [(what, part)] on every perceived text of every
    screen; the problems as lines naming screen, text and place."""
    portal = screens["portal"]
    problems = []
    signed_in = None
    for screen in SCREENS:
        signed_in = open_screen(driver, portal, screen, signed_in)
        for where, text in perceived(driver):
            problems.extend(f"{screen.key}: {what} in {where}: {around(text, part)}" for what, part in check(text))
    return problems


def not_german(text):
    for phrase, sources in english_in(text):
        origin = ", ".join(f"{domain}: {msgid!r}" for domain, msgid in sources[:3])
        yield f"English {phrase!r} ({origin})", phrase
    for name in ids_in(text, layout_ids()):
        yield f"view id {name!r}", name
    for kind, found in formats_in(text):
        yield f"{kind} {found!r}", found


def test_screens_speak_german(screens, chromium):
    problems = problems_on_screens(screens, chromium, lambda text: list(not_german(text)))
    assert problems == [], "\n".join(problems)


def test_screens_show_no_content_type_id(screens, chromium):
    """Content type ids that are no German word ("Maengelmeldung"): Plone's
    folder listings (plone.app.contenttypes listing.pt, listing_summary.pt,
    listing_tabular.pt) give each link the portal_type id as its title."""
    problems = problems_on_screens(
        screens, chromium, lambda text: [(f"type id {name!r}", name) for name in ids_in(text, type_ids())]
    )
    assert problems == [], "\n".join(problems)
