"""Dexterity content types of the E-Akte: Aktenplan -> Akte -> Vorgang -> Dokument."""

# The Akte types: Akte and its special kinds.
AKTE_TYPES = ("Akte", "Bauakte", "Personalakte")
