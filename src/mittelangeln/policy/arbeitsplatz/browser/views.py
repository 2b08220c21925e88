"""The start page Mein Arbeitsplatz and the quick search's result page."""

from functools import cached_property

from plone import api
from Products.Five.browser import BrowserView
from zExceptions import Unauthorized
from zope.component import getAdapters

from mittelangeln.policy.arbeitsplatz.browser.boxes import QuickSearchBox
from mittelangeln.policy.arbeitsplatz.search import MAX_RESULTS
from mittelangeln.policy.arbeitsplatz.search import find_records
from mittelangeln.policy.arbeitsplatz.search import normalized
from mittelangeln.policy.formatting import state_title
from mittelangeln.policy.i18n import _
from mittelangeln.policy.interfaces import IArbeitsplatzBox


# The name of the quick search's field (also in box_search.pt).
SEARCH_FIELD = "suche"


class SignedInView(BrowserView):
    """Pages for signed-in people only: anonymous visitors are sent to the
    login (Plone's answer to Unauthorized), never shown an empty page."""

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("Mein Arbeitsplatz: nur für angemeldete Benutzer")
        return self.index()


class ArbeitsplatzView(SignedInView):
    def boxes(self):
        """[{id, title, wide, html}] of the boxes that concern the user, in order."""
        found = sorted(getAdapters((self.context, self.request), IArbeitsplatzBox), key=lambda item: item[1].order)
        return [
            {"id": name, "title": box.title, "wide": box.wide, "html": box.render()}
            for name, box in found
            if box.available()
        ]

    def fullname(self):
        user = api.user.get_current()
        return user.getProperty("fullname") or user.getUserName()


class AktensucheView(SignedInView):
    """Results of the quick search for an Aktenzeichen or a Flurstück."""

    field = SEARCH_FIELD

    def text(self):
        value = self.request.form.get(SEARCH_FIELD, "")
        return normalized(value if isinstance(value, str) else "")

    @cached_property
    def found(self):
        return find_records(self.text())

    def results(self):
        return self.found[:MAX_RESULTS]

    def more(self):
        return len(self.found) > MAX_RESULTS

    def search_form(self):
        return QuickSearchBox(self.context, self.request).render()

    def state_label(self, brain):
        return state_title(brain.portal_type, brain.review_state)

    def plots(self, brain):
        """ "Satrup, Flur 3: 45/2, 45/3" of a Bauakte, else None."""
        if brain.portal_type != "Bauakte":
            return None
        bauakte = brain.getObject()
        return _(
            "${gemarkung}, Flur ${flur}: ${plots}",
            mapping={
                "gemarkung": bauakte.gemarkung,
                "flur": bauakte.flur,
                "plots": ", ".join(bauakte.flurstuecke or []),
            },
        )
