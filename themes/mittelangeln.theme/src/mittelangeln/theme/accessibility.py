"""Plone markup made accessible (WCAG 2.1 AA, BITV 2.0), registered in
accessibility.zcml: the edit toolbar's pin controls named as buttons and
file inputs labelled by their field's label. The templates are upstream
copies with the change named at their top (Plone's i18n domain, so they
live here and not in the policy, whose templates speak its own domain)."""

from plone.app.layout.viewlets.toolbar import ToolbarViewletManager
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class AccessibleToolbar(ToolbarViewletManager):
    custom_template = ViewPageTemplateFile("templates/toolbar.pt")
