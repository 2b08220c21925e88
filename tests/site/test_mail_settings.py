"""Mail settings come from the environment; bad values change nothing."""

import pytest
from plone import api

from mittelangeln.policy.site.mail import MailSettingsError
from mittelangeln.policy.site.mail import apply_mail_settings


def test_environment_sets_smtp(portal):
    applied = apply_mail_settings(
        {
            "MITTELANGELN_SMTP_HOST": "mail.amt-mittelangeln.de",
            "MITTELANGELN_SMTP_PORT": "587",
            "MITTELANGELN_MAIL_FROM": "intranet@amt-mittelangeln.de",
        }
    )
    assert applied["plone.smtp_port"] == 587
    assert api.portal.get_registry_record("plone.smtp_host") == "mail.amt-mittelangeln.de"
    assert api.portal.get_registry_record("plone.smtp_port") == 587
    assert api.portal.get_registry_record("plone.email_from_address") == "intranet@amt-mittelangeln.de"


def test_unset_variables_keep_registry(portal):
    api.portal.set_registry_record("plone.smtp_host", "relay.example.org")
    assert apply_mail_settings({}) == {}
    assert api.portal.get_registry_record("plone.smtp_host") == "relay.example.org"


@pytest.mark.parametrize("port", ["fünfundzwanzig", "0", "70000"])
def test_bad_port_is_rejected_in_german_and_nothing_is_stored(portal, port):
    before = api.portal.get_registry_record("plone.smtp_host")
    with pytest.raises(MailSettingsError) as error:
        apply_mail_settings({"MITTELANGELN_SMTP_HOST": "neu.example.org", "MITTELANGELN_SMTP_PORT": port})
    assert "MITTELANGELN_SMTP_PORT" in str(error.value)
    assert "ungültig" in str(error.value)
    assert api.portal.get_registry_record("plone.smtp_host") == before
