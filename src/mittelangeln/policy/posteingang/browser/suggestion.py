"""The learned routing suggestion on the Eingang (a viewlet above its
content): "Vorschlag: Fachdienst … (87 %) · Vorgang … (64 %)" with
"Übernehmen" and "Korrigieren" for those who may process the Eingang; the
buttons POST to @@routing-suggestion-decide (suggestion/feedback.py)."""

from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import Forbidden

from mittelangeln.policy import settings
from mittelangeln.policy.i18n import _
from mittelangeln.policy.posteingang.files import IntakeRefused
from mittelangeln.policy.posteingang.suggestion import feedback
from mittelangeln.policy.posteingang.suggestion.training import suggest


CLOSED = ("erledigt",)


def percent(confidence):
    return f"{round(100 * confidence)} %"


class SuggestionViewlet(ViewletBase):
    index = ViewPageTemplateFile("templates/routing_suggestion.pt")

    def update(self):
        super().update()
        self.suggestion = None
        eingang = self.context
        if eingang.filed_in or api.content.get_state(eingang) in CLOSED:
            return
        found = suggest(eingang)
        if not found["fachdienst"] and not found["vorgang_uid"]:
            return
        self.suggestion = found
        self.may_decide = api.user.has_permission("Modify portal content", obj=eingang)
        self.fachdienst = found["fachdienst"]
        self.fachdienst_percent = percent(found["fachdienst_confidence"]) if self.fachdienst else ""
        self.is_current = self.fachdienst is not None and self.fachdienst == eingang.fachdienst
        self.vorgang = None
        if found["vorgang_uid"]:
            brain = api.content.find(UID=found["vorgang_uid"])[0]
            self.vorgang = {
                "title": brain.Title,
                "aktenzeichen": getattr(brain.getObject(), "aktenzeichen", "") or "",
                "url": brain.getURL(),
                "percent": percent(found["vorgang_confidence"]),
            }
        self.fachdienste = [name for name in settings.fachdienste() if name != self.fachdienst]
        self.action = f"{eingang.absolute_url()}/@@routing-suggestion-decide"
        self.filing_url = f"{eingang.absolute_url()}/@@zu-den-akten"

    def render(self):
        return self.index() if self.suggestion else ""


class Decide(BrowserView):
    """POST: accept or correct the suggestion, then back to the Eingang."""

    def __call__(self):
        eingang = self.context
        request = self.request
        back = eingang.absolute_url()
        if request.method != "POST":
            api.portal.show_message(_("Please use the buttons of the suggestion."), request, type="error")
            return request.response.redirect(back)
        try:
            CheckAuthenticator(request)
        except Forbidden:
            api.portal.show_message(_("The form was out of date; please try again."), request, type="error")
            return request.response.redirect(back)
        found = suggest(eingang)
        decision = request.form.get("decision", "")
        try:
            if decision == "accept-fachdienst" and found["fachdienst"]:
                feedback.route_to(eingang, found["fachdienst"], found["fachdienst"])
                message = _("The Eingang went to ${name}.", mapping={"name": found["fachdienst"]})
            elif decision == "correct-fachdienst":
                chosen = request.form.get("fachdienst", "")
                feedback.route_to(eingang, chosen, found["fachdienst"])
                message = _("The Eingang went to ${name}.", mapping={"name": chosen})
            elif decision == "accept-vorgang" and found["vorgang_uid"]:
                vorgang = feedback.file_into(eingang, found["vorgang_uid"])
                message = _("The Eingang was filed in ${title}.", mapping={"title": vorgang.Title()})
            else:
                raise IntakeRefused(_("There is no suggestion to accept."))
        except IntakeRefused as refused:
            api.portal.show_message(str(refused), request, type="error")
            return request.response.redirect(back)
        api.portal.show_message(message, request)
        if not api.user.has_permission("View", obj=eingang):
            back = api.portal.get().absolute_url()
        return request.response.redirect(back)
