"""Vocabularies of the E-Akte types."""

from plone.i18n.normalizer import idnormalizer
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

from mittelangeln.policy import settings
from mittelangeln.policy.i18n import _


def _vocabulary(pairs):
    # Tokens go into HTML forms and URLs: keep them ASCII.
    return SimpleVocabulary(
        [SimpleTerm(value=value, token=idnormalizer.normalize(value), title=title) for value, title in pairs]
    )


ARCHIVAL_VALUES = _vocabulary(
    [
        ("A", _("archive (A)")),
        ("B", _("appraise (B)")),
        ("V", _("destroy (V)")),
    ]
)

DOKUMENT_KINDS = _vocabulary(
    [
        ("eingang", _("Incoming")),
        ("ausgang", _("Outgoing")),
        ("vermerk", _("Note")),
        ("bescheid", _("Decision")),
        ("plan", _("Plan")),
        ("antrag", _("Application")),
        ("stellungnahme", _("Statement")),
        ("anlage", _("Attachment")),
        ("sonstiges", _("Other")),
    ]
)


# How an Eingang reached the Amt; online submissions count as "online".
EINGANG_CHANNELS = _vocabulary(
    [
        ("post", _("Letter/scan")),
        ("email", _("E-mail")),
        ("online", _("Online form")),
        ("upload", _("Upload")),
    ]
)


@provider(IVocabularyFactory)
def archival_values(context):
    return ARCHIVAL_VALUES


@provider(IVocabularyFactory)
def dokument_kinds(context):
    return DOKUMENT_KINDS


@provider(IVocabularyFactory)
def fachdienste(context):
    """The Amt's Fachdienste, maintained in the settings."""
    names = settings.fachdienste()
    return _vocabulary([(name, name) for name in names])


@provider(IVocabularyFactory)
def gemeinden(context):
    """The member municipalities of the Amt (and the Amt itself), in the settings."""
    names = settings.gemeinden()
    return _vocabulary([(name, name) for name in names])


@provider(IVocabularyFactory)
def eingang_channels(context):
    return EINGANG_CHANNELS
