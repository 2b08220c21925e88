"""Form error messages with an id ("<widget id>-error", templates/error.pt)
that a field can refer to with aria-describedby (WCAG 1.3.1, 3.3.1),
registered for the policy's browser layer in accessibility.zcml."""

import os

from z3c.form.error import ErrorViewTemplateFactory


ErrorViewTemplate = ErrorViewTemplateFactory(
    os.path.join(os.path.dirname(__file__), "templates", "error.pt"), "text/html"
)
