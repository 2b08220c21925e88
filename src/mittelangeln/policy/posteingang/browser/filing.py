"""@@zu-den-akten: search an Akte or Vorgang (Aktenzeichen, title or
Flurstück), choose it, confirm; the Eingang's documents move there
(posteingang.filing)."""

import transaction
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView

from mittelangeln.policy.eakte.content.akte import IAkte
from mittelangeln.policy.eakte.content.vorgang import IVorgang
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.posteingang import filing


MAX_QUERY = 200


class ZuDenAktenView(BrowserView):
    error = None

    def __call__(self):
        form = self.request.form
        if "form.buttons.cancel" in form:
            return self.request.response.redirect(self.context.absolute_url())
        if "form.buttons.file" in form:
            CheckAuthenticator(self.request)
            try:
                vorgang = filing.file_eingang(self.context, self.chosen(), self.value("vorgang_title"))
            except filing.FilingRefused as refused:
                transaction.doom()  # nothing of a refused filing is kept
                self.error = str(refused)
                self.request.response.setStatus(400)
                return self.index()
            api.portal.show_message(
                translate(
                    _(
                        "Filed in ${aktenzeichen} ${title}",
                        mapping={"aktenzeichen": vorgang.aktenzeichen, "title": vorgang.Title()},
                    )
                ),
                self.request,
            )
            return self.request.response.redirect(self.context.absolute_url())
        return self.index()

    def value(self, name):
        value = self.request.form.get(name, "")
        return value.strip() if isinstance(value, str) else ""

    def refusal(self):
        problem = filing.refusal(self.context)
        return translate(problem) if problem is not None else None

    def query(self):
        return self.value("suche")[:MAX_QUERY]

    def searched(self):
        return bool(self.query())

    def targets(self):
        """The Akten and Vorgänge found, as rows for the choice."""
        rows = []
        for brain in self.found():
            rows.append(
                {
                    "uid": brain.UID,
                    "label": f"{brain.aktenzeichen or ''} {brain.Title}".strip(),
                    "url": brain.getURL(),
                    "kind": brain.Type,
                    "is_akte": brain.portal_type != "Vorgang",
                    "checked": brain.UID == self.value("target"),
                }
            )
        return rows

    def found(self):
        """find_targets, each Akte followed by its Vorgänge (a Flurstück
        names the Bauakte; the letter usually belongs to one of its Vorgänge)."""
        found, seen = [], set()
        for brain in filing.find_targets(self.query()):
            inner = []
            if brain.portal_type != "Vorgang":
                inner = api.content.find(path={"query": brain.getPath(), "depth": 1}, portal_type="Vorgang")
            for item in (brain, *inner):
                if item.UID not in seen:
                    seen.add(item.UID)
                    found.append(item)
        return found

    def chosen(self):
        """The chosen Akte or Vorgang; a refusal when there is none the user may see."""
        uid = self.value("target")
        brains = (
            api.content.find(UID=uid, object_provides=[IAkte.__identifier__, IVorgang.__identifier__]) if uid else []
        )
        if not brains:
            raise filing.FilingRefused(_("Choose an Akte or a Vorgang from the search results."))
        return brains[0].getObject()
