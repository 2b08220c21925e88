"""Text out of e-mails as they really arrive: header words in any (or a
wrong, or no) charset, bodies declared in one charset and written in
another, HTML-only messages. Nothing here raises on bad input; what cannot
be decoded becomes a replacement character."""

import codecs
import re
from email.header import decode_header
from html.parser import HTMLParser


# Declared charsets that are often wrong: text that is valid UTF-8 and
# declared as one of these was UTF-8 (mail programs mislabel it, the other
# way round it is practically never valid UTF-8).
WESTERN = re.compile(r"^(us-)?ascii$|^iso[-_]?8859[-_]?\d+$|^latin[-_]?\d$|^(windows|cp)[-_]?125\d$")


def decode_bytes(data, charset=None):
    """``data`` as text: the declared ``charset`` if it fits, else UTF-8,
    else Windows-1252, else with replacement characters."""
    charset = (charset or "").strip().strip("\"'").lower()
    candidates = ["utf-8", "cp1252"]
    if charset and not (WESTERN.match(charset) and not data.isascii()):
        candidates.insert(0, charset)
    elif charset:
        candidates.insert(1, charset)
    for candidate in candidates:
        try:
            codecs.lookup(candidate)
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError, ValueError):
            continue
    return data.decode("utf-8", errors="replace")


def header_text(raw):
    """A raw header value (8-bit bytes kept as surrogates, RFC 2047 words
    still encoded) as one line of text."""
    if raw is None:
        return ""
    raw = str(raw)
    if not raw.isascii():
        raw = decode_bytes(raw.encode("utf-8", errors="surrogateescape"))
    try:
        parts = decode_header(raw)
        text = "".join(part if isinstance(part, str) else decode_bytes(part, charset) for part, charset in parts)
    except Exception:  # a header the library cannot split: the text as it is
        text = raw
    return " ".join(text.replace("\x00", "").split())


BLOCKS = {
    "address",
    "article",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tr",
    "ul",
}
HIDDEN = {"head", "script", "style", "title", "template"}


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_endtag(self, tag):
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data.replace("\r", " ").replace("\n", " "))


def html_text(html):
    """The readable text of an HTML body: one line per paragraph, line
    break or list item; scripts, styles and the head left out."""
    collector = _TextCollector()
    try:
        collector.feed(html)
        collector.close()
    except Exception:  # the parser is lenient; this is the last resort
        return re.sub(r"<[^>]*>", " ", html)
    lines = [" ".join(line.split()) for line in "".join(collector.parts).split("\n")]
    return tidy_lines(lines)


def tidy_lines(lines):
    """Lines with trailing spaces removed and no more than one blank line in a row."""
    result = []
    for line in lines:
        line = line.rstrip()
        if line or (result and result[-1]):
            result.append(line)
    while result and not result[-1]:
        result.pop()
    return "\n".join(result)


def plain_text(text):
    """A text/plain body with uniform line ends and no control characters
    but tabs and line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(c for c in text if c in "\n\t" or c.isprintable())
    return tidy_lines(text.split("\n"))
