"""compat.refuse_malformed_dates: unreadable dates are field errors, not 500s."""

import datetime

import pytest
from plone.app.z3cform.converters import DateWidgetConverter
from z3c.form.converter import FormatterValidationError
from zope import schema

from mittelangeln.policy.compat import REPLACED


MALFORMED = ["2016-05", "1-2-3-4", ["2016-05-04", "2015-01-01"], "2016-13-01", "abc"]


class Converter(DateWidgetConverter):
    def __init__(self):
        self.field = schema.Date(__name__="birthday")


@pytest.mark.parametrize("value", MALFORMED[:3])
def test_upstream_raises_what_z3c_form_does_not_catch(value):
    with pytest.raises((TypeError, AttributeError)):
        REPLACED["DateWidgetConverter.toFieldValue"](Converter(), value)


@pytest.mark.parametrize("value", MALFORMED)
def test_malformed_dates_become_field_errors(value):
    with pytest.raises(FormatterValidationError, match="Bitte geben Sie ein gültiges Datum an"):
        Converter().toFieldValue(value)


def test_valid_and_empty_dates_are_read_as_before():
    assert Converter().toFieldValue("2016-05-04") == datetime.date(2016, 5, 4)
    assert Converter().toFieldValue("") is None
