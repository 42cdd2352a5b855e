"""What the parser reads of a document: markup decoded or blanked out, encoded data blanked out.

Newsroom pipelines send scraped web pages as often as clean text. HTML tags, comments, <script> and
<style> bodies and character references (&bdquo;, &auml;, &#8222;) would otherwise be read as words —
a tag between a quotation and its „sagte“ hides the cue, „Au&szlig;enministerin“ is no word — and a
long run of ASCII without a space (base64, hex dumps, tracking URLs) is no prose and costs Stanza's
tokenizer time quadratic in the run's length (its URL and e-mail regular expressions): 50,000
characters of it took 45 s.

`mask(text)` gives a `Masked` text of the same length, in which
- a block-level tag („<p>“, „<br/>“, „</li>“) becomes a line break plus spaces, so paragraphs stay
  paragraphs; a comment, <script>/<style> element or declaration becomes spaces;
- an inline tag between two words' characters („Sch<b>olz</b>“) is dropped, one next to whitespace
  becomes spaces; a character reference becomes its character („Au&szlig;en“ → „Außen“). What is
  dropped this way is made up by spaces at the end of the word, so the word stays whole and every
  offset after it stays put;
- no-break and zero-width spaces become spaces; soft hyphens, zero-width joiners and byte order marks
  are dropped like inline tags (a soft hyphen in „Bundes-kanzler“ is gone: „Bundeskanzler“);
- a run of more than MAX_DATA_RUN characters without whitespace becomes spaces if it has a letter or
  a digit (a row of 1,000 quotation marks is left to the quote finders).

The quote finders run on `Masked.text`; `Masked.restore(quotes)` maps their offsets back to the input
and takes every text from it, so `document[q.start:q.end] == q.text` holds for the document as given
(HTML included) and plain text passes through untouched.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace

from extractor.types import Quote, Span

#: Longer runs without whitespace are data, not words (German compounds stay far below; a long URL
#: is no quotation either). A run of ASCII letters this long costs the tokenizer about 1 ms.
MAX_DATA_RUN = 200

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "head header hr html li main nav ol p pre section table tbody td tfoot th thead title tr ul".split()
)
_MARKUP = re.compile(
    r"(?P<blank><!--.*?(?:-->|\Z)"  # a comment (an unclosed one runs to the end)
    r"|<(?:script|style)\b[^>]*>.*?(?:</(?:script|style)\s*>|\Z)"  # code and style sheets, content too
    r"|<!(?:doctype|\[CDATA\[)[^>]*>)"
    r"|(?P<tag></?(?P<name>[a-z][a-z0-9-]{0,30})(?:\s[^<>]*)?/?>)"
    r"|(?P<ref>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<invisible>[\u00ad\u200c\u200d\u2060\ufeff]+)"  # soft hyphen, joiners, BOM: inside words
    r"|(?P<space>[\u00a0\u2007\u202f\u200b]+)",  # no-break and zero-width spaces
    re.IGNORECASE | re.DOTALL,
)
_NEEDS_MARKUP = re.compile(r"[<&\u00ad\u200c\u200d\u2060\ufeff\u00a0\u2007\u202f\u200b]")
_SPACE = re.compile(r"\s")
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{MAX_DATA_RUN + 1},}}")  # from a run's start only: linear


@dataclass(frozen=True)
class Masked:
    """The text the parser reads (`text`, as long as `original`) and the way back to the original."""

    original: str
    text: str
    #: Offsets in `text` of characters that moved (decoded references, words closed up over a dropped
    #: tag) -> the [start, end) in `original` they stand for. Every other offset is the same in both.
    moved: dict[int, tuple[int, int]] = field(default_factory=dict)

    def _start(self, i: int) -> int:
        return self.moved[i][0] if i in self.moved else i

    def _end(self, i: int) -> int:
        return self.moved[i - 1][1] if i - 1 in self.moved else i

    def _span(self, span: Span | None) -> Span | None:
        if span is None:
            return None
        start, end = self._start(span.start), self._end(span.end)
        return Span(self.original[start:end], start, end)

    def restore(self, quotes: list[Quote]) -> list[Quote]:
        """Quotes found in `text`, with offsets into and texts from the original document."""
        if self.text is self.original:
            return quotes
        out = []
        for q in quotes:
            start, end = self._start(q.start), self._end(q.end)
            out.append(
                replace(
                    q,
                    text=self.original[start:end],
                    start=start,
                    end=end,
                    cue=self._span(q.cue),
                    speaker_mention=self._span(q.speaker_mention),
                )
            )
        return out


class _Builder:
    """Writes the masked text piece by piece; `owed` counts characters dropped inside the current word."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.owed = 0
        self.moved: dict[int, tuple[int, int]] = {}

    def put(self, piece: str) -> None:
        self.parts.append(piece)
        self.length += len(piece)

    def pay(self) -> None:
        """At a word's end: the spaces that bring every later offset back to its original place."""
        if self.owed:
            self.put(" " * self.owed)
            self.owed = 0

    def literal(self, text: str, start: int, end: int) -> None:
        if not self.owed:
            self.put(text[start:end])
            return
        space = _SPACE.search(text, start, end)
        cut = space.start() if space else end
        for i in range(start, cut):  # the rest of the word, moved left by what was dropped
            self.moved[self.length] = (i, i + 1)
            self.put(text[i])
        if space:
            self.pay()
            self.put(text[cut:end])

    def decoded(self, chars: str, start: int, end: int) -> None:
        for ch in chars:
            self.moved[self.length] = (start, end)
            self.put(ch)
        self.owed += (end - start) - len(chars)


def _blank_data(text: str) -> str:
    def blank(m: re.Match) -> str:
        run = m.group(0)
        return " " * len(run) if any(c.isalnum() for c in run) else run

    return _LONG_RUN.sub(blank, text)


def _in_word(text: str, start: int, end: int) -> bool:
    return start > 0 and not text[start - 1].isspace() and end < len(text) and not text[end].isspace()


def mask(text: str) -> Masked:
    """The text as the parser should read it: same length, markup decoded or blanked, data blanked."""
    if not _NEEDS_MARKUP.search(text):
        blanked = _blank_data(text)
        return Masked(text, text if blanked == text else blanked)
    b = _Builder()
    last = 0
    for m in _MARKUP.finditer(text):
        start, end = m.span()
        b.literal(text, last, start)
        last = end
        if m.group("ref"):
            chars = html.unescape(m.group("ref"))
            if (
                chars == m.group("ref")
                or len(chars) > end - start
                or (any(c.isspace() for c in chars) and not chars.isspace())
            ):
                b.literal(text, start, end)  # not a reference HTML knows, or one that would not fit
            elif chars.isspace():  # &nbsp; and friends end a word like any space
                b.pay()
                b.put(chars + " " * (end - start - len(chars)))
            else:
                b.decoded(chars, start, end)
        elif m.group("space"):
            b.pay()
            b.put(" " * (end - start))
        elif m.group("invisible") or m.group("tag") and m.group("name").lower() not in _BLOCK_TAGS:
            if _in_word(text, start, end):
                b.owed += end - start  # „Sch<b>olz</b>“ reads „Scholz“
            else:
                b.pay()
                b.put(" " * (end - start))
        else:  # block-level tag, comment, code, declaration
            b.pay()
            b.put(("\n" if m.group("tag") else " ") + " " * (end - start - 1))
    b.literal(text, last, len(text))
    b.pay()
    masked = "".join(b.parts)
    assert len(masked) == len(text)
    masked = _blank_data(masked)
    if masked == text:
        return Masked(text, text)
    return Masked(text, masked, b.moved)
