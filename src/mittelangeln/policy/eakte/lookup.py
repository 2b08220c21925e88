"""Akten and Vorgänge by Aktenzeichen, as every channel looks them up.

What a clerk types is the beginning of an Aktenzeichen: "632.1/0042" finds
the Akte and its Vorgänge ("632.1/0042-1" …), "632.1/00" the Akten 0001 to
0099, "632.1/" every Akte of the position. Results come sorted by
Aktenzeichen, as far as the user may see them (the catalog's security
filter).

The index ``aktenzeichen_prefixes`` holds every beginning of every
Aktenzeichen, so whatever was typed is one key and one set of hits: a range
over the FieldIndex ``aktenzeichen`` loads one set per Aktenzeichen in it
(hundreds for "632.1/" on a cold cache). Only the first page is sorted (by
the FieldIndex, with a sort limit) and materialised.
"""

from collections import namedtuple

from plone import api


PREFIXES = "aktenzeichen_prefixes"
SORT = "aktenzeichen"

Found = namedtuple("Found", "total brains")


def find_by_aktenzeichen(text, limit, **filters):
    """Found(total, brains): the visible records whose Aktenzeichen begins
    with ``text`` (all of them counted), the first ``limit`` of them sorted
    by Aktenzeichen. ``filters`` are further catalog criteria (portal_type …)."""
    text = (text or "").strip()
    if not text or limit < 1:
        return Found(0, [])
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog(**{PREFIXES: text}, sort_on=SORT, sort_limit=limit, **filters)
    return Found(found.actual_result_count, list(found[:limit]))
