"""The Posteingang lists: who sees which list, the catalog queries behind
them (always with the user's permissions), sorting, filters and counts.

A list has a scope (the criteria that make it: mine, a Fachdienst's, all
the user may see) and filters from the request (state, channel, age)."""

import datetime
from dataclasses import dataclass

from DateTime import DateTime
from plone import api

from mittelangeln.policy import settings
from mittelangeln.policy.posteingang.intake import AREA
from mittelangeln.policy.posteingang.items import OPEN_STATES
from mittelangeln.policy.posteingang.items import STATES
from mittelangeln.policy.principals import fachdienst_group_id


PAGE_SIZE = 50
# Request value: catalog index to sort on.
SORTS = {
    "nummer": "eingangsnummer",
    "eingang": "eingang_received",
    "frist": "eingang_deadline_key",
    "status": "posteingang_state_rank",
    "absender": "eingang_sender_key",
}
DEFAULT_SORT = "eingang"
# "Older than" choices of the age filter, in days.
AGES = (3, 7, 14)
CHANNELS = ("post", "email", "online", "upload")


@dataclass(frozen=True)
class Filters:
    state: str = None
    channel: str = None
    older_than: int = None
    sort: str = DEFAULT_SORT
    descending: bool = True  # newest first
    start: int = 0

    @classmethod
    def from_form(cls, form):
        """The filters of a GET request; unknown or malformed values count
        as not given (a bookmarked or hand-edited address never fails)."""
        state = _text(form, "status")
        channel = _text(form, "kanal")
        age = _text(form, "alter")
        sort = _text(form, "sortierung")
        order = _text(form, "reihenfolge")
        start = _text(form, "b_start")
        sort = sort if sort in SORTS else DEFAULT_SORT
        return cls(
            state=state if state in STATES else None,
            channel=channel if channel in CHANNELS else None,
            older_than=int(age) if age in {str(days) for days in AGES} else None,
            sort=sort,
            descending=(order == "ab") if order in ("auf", "ab") else sort == DEFAULT_SORT,
            start=int(start) if start.isdigit() and len(start) < 9 else 0,
        )

    def params(self, **changes):
        """The request parameters of these filters with ``changes``."""
        values = {
            "status": self.state,
            "kanal": self.channel,
            "alter": self.older_than,
            "sortierung": self.sort,
            "reihenfolge": "ab" if self.descending else "auf",
        }
        values.update(changes)
        return {name: value for name, value in values.items() if value not in (None, "")}


def _text(form, name):
    value = form.get(name, "")
    return value.strip() if isinstance(value, str) else ""


def criteria(scope, filters, now=None, with_state=True):
    """The catalog criteria of a list: its scope and the filters."""
    query = dict(scope)
    query["posteingang_state"] = filters.state if with_state and filters.state else list(STATES)
    if filters.channel:
        query["eingang_channel"] = filters.channel
    if filters.older_than:
        limit = (now or DateTime()) - filters.older_than
        query["eingang_received"] = {"query": limit, "range": "max"}
    return query


def search(scope, filters, now=None):
    """One page of the list: a lazy result whose length is the whole list."""
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.searchResults(
        criteria(scope, filters, now),
        sort_on=SORTS[filters.sort],
        sort_order="descending" if filters.descending else "ascending",
        b_start=filters.start,
        b_size=PAGE_SIZE,
    )


def count(query):
    return len(api.portal.get_tool("portal_catalog").searchResults(query))


def state_counts(scope, filters, now=None):
    """{state: number} for the list's other filters (not its state filter)."""
    query = criteria(scope, filters, now, with_state=False)
    return {state: count({**query, "posteingang_state": state}) for state in STATES}


def overdue_count(scope, today=None):
    """Items of the scope whose deadline has passed and that are not done."""
    today = today or datetime.date.today()
    start_of_today = DateTime(today.year, today.month, today.day)
    return count(
        {
            **scope,
            "posteingang_state": list(OPEN_STATES),
            "eingang_deadline": {"query": start_of_today - 0.00001, "range": "max"},
        }
    )


# -- who sees which list ---------------------------------------------------


def my_fachdienste(user=None):
    """The Fachdienste whose group the user belongs to, in the settings' order."""
    user = user or api.user.get_current()
    groups = set(user.getGroups() or ())
    return [name for name in settings.fachdienste() if fachdienst_group_id(name) in groups]


def sees_all():
    """Poststelle and Leitung: they may open the Posteingang area."""
    area = api.portal.get().unrestrictedTraverse(AREA, None)
    return area is not None and api.user.has_permission("View", obj=area)


def personal_scope(user_id):
    return {"eingang_responsible": user_id}


def fachdienst_scope(name):
    return {"eingang_fachdienst": name}


def has_own_items(user_id):
    return count({**personal_scope(user_id), "posteingang_state": list(STATES)}) > 0


def may_use_lists():
    """The lists concern the user: Poststelle, Leitung, a Fachdienst, or
    someone an Eingang is assigned to. Not volunteers, centres, anonymous."""
    if api.user.is_anonymous():
        return False
    user = api.user.get_current()
    return sees_all() or bool(my_fachdienste(user)) or has_own_items(user.getId())
