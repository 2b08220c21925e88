"""Quick search: Akten and Vorgänge by Aktenzeichen (or its beginning) and
Bauakten by Flurstück, as far as the user may see them."""

from plone import api

from mittelangeln.policy.arbeitsplatz.recent import RECORD_TYPES
from mittelangeln.policy.eakte.lookup import find_by_aktenzeichen


MAX_RESULTS = 100


def normalized(text):
    return " ".join((text or "").split())


def find_records(text):
    """Brains matching ``text`` as Aktenzeichen prefix or as Flurstück,
    sorted by Aktenzeichen; at most MAX_RESULTS + 1 (to tell there are more)."""
    text = normalized(text)
    if not text:
        return []
    # Only the first MAX_RESULTS + 1 by Aktenzeichen can be among those shown.
    by_number = find_by_aktenzeichen(text, MAX_RESULTS + 1, portal_type=list(RECORD_TYPES)).brains
    by_plot = api.content.find(portal_type=list(RECORD_TYPES), flurstuecke=text)
    found = {brain.UID: brain for brain in (*by_number, *by_plot)}
    return sorted(found.values(), key=lambda brain: brain.aktenzeichen or "")[: MAX_RESULTS + 1]
