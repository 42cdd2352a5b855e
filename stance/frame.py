"""The frame of a quote: the sentence around it in its document.

A reported clause is a fragment of a sentence whose matrix can turn it around: in „Dies bedeute
jedoch nicht, „dass wir den Krieg suchen““ the quote is „dass wir den Krieg suchen“, and scored alone
it reads as wanting war. So a quote with a known document is scored on its whole sentence: the
matrix's negation, position words ("forderte, ...") and conditions act on the quote, while only the
cues inside the quote count (the reporter's words are not the speaker's stance).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from foundation.german import QUOTATION_MARKS

_MARKS = re.escape("".join(sorted(QUOTATION_MARKS)))
#: A sentence ends at . ! ? (and closing marks after them) followed by white space and a capital,
#: digit or opening mark; an abbreviation's full stop rarely is.
SENTENCE_END = re.compile(rf"[.!?][{_MARKS})\]]*\s+(?=[{_MARKS}(\[]?[A-ZÄÖÜ0-9])")
#: A frame reaches at most this far beyond the quote on either side.
MAX_REACH = 400


@dataclass(frozen=True)
class Frame:
    """`text` is the sentence(s) around the quote, starting at document offset `offset`;
    text[start:end] is the quote."""

    text: str
    offset: int
    start: int
    end: int


def frame_of(document: str, start: int, end: int) -> Frame:
    """The sentence(s) of `document` that contain document[start:end]."""
    lo = max(0, start - MAX_REACH)
    before = [m.end() for m in SENTENCE_END.finditer(document, lo, start)]
    s = before[-1] if before else (0 if lo == 0 else _word_start(document, lo))
    m = SENTENCE_END.search(document, max(end, start), min(len(document), end + MAX_REACH))
    e = m.start() + 1 if m else min(len(document), end + MAX_REACH)
    e = max(e, end)
    return Frame(document[s:e], s, start - s, end - s)


def _word_start(text: str, i: int) -> int:
    j = text.find(" ", i)
    return j + 1 if j != -1 else i
