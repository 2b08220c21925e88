"""Plone's German translation of the live search's summary line ("found 4
results") gives both words as "gefunden" ("gefunden 4 gefunden"); the
JavaScript translations for our layer correct them."""

from plone.app.content.browser.i18n import i18njs


CORRECTIONS = {("widgets", "de"): {"found": "Gefunden:", "results": "Treffer"}}


class WidgetTranslations(i18njs):
    def _gettext_catalog(self, domain, language):
        catalog = super()._gettext_catalog(domain, language)
        corrections = CORRECTIONS.get((domain, (language or "").split("-")[0]))
        if catalog is None or not corrections:
            return catalog
        return {**catalog, **corrections}  # the cached catalog stays as it is
