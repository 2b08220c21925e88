"""Wiedervorlage: a resubmission date with a note on an Eingang, a Vorgang or
an Akte, for a person or a group. Stored on the object (store.py), found
through the catalog (indexers.py, queries.py), reminded of by a daily e-mail
digest sent exactly once per person and day (digest.py)."""
