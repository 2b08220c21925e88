"""What a Wiedervorlage can be set on."""

from zope.interface import Interface


class IWiedervorlageTarget(Interface):
    """Eingang, Vorgang and Akte (Bauakte and Personalakte included); the
    classes are marked in configure.zcml."""
