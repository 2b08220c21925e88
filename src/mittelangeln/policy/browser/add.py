"""Add forms of Akte and Bauakte that show the Aktenzeichen to expect."""

from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView

from mittelangeln.policy.numbering import preview_next_aktenzeichen


class AkteAddForm(DefaultAddForm):
    @property
    def description(self):
        key = getattr(self.context, "key", None)
        if not key:
            return super().description
        return (
            f"Voraussichtliches Aktenzeichen: {preview_next_aktenzeichen(key)} "
            "(endgültig vergeben beim Speichern)."
        )


class AkteAddView(DefaultAddView):
    form = AkteAddForm
