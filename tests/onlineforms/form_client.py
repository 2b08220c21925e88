"""An anonymous citizen's client for the online forms of the running portal
(plain HTTP with requests), and the admin's look at what was stored."""

import json

import lxml.html
import requests

from mittelangeln.policy.testing.portal_process import ADMIN_PASSWORD
from mittelangeln.policy.testing.portal_process import SITE_URL
from mittelangeln.policy.testing.portal_process import request


FORMS = {
    "maengelmelder": "/oeffentlich/maengelmelder",
    "schuelerbefoerderung": "/oeffentlich/schuelerbefoerderung",
}
AREAS = {
    "maengelmelder": "/eingaenge/maengelmeldungen",
    "schuelerbefoerderung": "/eingaenge/schuelerbefoerderung",
}
ADMIN = ("admin", ADMIN_PASSWORD)


def form_page(form):
    """(session, CSRF token) of an anonymous visitor who opened the form."""
    session = requests.Session()
    response = session.get(SITE_URL + FORMS[form], timeout=60)
    response.raise_for_status()
    page = lxml.html.fromstring(response.content)
    return session, page.xpath("//form[@id='form']//input[@name='_authenticator']/@value")[0]


def submit(form, fields, files=None, session=None, token=None, send=True):
    """POST the form; ``fields`` maps widget names (without ``form.widgets.``)
    to a value or a list of values; ``files`` to (filename, bytes, type)."""
    if session is None:
        session, token = form_page(form)
    data = [("_authenticator", token)] if token else []
    for name, value in fields.items():
        key = name if name == "website" else f"form.widgets.{name}"
        for single in value if isinstance(value, list) else [value]:
            data.append((key, single))
    if send:
        data.append(("form.buttons.send", "Absenden"))
    multipart = [
        (f"form.widgets.{name}", single)
        for name, spec in (files or {}).items()
        for single in (spec if isinstance(spec, list) else [spec])
    ]
    # requests sends multipart/form-data only with files; keep it for all.
    multipart = multipart or [("form.widgets.none", ("", b"", "application/octet-stream"))]
    return session.post(SITE_URL + FORMS[form], data=data, files=multipart, timeout=120, allow_redirects=False)


def shown_values(html):
    """{widget name: value(s)} of the re-shown form."""
    page = lxml.html.fromstring(html)
    forms = page.xpath("//form[@id='form']")
    if not forms:
        return {}
    values = {}
    for name, value in forms[0].fields.items():
        if name and name.startswith("form.widgets."):
            values[name[len("form.widgets.") :]] = value
    return values


def error_summary(html):
    """The text of the error list above the form."""
    page = lxml.html.fromstring(html)
    summary = page.xpath("//div[contains(@class, 'error-summary')]")
    return summary[0].text_content() if summary else ""


def stored_items(form):
    """[(id, reference)] of the submissions in the form's area, as admin."""
    _, body = request("/++api++" + AREAS[form] + "?fullobjects=0&b_size=10000")
    return [item["@id"].rsplit("/", 1)[1] for item in json.loads(body)["items"]]


def staff_page(form, item_id):
    return requests.get(f"{SITE_URL}{AREAS[form]}/{item_id}", auth=ADMIN, timeout=60)
