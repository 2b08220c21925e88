"""Vocabularies of the E-Akte types."""

from plone import api
from plone.i18n.normalizer import idnormalizer
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

FACHDIENSTE_RECORD = "mittelangeln.fachdienste"


def _vocabulary(pairs):
    # Tokens go into HTML forms and URLs: keep them ASCII.
    return SimpleVocabulary(
        [SimpleTerm(value=value, token=idnormalizer.normalize(value), title=title) for value, title in pairs]
    )


ARCHIVAL_VALUES = _vocabulary(
    [
        ("A", "archivwürdig (A)"),
        ("B", "bewerten (B)"),
        ("V", "vernichten (V)"),
    ]
)

DOKUMENT_KINDS = _vocabulary(
    [
        ("eingang", "Eingang"),
        ("ausgang", "Ausgang"),
        ("vermerk", "Vermerk"),
        ("bescheid", "Bescheid"),
        ("plan", "Plan"),
        ("antrag", "Antrag"),
        ("stellungnahme", "Stellungnahme"),
        ("sonstiges", "Sonstiges"),
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
    """The Amt's Fachdienste, maintained in the registry."""
    names = api.portal.get_registry_record(FACHDIENSTE_RECORD, default=None) or []
    return _vocabulary([(name, name) for name in names])
