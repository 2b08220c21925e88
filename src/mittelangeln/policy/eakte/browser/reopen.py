"""Reopening a closed Akte needs a reason, recorded in the workflow history."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView

from mittelangeln.policy.i18n import _


class ReopenAkteForm(BrowserView):
    """Target of the workflow menu's "Wiedereröffnen" (see the transition's URL)."""

    error = None

    def __call__(self):
        form = self.request.form
        if not self.can_reopen():
            api.portal.show_message(_("This Akte cannot be reopened."), self.request, type="error")
            return self.request.response.redirect(self.context.absolute_url())
        if "form.buttons.reopen" in form:
            CheckAuthenticator(self.request)
            reason = (form.get("reason") or "").strip()
            if not reason:
                self.error = _("Please give a reason for reopening.")
                return self.index()
            api.content.transition(obj=self.context, transition="reopen", comment=reason)
            api.portal.show_message(_("The Akte is open again."), self.request)
            return self.request.response.redirect(self.context.absolute_url())
        if "form.buttons.cancel" in form:
            return self.request.response.redirect(self.context.absolute_url())
        return self.index()

    def can_reopen(self):
        workflow = api.portal.get_tool("portal_workflow")
        return any(t["id"] == "reopen" for t in workflow.getTransitionsFor(self.context))
