"""Deterministic sentence-boundary repair over Stanza's tokens.

Stanza's splitter, trained on ~2,000 sentences, cuts where a reader would not: between a quotation's
closing mark and the „, sagte X“ that follows, before a closing mark, after news abbreviations and
ordinal dates; and it glues lines that are separate paragraphs. This pass regroups the same tokens:
  merge  when the next sentence starts with a closing quotation mark, a comma-like mark or a lower-case
         word, or the previous one is a short label ending in a colon, or ends with a known
         abbreviation, an initial or a day-of-month ordinal;
  split  at line breaks, and after sentence-final punctuation + closing mark followed by a capital.
Tokens are never changed, only the boundaries between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.marks import OPENERS, closing_mark_offsets
from extractor.words.data import word_list

ABBREVIATIONS = word_list("abbreviations.txt")
MONTHS = frozenset(
    "januar februar märz april mai juni juli august september oktober november dezember "
    "jan feb mär apr jun jul aug sep sept okt nov dez".split()
)
CONTINUATION_START = frozenset(",;)]}–-")
_ORDINAL = re.compile(r"^\d{1,2}\.$")
_INITIAL = re.compile(r"^[A-ZÄÖÜ]\.$")
_FINAL = frozenset(".!?")
#: A dateline opening an article or paragraph („TEHERAN, 25. Feb. –“, „Kiew (dpa) –“, with its own
#: full stop „BERLIN, 5. Juli (AP).“): no part of the sentence after it, and the parser would take
#: its place name for that sentence's subject.
DATELINE = re.compile(
    r"(?:[A-ZÄÖÜ]{2,}(?:[ -][A-ZÄÖÜ]{2,})*,\s*\d{1,2}\.\s*[A-ZÄÖÜ][a-zäöü]{2,}\.?"
    r"(?:\s*\d{4})?(?:\s*\([\w/ ]{1,12}\))?|[A-ZÄÖÜ][\w-]+(?: [A-ZÄÖÜ][\w-]+)?"
    r"\s*\((?:[a-z]{2,5}|[A-Z]{2,5}|Reuters)(?:/[\w]{1,6})*\)\s*[–—-])\s*(?:[–—-]\s*|\.\s+)?"
)


@dataclass(frozen=True)
class Tok:
    """A surface token as the tokenizer found it, with the words MWT expanded it into."""

    text: str
    start: int
    end: int
    words: tuple[str, ...]


def _ends_with_abbreviation(sent: list[Tok], text: str) -> bool:
    last = sent[-1]
    if last.text == "." and len(sent) >= 2 and sent[-2].end == last.start:
        candidate = (sent[-2].text + ".").lower()
        prev = sent[-2].text
    elif last.text.endswith("."):
        candidate, prev = last.text.lower(), last.text[:-1]
    else:
        return False
    if candidate in ABBREVIATIONS or _INITIAL.match(prev + "."):
        return True
    # multi-part abbreviations spread over tokens: "z. B." / "u. a."
    tail = text[max(0, last.end - 6) : last.end].lower().replace(" ", "")
    return any(tail.endswith(a) for a in ABBREVIATIONS if "." in a[:-1])


def _ordinal_before_month(sent: list[Tok], nxt: list[Tok]) -> bool:
    last = sent[-1].text
    if last == "." and len(sent) >= 2 and sent[-2].text.isdigit() and len(sent[-2].text) <= 2:
        last = sent[-2].text + "."
    if not _ORDINAL.match(last):
        return False
    first = nxt[0].text.lower().rstrip(".")
    return first in MONTHS or not nxt[0].text[:1].isupper()


def _should_merge(prev: list[Tok], nxt: list[Tok], text: str, closers: set[int]) -> bool:
    if "\n" in text[prev[-1].end : nxt[0].start]:
        return False
    first = nxt[0]
    if first.start in closers:
        return True
    if first.text[:1] in CONTINUATION_START:
        return True
    if first.text[:1].islower() and first.text[:1].isalpha():
        return True
    if prev[-1].text[-1:].isalnum():
        return True  # no sentence ends on a bare word within a line („… mit General | Dan Caine …“)
    if prev[-1].text == ":" and len(prev) <= 4:
        return True  # a label („Heitmeyer:“, „Im Blickpunkt:“) belongs to what it introduces
    return _ends_with_abbreviation(prev, text) or _ordinal_before_month(prev, nxt)


def _split_points(sent: list[Tok], text: str, closers: set[int]) -> list[int]:
    """Indexes i where a new sentence starts at sent[i]."""
    cuts = []
    for i in range(1, len(sent)):
        prev, cur = sent[i - 1], sent[i]
        gap = text[prev.end : cur.start]
        if "\n" in gap or (
            prev.start in closers
            and i >= 2
            and sent[i - 2].text[-1:] in _FINAL
            and gap
            and (cur.text[:1].isupper() or cur.text[:1] in OPENERS)
        ):
            cuts.append(i)
    return cuts


def repair(sentences: list[list[Tok]], text: str) -> list[list[Tok]]:
    """Regroup tokens into sentences where a reader puts the boundaries."""
    closers = closing_mark_offsets(text)
    split: list[list[Tok]] = []
    for sent in sentences:
        if not sent:
            continue
        last = 0
        for cut in _split_points(sent, text, closers):
            split.append(sent[last:cut])
            last = cut
        split.append(sent[last:])
    merged: list[list[Tok]] = []
    for sent in split:
        if merged and _should_merge(merged[-1], sent, text, closers):
            merged[-1] = merged[-1] + sent
        else:
            merged.append(list(sent))
    return [piece for sent in merged for piece in _without_dateline(sent, text)]


def _without_dateline(sent: list[Tok], text: str) -> list[list[Tok]]:
    """A sentence opening with a dateline, as the dateline and the sentence after it."""
    m = DATELINE.match(text, sent[0].start)
    if m is None:
        return [sent]
    cut = next((i for i, t in enumerate(sent) if t.start >= m.end()), 0)
    return [sent[:cut], sent[cut:]] if cut else [sent]


#: Marks where an over-long run of words is best cut: after a clause's punctuation.
_SOFT_BREAKS = frozenset(",;:–")


def bound(sentences: list[list[Tok]], max_words: int) -> list[list[Tok]]:
    """Sentences of at most `max_words` words: a longer run (a table, a list, scraped text without full
    stops) is cut into pieces, each after the last comma, semicolon or colon in its second half, else
    at the limit. Every later stage looks at one sentence at a time, so this keeps all of them linear
    in the document's length; a reported clause is then at most one piece long."""
    out: list[list[Tok]] = []
    for sent in sentences:
        piece: list[Tok] = []
        words = 0
        for tok in sent:
            if piece and words + len(tok.words) > max_words:
                cut = next(
                    (i + 1 for i in range(len(piece) - 1, len(piece) // 2, -1) if piece[i].text in _SOFT_BREAKS),
                    len(piece),
                )
                out.append(piece[:cut])
                piece = piece[cut:]
                words = sum(len(t.words) for t in piece)
            piece.append(tok)
            words += len(tok.words)
        if piece:
            out.append(piece)
    return out
