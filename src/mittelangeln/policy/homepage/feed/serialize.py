"""The JSON of a public document: what the homepage shows, from catalog
metadata only (fast), never internal data (creators, history, roles)."""

import Missing
from plone import api


TYPE_TITLES = {
    "Bekanntmachung": "Bekanntmachung",
    "Satzung": "Satzung",
    "OeffentlichesFormular": "Formular",
    "Pressemitteilung": "Pressemitteilung",
}
NO_DATE = ("1000/01/01", "2499/12/31", "2500/01/01")


def field(brain, name):
    """A metadata value; None where the column does not apply to the type."""
    value = getattr(brain, name, None)
    return None if value is Missing.Value else value


def iso_date(value):
    """A catalog DateTime as RFC 3339 date-time (always with its offset; a
    date stored without zone is in the server's zone), None for Plone's
    "no date" bounds."""
    if value is None or any(str(value).startswith(bound) for bound in NO_DATE):
        return None
    if value.timezoneNaive():
        value = value.toZone(value.timezone())
    return value.ISO8601()


def summary(brain, service_url):
    """One item of the feed."""
    url = brain.getURL()
    info = field(brain, "public_file")
    return {
        "@id": f"{service_url}/{brain.UID}",
        "uid": brain.UID,
        "art": brain.portal_type,
        "art_titel": TYPE_TITLES[brain.portal_type],
        "titel": brain.Title,
        "beschreibung": brain.Description,
        "gemeinde": field(brain, "gemeinde"),
        "fachdienst": field(brain, "fachdienst"),
        "veroeffentlicht": iso_date(brain.effective),
        "ablauf": iso_date(brain.expires),
        "geaendert": iso_date(brain.modified),
        "gueltig_ab": field(brain, "public_valid_from"),
        "fassung": field(brain, "public_version"),
        "link": field(brain, "public_link"),
        "seite": url,
        "download": {
            "url": f"{url}/@@download/file",
            "dateiname": info["filename"],
            "groesse": info["size"],
            "typ": info["content_type"],
        }
        if info
        else None,
    }


def detail(brain, service_url):
    """One item on its own: the summary plus its text."""
    data = summary(brain, service_url)
    obj = brain._unrestrictedGetObject()
    text = getattr(obj, "text", None)
    data["text"] = text.output_relative_to(obj) if text is not None else None
    return data


def portal_url():
    return api.portal.get().absolute_url()
