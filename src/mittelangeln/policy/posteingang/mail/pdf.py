"""The body of an e-mail as the Eingang's main document: a PDF with a text
layer (textpdf.text_pdf, ghostscript), a header block Von/An/Datum/Betreff
first, the body's line breaks kept, long lines wrapped. It is converted,
shown in the page viewer and found by full text like a scanned letter."""

import textwrap
import unicodedata

from mittelangeln.policy.textpdf import text_pdf


WIDTH = 68  # characters per line of text_pdf (14 pt Helvetica) on A4
LINES_PER_PAGE = 32
MAX_PAGES = 300
# text_pdf writes these as ae, oe, … itself; every other letter is reduced
# to its base letter (é → e) before it would become a "?".
KEEP = set("äöüÄÖÜß")


def ascii_letters(text):
    result = []
    for character in text:
        if character.isascii() or character in KEEP:
            result.append(character)
        else:
            base = unicodedata.normalize("NFKD", character).encode("ascii", "ignore").decode("ascii")
            result.append(base or "?")
    return "".join(result)


def wrapped(lines):
    for line in lines:
        line = ascii_letters(line.replace("\t", "    "))
        if not line.strip():
            yield ""
            continue
        yield from textwrap.wrap(line, WIDTH, break_long_words=True, break_on_hyphens=False, drop_whitespace=True)


def message_pdf(header, body, truncated_note):
    """The PDF of ``header`` (pairs of label and value) and ``body`` (text);
    a body longer than MAX_PAGES pages ends with ``truncated_note``."""
    lines = list(wrapped(f"{label}: {value}" for label, value in header))
    lines += ["", *wrapped(body.split("\n"))]
    room = MAX_PAGES * LINES_PER_PAGE
    if len(lines) > room:
        lines = lines[: room - 1] + [ascii_letters(truncated_note)]
    pages = [lines[start : start + LINES_PER_PAGE] for start in range(0, len(lines), LINES_PER_PAGE)]
    return text_pdf(pages)
