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
