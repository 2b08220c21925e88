"""Dexterity content types of the E-Akte: Aktenplan -> Akte -> Vorgang -> Dokument."""

# The Akte types: Akte and its special kinds.
AKTE_TYPES = ("Akte", "Bauakte", "Personalakte")

# Plan positions, Akten and Vorgänge can hold thousands of items, listed and
# sorted through the catalog: an explicit order would only cost memory and
# make concurrent additions conflict on the shared order list.
UNORDERED = "unordered"
