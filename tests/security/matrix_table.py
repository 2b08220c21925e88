"""The permission matrix: who (a user in exactly one group, or anonymous)
may see which kind of content, through which channel.

One row per content kind. A kind added later gets its row here by adding one
line to KINDS (with a builder in matrix_content.py); the probes of every
principal and channel follow from it.
"""

from dataclasses import dataclass
from dataclasses import field


# principal key -> group id (None: anonymous); the Fachdienst groups are the
# demo registry's four, looked up by position in matrix_content.
FACHDIENST_KEYS = ("fd1", "fd2", "fd3", "fd4")
PRINCIPALS = (
    "anonym",
    *FACHDIENST_KEYS,
    "leitung",
    "personalstelle",
    "redaktion",
    "ehrenamt",
    "familienzentrum",
    "jugendzentrum",
    "kita",
    "datenschutz",
    "poststelle",
    "registratur",
)
# The Poststelle and the Registratur are staff too (groups.STAFF_MEMBER_GROUPS).
STAFF = frozenset({*FACHDIENST_KEYS, "leitung", "personalstelle", "poststelle", "registratur"})
NEWS_READERS = STAFF | {"redaktion", "ehrenamt", "familienzentrum", "jugendzentrum", "kita"}
EVERYONE = frozenset(PRINCIPALS)
POST_WORK = frozenset({"poststelle"})
POST = POST_WORK | {"leitung"}
# The Aussonderung area: the Registratur works there, Leitung reads.
REGISTRATUR = frozenset({"registratur", "leitung"})

# Channels: every kind is probed through these ...
ITEM_CHANNELS = ("html", "rest_get", "catalog", "rest_search", "search_page", "sitemap", "listing", "feed")
# Channels that show the item inside its container (container page, its RSS feed).
CONTAINER_CHANNELS = ("listing", "feed")
# ... and kinds with a (converted) file through these as well.
FILE_CHANNELS = ("download", "page_image", "page_thumbnail", "page_text", "viewer_search")
# Kinds with ``editors`` are probed for changes too: the edit form, and for
# containers of Dokumente (an Eingang) the form adding one.
EDIT_CHANNELS = ("modify",)
ADD_CHANNELS = ("add_dokument",)


@dataclass(frozen=True)
class Kind:
    key: str  # also the name of its builder in matrix_content
    visible_to: frozenset
    has_file: bool = False
    # Who sees the item in its container's listing, if not visible_to
    # (an item shared with someone who may not open its container).
    listed_for: frozenset = None
    token: str = field(default="")
    # Files of Dokumente get page images and text (documentviewer); other
    # files are probed by their download only.
    converted: bool = True
    # Who may change the item (edit form) and, if it holds Dokumente, add
    # one; None: not probed.
    editors: frozenset = None
    holds_dokumente: bool = False

    def expected(self, principal, channel):
        if channel in EDIT_CHANNELS + ADD_CHANNELS:
            return principal in self.editors
        if channel in CONTAINER_CHANNELS and self.listed_for is not None:
            return principal in self.listed_for
        return principal in self.visible_to

    def channels(self):
        channels = ITEM_CHANNELS
        if self.has_file:
            channels += FILE_CHANNELS if self.converted else ("download",)
        if self.editors is not None:
            channels += EDIT_CHANNELS + (ADD_CHANNELS if self.holds_dokumente else ())
        return channels

    @property
    def search_word(self):
        return self.token or f"mx{self.key.replace('_', '')}x"


KINDS = (
    Kind("akte", STAFF),
    # The scanned Dokument's word is only in its OCR text (image-only PDF).
    Kind("akte_dokument", STAFF, has_file=True, token="Grundwasserabsenkung"),
    Kind("vorgang_geteilt", STAFF | {"ehrenamt"}, listed_for=STAFF),
    Kind("bauakte", STAFF),
    Kind("bauakte_dokument", STAFF, has_file=True),
    Kind("personalakte", frozenset({"personalstelle", "leitung"})),
    Kind("personalakte_dokument", frozenset({"personalstelle", "leitung"}), has_file=True),
    Kind("fachdienst_entwurf", frozenset({"fd3"}), has_file=True),
    Kind("fachdienst_intern", frozenset({"fd3", "leitung"}), has_file=True),
    Kind("aktuelles", NEWS_READERS),
    Kind("intranet", STAFF | {"redaktion"}, has_file=True),
    Kind("oeffentlich", EVERYONE, has_file=True),
    Kind("oeffentlich_eingereicht", frozenset({"redaktion"})),
    Kind("familienzentrum", frozenset({"familienzentrum", "leitung"}), has_file=True),
    Kind("jugendzentrum", frozenset({"jugendzentrum", "leitung"}), has_file=True),
    Kind("kita", frozenset({"kita", "leitung"}), has_file=True),
    Kind("sitzungsunterlage", STAFF | {"ehrenamt", "redaktion"}, has_file=True),
    # Online form submissions: only the Fachdienst that handles them, and Leitung.
    Kind("maengelmeldung", frozenset({"fd4", "leitung"})),
    # A category the form routes to Fachdienst III: it works on the report too
    # (found by search; the area's listing is Fachdienst IV's).
    Kind("maengelmeldung_umgeleitet", frozenset({"fd3", "fd4", "leitung"}), listed_for=frozenset({"fd4", "leitung"})),
    Kind("formular_veroeffentlicht", EVERYONE),
    Kind("formular_entwurf", frozenset({"redaktion"})),
    # Public documents for the homepage (Öffentlich → Dokumente).
    Kind("bekanntmachung", EVERYONE, has_file=True, converted=False),
    Kind("bekanntmachung_entwurf", frozenset({"redaktion"}), has_file=True, converted=False),
    Kind("bekanntmachung_archiviert", frozenset({"redaktion"})),
    Kind("schuelerbefoerderungsantrag", frozenset({"fd3", "leitung"})),
    # The digital Posteingang: the Poststelle reads and edits every Eingang,
    # the Fachdienst (and person) it is routed or forwarded to works on it,
    # Leitung reads all; the area's listing is the Poststelle's and Leitung's.
    Kind("eingang_iv", POST | {"fd4"}, listed_for=POST, editors=POST_WORK | {"fd4"}, holds_dokumente=True),
    # Its letter: a Dokument inside the Eingang (download, page viewer).
    Kind("eingang_iv_dokument", POST | {"fd4"}, has_file=True, editors=POST_WORK | {"fd4"}),
    Kind("eingang_iii", POST | {"fd3"}, listed_for=POST, editors=POST_WORK | {"fd3"}, holds_dokumente=True),
    # Routed to a person (a clerk of Fachdienst II) without a Fachdienst.
    Kind("eingang_person", POST | {"fd2"}, listed_for=POST, editors=POST_WORK | {"fd2"}, holds_dokumente=True),
    # Routed to IV, forwarded to III: III works on it, IV no longer sees it.
    Kind("eingang_weitergeleitet", POST | {"fd3"}, listed_for=POST, editors=POST_WORK | {"fd3"}, holds_dokumente=True),
    Kind("eingang_weitergeleitet_dokument", POST | {"fd3"}, has_file=True, editors=POST_WORK | {"fd3"}),
    # Not yet routed: the Poststelle's (and Leitung's) only.
    Kind("eingang_neu", POST, listed_for=POST, editors=POST_WORK, holds_dokumente=True),
    # Filed into IV's Vorgang: done, read-only for everyone but administrators.
    Kind("eingang_erledigt", POST | {"fd4"}, listed_for=POST, editors=frozenset(), holds_dokumente=True),
    # The Aussonderung (issue 18): a process with the archive; a Löschprotokoll
    # nobody may edit (its workflow: not even administrators).
    Kind("aussonderung", REGISTRATUR),
    Kind("loeschprotokoll", REGISTRATUR, editors=frozenset()),
    # An Akte in a process is locked: everyone on staff still reads it, nobody
    # (not even its Fachdienst or the administrators) edits it or adds a Dokument.
    Kind("akte_in_aussonderung", STAFF, editors=frozenset(), holds_dokumente=True),
)
