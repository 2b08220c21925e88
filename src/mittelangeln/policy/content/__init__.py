"""Dexterity content types of the E-Akte: Aktenplan -> Akte -> Vorgang -> Dokument."""
