"""The learned routing suggestion: a classifier trained on how earlier
Eingänge were routed (their Fachdienst) and filed (their Vorgang) proposes
both for a new Eingang (core.py: features and model, without Plone;
training.py: training in the portal; feedback.py: accepting or correcting)."""
