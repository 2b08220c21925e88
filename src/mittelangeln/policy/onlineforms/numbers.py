"""Numbers typed into the public forms, read the same for every visitor.

z3c.form parses numbers by the request's locale: for a German browser
"1.5" is 15 (the dot groups thousands) and "54.6261" is 546261. A sibling
count or a coordinate must not depend on that, so the public forms take
numbers as text and read them here: ASCII digits, for decimals a point or a
comma, within the bounds of the stored field.
"""

import re

from zope import schema
from zope.interface import Invalid

from mittelangeln.policy.i18n import _


WHOLE = re.compile(r"^-?[0-9]{1,9}$")
DECIMAL = re.compile(r"^-?[0-9]{1,9}(?:[.,][0-9]{1,12})?$")


def parse(number_field, text):
    """The value of ``text`` for ``number_field`` (Int or Float), or Invalid."""
    text = text.strip()
    if isinstance(number_field, schema.Int):
        if not WHOLE.match(text):
            raise Invalid(_("Please give a whole number, e.g. 3."))
        value = int(text)
    else:
        if not DECIMAL.match(text):
            raise Invalid(_("Please give a number in decimal degrees, e.g. 54.6261."))
        value = float(text.replace(",", "."))
    lowest, highest = number_field.min, number_field.max
    if (lowest is not None and value < lowest) or (highest is not None and value > highest):
        raise Invalid(
            _("Please give a value between ${lowest} and ${highest}.", mapping={"lowest": lowest, "highest": highest})
        )
    return value


def as_text(number_field):
    """A text field for the form that accepts what ``parse`` reads."""

    def readable(text):
        parse(number_field, text)
        return True

    return schema.TextLine(
        __name__=number_field.__name__,
        title=number_field.title,
        description=number_field.description,
        required=number_field.required,
        constraint=readable,
    )


def read_numbers(values, number_fields):
    """``values`` with the texts of ``number_fields`` as numbers (None if empty)."""
    values = dict(values)
    for number_field in number_fields:
        text = values.get(number_field.__name__)
        values[number_field.__name__] = parse(number_field, text) if text else None
    return values
