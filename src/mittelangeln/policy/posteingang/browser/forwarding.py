"""@@weiterleiten: an Eingang goes to another Fachdienst and/or person,
with a note kept in its history (posteingang.forwarding)."""

import transaction
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView

from mittelangeln.policy import settings
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.posteingang.files import IntakeRefused
from mittelangeln.policy.posteingang.forwarding import forward
from mittelangeln.policy.principals import principal_title
from mittelangeln.policy.principals import staff_members


MAX_NOTE = 2000


class WeiterleitenView(BrowserView):
    error = None

    def __call__(self):
        form = self.request.form
        if "form.buttons.cancel" in form:
            return self.request.response.redirect(self.context.absolute_url())
        if "form.buttons.forward" in form:
            CheckAuthenticator(self.request)
            problem = self.problem()
            if problem is None:
                try:
                    forward(
                        self.context,
                        fachdienst=self.value("fachdienst"),
                        responsible=self.value("responsible"),
                        note=self.value("note")[:MAX_NOTE],
                    )
                except IntakeRefused as refused:
                    problem = str(refused)
            if problem is not None:
                transaction.doom()
                self.error = problem
                self.request.response.setStatus(400)
                return self.index()
            api.portal.show_message(translate(_("The Eingang was forwarded.")), self.request)
            if self.still_sees():
                return self.request.response.redirect(self.context.absolute_url())
            # Forwarded elsewhere, the user no longer sees it: back to the list.
            return self.request.response.redirect(f"{api.portal.get().absolute_url()}/@@mein-posteingang")
        return self.index()

    def still_sees(self):
        """Does the user still see the Eingang? (The request's cache of
        local-role checks still knows the roles before forwarding.)"""
        roles = set(api.user.get_roles(obj=self.context))
        allowed = {role["name"] for role in self.context.rolesOfPermission("View") if role["selected"]}
        return bool(roles & allowed)

    def value(self, name):
        value = self.request.form.get(name, "")
        return value.strip() if isinstance(value, str) else ""

    def problem(self):
        if not self.may_forward():
            return translate(_("This Eingang cannot be forwarded now."))
        fachdienst, responsible = self.value("fachdienst"), self.value("responsible")
        if fachdienst and fachdienst not in settings.fachdienste():
            return translate(_("There is no Fachdienst “${name}”.", mapping={"name": fachdienst}))
        if responsible and responsible not in staff_members(self.context).by_value:
            return translate(_("Choose a person from the list."))
        return None

    def may_forward(self):
        workflow = api.portal.get_tool("portal_workflow")
        return any(t["id"] == "weiterleiten" for t in workflow.getTransitionsFor(self.context))

    def fachdienste(self):
        return settings.fachdienste()

    def people(self):
        return [(term.value, term.title) for term in staff_members(self.context)]

    def selected(self, name, value):
        return self.value(name) == value

    def current(self):
        """Who has it now: "Fachdienst IV – Bauen und Umwelt / Anke Hansen"."""
        responsible = self.context.responsible
        name = principal_title(responsible) if responsible else None
        return " / ".join(part for part in (self.context.fachdienst, name) if part) or "–"
