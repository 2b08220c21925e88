"""The Posteingang lists: @@mein-posteingang (mine and my Fachdienste's) on
the site root and posteingang-liste (everything the user may see) on the
Posteingang area. Batched, sortable, filterable by GET (bookmarkable)."""

import datetime
from functools import cached_property
from urllib.parse import urlencode

from plone import api
from plone.batching import Batch
from Products.Five.browser import BrowserView
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory

from mittelangeln.policy.formatting import german_date
from mittelangeln.policy.formatting import state_title
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.posteingang import listing
from mittelangeln.policy.posteingang.items import STATES
from mittelangeln.policy.posteingang.items import age_in_days
from mittelangeln.policy.posteingang.items import is_overdue
from mittelangeln.policy.principals import fachdienst_group_id


# Column headers that sort: (request value, message).
SORTABLE = (
    ("nummer", _("Item number")),
    ("absender", _("Sent by")),
    ("eingang", _("Received on")),
    ("frist", _("Due date")),
    ("status", _("State")),
)


def channel_titles():
    vocabulary = getUtility(IVocabularyFactory, "mittelangeln.policy.eingang_channels")(None)
    return {term.value: translate(term.title) for term in vocabulary}


class PosteingangList(BrowserView):
    """A list of incoming items; subclasses give its scope."""

    title = None
    extra_params = {}

    def __call__(self):
        if not listing.may_use_lists():
            raise Unauthorized("Posteingang: nur für Mitarbeitende, die Eingänge bearbeiten")
        self.filters = listing.Filters.from_form(self.request.form)
        return self.index()

    def scope(self):
        raise NotImplementedError

    def base_url(self):
        return self.request.getURL()

    def url(self, **changes):
        params = {**self.extra_params, **self.filters.params(**changes)}
        return f"{self.base_url()}?{urlencode(params)}" if params else self.base_url()

    @cached_property
    def results(self):
        return listing.search(self.scope(), self.filters)

    @cached_property
    def batch(self):
        return Batch(self.results, listing.PAGE_SIZE, self.filters.start)

    def total(self):
        """The whole list's length (the catalog returns one page)."""
        return self.batch.sequence_length

    @cached_property
    def channels(self):
        return channel_titles()

    def rows(self):
        today = datetime.date.today()
        return [self.row(brain, today) for brain in self.batch]

    def row(self, brain, today):
        state = brain.posteingang_state
        overdue = is_overdue(brain.eingang_deadline, state, today)
        received = brain.eingang_received
        return {
            "url": brain.getURL(),
            "number": brain.eingangsnummer,
            "subject": brain.Title,
            "sender": brain.eingang_sender or "–",
            "channel": self.channels.get(brain.eingang_channel, brain.eingang_channel),
            "fachdienst": brain.eingang_fachdienst or "–",
            "received": german_date(received) if received else "–",
            "received_iso": received.date().isoformat() if received else None,
            "age": age_in_days(received, today),
            "deadline": german_date(brain.eingang_deadline) if brain.eingang_deadline else "–",
            "overdue": overdue,
            "state": state_title("Eingang", state),
            "done": state == STATES[-1],
        }

    @cached_property
    def counts(self):
        return listing.state_counts(self.scope(), self.filters)

    def state_summary(self):
        """[{title, count, url, current}] per state, for the other filters."""
        return [
            {
                "title": state_title("Eingang", state),
                "count": self.counts[state],
                "url": self.url(status=state, b_start=None),
                "current": self.filters.state == state,
            }
            for state in STATES
        ]

    def overdue(self):
        return listing.overdue_count(self.scope())

    def headers(self):
        """Sortable column headers: label, link, aria-sort."""
        found = []
        for key, label in SORTABLE:
            current = self.filters.sort == key
            descending = not self.filters.descending if current else key == listing.DEFAULT_SORT
            found.append(
                {
                    "key": key,
                    "label": label,
                    "url": self.url(sortierung=key, reihenfolge="ab" if descending else "auf"),
                    "sort": ("descending" if self.filters.descending else "ascending") if current else None,
                }
            )
        return {header["key"]: header for header in found}

    def state_options(self):
        return [{"value": state, "title": state_title("Eingang", state)} for state in STATES]

    def channel_options(self):
        return [{"value": value, "title": self.channels[value]} for value in listing.CHANNELS]

    def age_options(self):
        return [
            {"value": str(days), "title": translate(_("older than ${days} days", mapping={"days": days}))}
            for days in listing.AGES
        ]

    def is_filtered(self):
        return bool(self.filters.state or self.filters.channel or self.filters.older_than)

    def reset_url(self):
        params = dict(self.extra_params)
        return f"{self.base_url()}?{urlencode(params)}" if params else self.base_url()

    def tabs(self):
        return []

    def heading(self):
        return self.title

    def actions(self):
        """Links to what the user may do from the list: register an Eingang
        and print the separator sheet (who may add Eingänge), the
        processing times."""
        portal = api.portal.get()
        area = portal.unrestrictedTraverse(listing.AREA)
        links = []
        if api.user.has_permission("mittelangeln.policy: Add Eingang", obj=area):
            links.append((_("Register an Eingang"), f"{area.absolute_url()}/@@eingang-erfassen"))
            links.append((_("Print a separator sheet"), f"{area.absolute_url()}/@@trennblatt"))
            links.append((_("Intake protocol"), f"{area.absolute_url()}/@@posteingang-protokoll"))
        links.append((_("Processing times"), f"{portal.absolute_url()}/@@posteingang-statistik"))
        return [{"title": translate(title), "url": url} for title, url in links]


class MeinPosteingangView(PosteingangList):
    """@@mein-posteingang: what is assigned to me, and my Fachdienste's lists."""

    def lists(self):
        """[(key, title, scope)]: mine first, then one per Fachdienst of mine."""
        user_id = api.user.get_current().getId()
        found = [("mir", translate(_("Assigned to me")), listing.personal_scope(user_id))]
        for name in listing.my_fachdienste():
            found.append((fachdienst_group_id(name), name, listing.fachdienst_scope(name)))
        return found

    @cached_property
    def current(self):
        wanted = self.request.form.get("liste")
        lists = self.lists()
        return next((entry for entry in lists if entry[0] == wanted), lists[0])

    @property
    def extra_params(self):
        return {"liste": self.current[0]} if self.current[0] != "mir" else {}

    @property
    def title(self):
        return self.current[1]

    def scope(self):
        return self.current[2]

    def tabs(self):
        base = self.base_url()
        return [
            {
                "title": title,
                "url": base if key == "mir" else f"{base}?{urlencode({'liste': key})}",
                "current": key == self.current[0],
                "open": listing.count({**scope, "posteingang_state": list(listing.OPEN_STATES)}),
            }
            for key, title, scope in self.lists()
        ]

    def heading(self):
        return translate(_("My Posteingang"))

    def all_url(self):
        """The whole Posteingang, for Poststelle and Leitung."""
        if not listing.sees_all():
            return None
        return api.portal.get().unrestrictedTraverse(listing.AREA).absolute_url()


class AreaListView(PosteingangList):
    """posteingang-liste: the Posteingang area's view, everything that came
    in that the user may see (Poststelle: all Eingänge; Leitung: also the
    online submissions)."""

    def __call__(self):
        # Registered for every area (the layout is chosen there); it lists
        # the Posteingang only.
        if self.context.getId() != listing.AREA:
            raise NotFound(self.__name__)
        return super().__call__()

    @property
    def title(self):
        return self.context.Title()

    def scope(self):
        return {}

    def base_url(self):
        return self.context.absolute_url()

    def all_url(self):
        return None
