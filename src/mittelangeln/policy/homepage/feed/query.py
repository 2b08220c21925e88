"""From the homepage's query string to a catalog query, or a German error.

Only what the public may see: published public document types that
anonymous users may view and whose dates make them current, whoever asks
(a signed-in editor gets the same answer as the homepage, so caches can
share it).
"""

import datetime
import re
from dataclasses import dataclass

from DateTime import DateTime

from mittelangeln.policy import settings
from mittelangeln.policy.fulltext.query import searchable_text
from mittelangeln.policy.homepage.content import PUBLIC_TYPES
from mittelangeln.policy.i18n import _


DEFAULT_BATCH = 20
MAX_BATCH = 100
MAX_START = 10**6
MAX_SEARCH = 200
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Keys unique per item (indexers.py), so that pages never overlap or skip.
SORTS = {
    "datum": ("public_date_key", "ascending"),
    "-datum": ("public_date_key", "descending"),
    "titel": ("public_title_key", "ascending"),
    "-titel": ("public_title_key", "descending"),
}
PARAMETERS = {"art", "gemeinde", "fachdienst", "von", "bis", "suche", "sortierung", "b_start", "b_size"}


class QueryError(ValueError):
    """A parameter the endpoint cannot take: status, German message, parameter."""

    def __init__(self, message, parameter=None, status=400):
        super().__init__(message)
        self.message = message
        self.parameter = parameter
        self.status = status


@dataclass(frozen=True)
class FeedQuery:
    catalog_query: dict
    b_start: int
    b_size: int
    canonical: str  # the parameters as normalised text (for the ETag)


def published_public():
    """Published public documents anonymous users may view, whatever their dates."""
    return {"portal_type": list(PUBLIC_TYPES), "review_state": "published", "allowedRolesAndUsers": ["Anonymous"]}


def public_constraints(now=None):
    """What makes an item public, for any caller: also current by its dates."""
    return {**published_public(), "effectiveRange": now or DateTime()}


# A parameter that is absent takes its default; one that is given, even
# empty, must be valid as the OpenAPI description says (openapi.json).
def _single(form, name):
    value = form.get(name)
    if isinstance(value, list):
        raise QueryError(_("The parameter “${name}” may be given once only.", mapping={"name": name}), name)
    return value


def _choice(form, name, allowed):
    value = _single(form, name)
    if value is None:
        return None
    if value not in allowed:
        raise QueryError(
            _(
                "Unknown value “${value}” for “${name}”. Allowed: ${allowed}.",
                mapping={"value": value, "name": name, "allowed": ", ".join(allowed)},
            ),
            name,
        )
    return value


def _date(form, name):
    value = _single(form, name)
    if value is None:
        return None
    try:
        if not ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise QueryError(
            _("“${value}” is not a date; “${name}” takes YYYY-MM-DD.", mapping={"value": value, "name": name}), name
        ) from None


def _number(form, name, default, lowest, highest):
    value = _single(form, name)
    if value is None:
        return default
    if not (value.isascii() and value.isdigit()) or not lowest <= int(value) <= highest:
        raise QueryError(
            _(
                "“${name}” takes a whole number from ${lowest} to ${highest}.",
                mapping={"name": name, "lowest": lowest, "highest": highest},
            ),
            name,
        )
    return int(value)


def parse(form, now=None):
    """A FeedQuery from the request's parameters, or QueryError."""
    unknown = sorted(set(form) - PARAMETERS)
    if unknown:
        raise QueryError(
            _(
                "Unknown parameter “${name}”. Allowed: ${allowed}.",
                mapping={"name": unknown[0], "allowed": ", ".join(sorted(PARAMETERS))},
            ),
            unknown[0],
        )
    query = public_constraints(now)
    kind = _choice(form, "art", PUBLIC_TYPES)
    if kind:
        query["portal_type"] = kind
    gemeinde = _choice(form, "gemeinde", settings.gemeinden())
    if gemeinde:
        query["gemeinde"] = gemeinde
    fachdienst = _choice(form, "fachdienst", settings.fachdienste())
    if fachdienst:
        query["fachdienst"] = fachdienst
    since, until = _date(form, "von"), _date(form, "bis")
    if since or until:  # "von" after "bis" is a valid, empty range
        low = DateTime(since.isoformat()) if since else DateTime("1000-01-01")
        high = DateTime(until.isoformat()) + 1 - 1.0 / 86400 if until else DateTime("3000-01-01")
        query["effective"] = {"query": [low, high], "range": "min:max"}
    text = _single(form, "suche")
    if text:
        if len(text) > MAX_SEARCH:
            raise QueryError(
                _("The search text is too long (at most ${max} characters).", mapping={"max": MAX_SEARCH}), "suche"
            )
        # The same query as every search channel: all words, with the German
        # rules of the index (Bauantrag finds Bauanträge); "…" phrases and a
        # word's * are kept, brackets and AND/OR/NOT are no query syntax.
        searchable = searchable_text(text)
        if searchable:
            query["SearchableText"] = searchable
    sort = _choice(form, "sortierung", list(SORTS)) or "-datum"
    query["sort_on"], query["sort_order"] = SORTS[sort]
    b_start = _number(form, "b_start", 0, 0, MAX_START)
    b_size = _number(form, "b_size", DEFAULT_BATCH, 1, MAX_BATCH)
    # The catalog sorts only as far as the page needs and returns just the
    # page, with the total as actual_result_count (plone.batching expects it).
    query["b_start"], query["b_size"] = b_start, b_size
    canonical = "&".join(f"{name}={form[name]}" for name in sorted(form))
    return FeedQuery(query, b_start, b_size, canonical)
