"""IBAN check (ISO 13616 mod-97) for bank details in applications."""

import re

from zope.interface import Invalid

from mittelangeln.policy.i18n import _


# Lengths of the IBANs applicants here use; other countries: 15 to 34 characters.
LENGTHS = {"DE": 22, "DK": 18, "AT": 20, "NL": 18}
SHAPE = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")


class IBANInvalid(Invalid):
    __doc__ = _("The IBAN is not valid.")


def normalize(value):
    return re.sub(r"\s+", "", value or "").upper()


def is_valid(value):
    iban = normalize(value)
    if not SHAPE.match(iban) or len(iban) != LENGTHS.get(iban[:2], len(iban)):
        return False
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


def check_iban(value):
    """Field constraint: True or IBANInvalid with a German message."""
    if not is_valid(value):
        raise IBANInvalid(_("The IBAN is not valid: check the country code, length and check digits."))
    return True
