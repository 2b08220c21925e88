"""@@wiedervorlage on an Eingang, Vorgang or Akte: set a Wiedervorlage,
see the object's Wiedervorlagen, mark one done (also the target of the
"Erledigt" buttons of Meine Wiedervorlagen)."""

import datetime

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView

from mittelangeln.policy.formatting import german_date
from mittelangeln.policy.i18n import _
from mittelangeln.policy.principals import principal_title
from mittelangeln.policy.wiedervorlage import principals
from mittelangeln.policy.wiedervorlage import store
from mittelangeln.policy.wiedervorlage.listing import row


# Where "Erledigt" may send the user back to (a view of the site root).
RETURN_VIEWS = {"meine-wiedervorlagen", "mein-arbeitsplatz"}


def parse_date(text):
    """A day from the date field (2026-05-04) or typed the German way
    (04.05.2026); None when empty."""
    text = (text or "").strip() if isinstance(text, str) else ""
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise store.WiedervorlageInvalid(_("Please give the date as DD.MM.YYYY."), "datum")


def text_field(form, name):
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


class WiedervorlageForm(BrowserView):
    errors = None

    def __call__(self):
        self.errors = {}
        form = self.request.form
        if self.request.method == "POST" and "form.buttons.add" in form:
            CheckAuthenticator(self.request)
            return self.add()
        if self.request.method == "POST" and "form.buttons.done" in form:
            CheckAuthenticator(self.request)
            return self.done()
        return self.index()

    def add(self):
        form = self.request.form
        principal = text_field(form, "fuer")
        try:
            date = parse_date(form.get("datum"))
            entry = store.add(self.context, date, principal, text_field(form, "notiz"))
        except store.WiedervorlageInvalid as error:
            self.errors = {error.field: str(error)}
            self.request.response.setStatus(400)  # nothing stored, nothing committed
            return self.index()
        api.portal.show_message(
            _(
                "Wiedervorlage on ${date} for ${name} set.",
                mapping={"date": german_date(entry["date"]), "name": principal_title(principal)},
            ),
            self.request,
        )
        return self.request.response.redirect(self.context.absolute_url())

    def done(self):
        if store.mark_done(self.context, text_field(self.request.form, "erledigt")):
            api.portal.show_message(_("The Wiedervorlage is done."), self.request)
        else:
            api.portal.show_message(_("This Wiedervorlage was already done."), self.request, type="warning")
        return self.request.response.redirect(self.return_url())

    def return_url(self):
        back = text_field(self.request.form, "zurueck")
        if back in RETURN_VIEWS:
            return f"{api.portal.get().absolute_url()}/@@{back}"
        return f"{self.context.absolute_url()}/@@wiedervorlage"

    # For the template

    def value(self, name, default=""):
        return text_field(self.request.form, name) or default

    def chosen(self):
        """The person or group selected: the input, else the user."""
        return self.value("fuer", api.user.get_current().getId())

    def people(self):
        return principals.people(self.context)

    def groups(self):
        return principals.groups(self.context)

    def earliest(self):
        return store.local_today().isoformat()

    def rows(self):
        today = store.local_today()
        return [row(self.context, entry, today) for entry in store.entries(self.context)]
