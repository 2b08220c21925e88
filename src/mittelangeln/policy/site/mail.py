"""Mail settings of the portal, taken from the environment.

Operators set the SMTP relay in the environment of `make run` (or the service
unit) instead of through the web, so that a restore or a fresh install comes
up with the right relay. Variables that are not set leave the registry alone.
"""

import os

from plone import api

from mittelangeln.policy.i18n import TranslatedError
from mittelangeln.policy.i18n import _


ENVIRONMENT_TO_REGISTRY = {
    "MITTELANGELN_SMTP_HOST": ("plone.smtp_host", str),
    "MITTELANGELN_SMTP_PORT": ("plone.smtp_port", int),
    "MITTELANGELN_SMTP_USER": ("plone.smtp_userid", str),
    "MITTELANGELN_SMTP_PASSWORD": ("plone.smtp_pass", str),
    "MITTELANGELN_MAIL_FROM": ("plone.email_from_address", str),
    "MITTELANGELN_MAIL_FROM_NAME": ("plone.email_from_name", str),
}


class MailSettingsError(TranslatedError, ValueError):
    """An environment variable holds a value the mail settings cannot take."""


def settings_from_environment(environ=None):
    """Registry values for every mail variable set in ``environ``."""
    environ = os.environ if environ is None else environ
    values = {}
    for variable, (record, convert) in ENVIRONMENT_TO_REGISTRY.items():
        raw = environ.get(variable, "").strip()
        if not raw:
            continue
        try:
            value = convert(raw)
        except ValueError:
            raise MailSettingsError(
                _(
                    "${variable}=${value} is invalid: a whole number is expected, e.g. 25 or 587.",
                    mapping={"variable": variable, "value": repr(raw)},
                )
            ) from None
        if convert is int and not 0 < value < 65536:
            raise MailSettingsError(
                _(
                    "${variable}=${value} is invalid: the port must be between 1 and 65535.",
                    mapping={"variable": variable, "value": repr(raw)},
                )
            )
        values[record] = value
    return values


def apply_mail_settings(environ=None):
    """Write the environment's mail settings into the registry; return them."""
    values = settings_from_environment(environ)
    for record, value in values.items():
        api.portal.set_registry_record(record, value)
    return values
