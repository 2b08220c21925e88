"""Plone markup made accessible (WCAG 2.1 AA, BITV 2.0), registered in
accessibility.zcml. Plone's own templates render unchanged; the few
attributes they lack are added to what they rendered, so a Plone upgrade
brings its templates along and only these rules need checking:

- the edit toolbar's pin/unpin controls are links without href, on which
  aria-label is not allowed (axe: aria-prohibited-attr): they are named as
  buttons;
- a file or image field's label points at the widget's id, which Plone
  gives the wrapper around the file input (axe: label): the input takes the
  widget's id and the wrapper "<id>-widget"; after a failed sending the
  input is marked invalid and refers to its error message ("<id>-error",
  the policy's form error template)."""

import os
import re

import plone.app.z3cform
from plone.app.layout.viewlets.toolbar import ToolbarViewletManager
from z3c.form.widget import WidgetTemplateFactory


PIN_CONTROLS = re.compile(r'<a(\s+class="toolbar-(?:collapse|expand)")')
Z3CFORM_TEMPLATES = os.path.join(os.path.dirname(plone.app.z3cform.__file__), "templates")


class AccessibleToolbar(ToolbarViewletManager):
    def render(self):
        return PIN_CONTROLS.sub(r'<a role="button"\1', super().render())


def label_the_file_input(html, widget):
    """Plone's file widget markup with the widget's id on the file input."""
    wrapper, upstream_input = f'id="{widget.id}"', f"{widget.id}-input"
    html = html.replace(wrapper, f'id="{widget.id}-widget"', 1)
    html = html.replace(upstream_input, widget.id)  # the input and the scripts that switch it
    if widget.error:
        html = html.replace(
            f'id="{widget.id}"', f'id="{widget.id}" aria-invalid="true" aria-describedby="{widget.id}-error"', 1
        )
    return html


class LabelledFileInput:
    """Widget template factory: plone.app.z3cform's template for a file or
    image input (``filename``), its output passed through
    ``label_the_file_input``."""

    def __init__(self, filename):
        self.upstream = WidgetTemplateFactory(os.path.join(Z3CFORM_TEMPLATES, filename), "text/html")

    def __call__(self, context, request, form, field, widget):
        template = self.upstream(context, request, form, field, widget)
        return lambda view, **options: label_the_file_input(template(view, **options), view)


file_input = LabelledFileInput("file_input.pt")
image_input = LabelledFileInput("image_input.pt")
