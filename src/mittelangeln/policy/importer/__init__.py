"""Aktenplan import from CSV."""
