"""Add forms of Akte and Bauakte that show the Aktenzeichen to expect."""

from plone import api
from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView

from mittelangeln.policy.eakte.numbering import preview_next_aktenzeichen
from mittelangeln.policy.i18n import _


class AkteAddForm(DefaultAddForm):
    def update(self):
        super().update()
        key = getattr(self.context, "key", None)
        if key and not self.request.form.get("form.buttons.save"):
            api.portal.show_message(
                _(
                    "Expected Aktenzeichen: ${aktenzeichen} (assigned for good on saving).",
                    mapping={"aktenzeichen": preview_next_aktenzeichen(key)},
                ),
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
                _("There is only one Aktenplan per portal, and it lies at the top level."),
                self.request,
                type="error",
            )
            target = existing[0].getURL() if existing else portal.absolute_url()
            return self.request.response.redirect(target)
        return super().__call__()
