"""Breadcrumbs that show the Aktenzeichen of Akten and Vorgänge."""

from Products.CMFPlone.browser.navigation import PhysicalNavigationBreadcrumbs


class AktenzeichenBreadcrumbs(PhysicalNavigationBreadcrumbs):
    def customize_entry(self, entry, context):
        super().customize_entry(entry, context)
        aktenzeichen = getattr(context, "aktenzeichen", None)
        if aktenzeichen:
            entry["Title"] = f"{aktenzeichen} {entry['Title']}"
