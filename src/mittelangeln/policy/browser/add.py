"""Add forms of Akte and Bauakte that show the Aktenzeichen to expect."""

from plone import api
from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView

from mittelangeln.policy.numbering import preview_next_aktenzeichen


class AkteAddForm(DefaultAddForm):
    def update(self):
        super().update()
        key = getattr(self.context, "key", None)
        if key and not self.request.form.get("form.buttons.save"):
            api.portal.show_message(
                f"Voraussichtliches Aktenzeichen: {preview_next_aktenzeichen(key)} "
                "(endgültig vergeben beim Speichern).",
                self.request,
                type="info",
            )


class AkteAddView(DefaultAddView):
    form = AkteAddForm


class AktenplanAddView(DefaultAddView):
    """One Aktenplan per site, directly in the site root."""

    def __call__(self):
        portal = api.portal.get()
        existing = api.content.find(context=portal, portal_type="Aktenplan", unrestricted=True)
        if self.context != portal or existing:
            api.portal.show_message(
                "Es gibt nur einen Aktenplan je Portal, und er liegt auf der obersten Ebene.",
                self.request,
                type="error",
            )
            target = existing[0].getURL() if existing else portal.absolute_url()
            return self.request.response.redirect(target)
        return super().__call__()
