"""Mein Arbeitsplatz: the start page of signed-in users, one box per concern
(quick search, recent work, open submissions, news, links), each shown only
to those it concerns (``interfaces.IArbeitsplatzBox``)."""
