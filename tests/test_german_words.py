"""One home for German word classes (foundation.german, extractor.words): the quotation marks pair up,
and every stage that looks for quotations accepts every style German, Swiss and English text prints.

Sentences are written for these tests; none is taken from an article.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.document import Document
from extractor.marks import CLOSERS, MARKS, OPENERS, find_quote_marks
from extractor.quotes.candidates import trim
from extractor.selection import TAG, SpeechScreen
from extractor.sentences import Tok, repair
from foundation.german import (
    ASCII_SINGLE,
    CLOSING_MARKS,
    DOUBLE_MARKS,
    OPENING_MARKS,
    QUOTATION_MARKS,
    QUOTATION_PAIRS,
    SINGLE_MARKS,
)
from stance.frame import frame_of

#: The pairs the extractor reads: every style but the typewriter apostrophe (see extractor.marks).
PAIRS = [(o, c) for o, c in QUOTATION_PAIRS if o != ASCII_SINGLE]
#: A single-mark style the way newsrooms use it: inside a double-mark quotation of its family.
OUTER = {"‚": ("„", "“"), "›": ("»", "«"), "‹": ("«", "»"), "‘": ("“", "”")}


def swiss(opening: str) -> str:
    """Guillemets point the way the text's first double guillemet does: a Swiss text has «…» in it."""
    return "«Ja», rief er. " if opening == "‹" else ""


def tokens(text: str) -> list[Tok]:
    return [Tok(m.group(), m.start(), m.end(), (m.group(),)) for m in re.finditer(r"\w+|[^\w\s]", text)]


def test_the_parse_stage_imports_nothing_from_the_quote_stage():
    code = "import sys, extractor.parsing, extractor.selection, extractor.sentences; print(*sys.modules)"
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert "extractor.words" in run.stdout.split()
    assert [m for m in run.stdout.split() if m.startswith("extractor.quotes")] == []


def test_every_opening_mark_has_its_closing_partner():
    for opening, closing in QUOTATION_PAIRS:
        assert opening in OPENING_MARKS and closing in CLOSING_MARKS
        assert (opening in SINGLE_MARKS) == (closing in SINGLE_MARKS)  # ‚ closes with ‘, never with “
    every_mark = {m for pair in QUOTATION_PAIRS for m in pair}
    assert every_mark == QUOTATION_MARKS and every_mark == OPENING_MARKS | CLOSING_MARKS
    assert every_mark == SINGLE_MARKS | DOUBLE_MARKS and not SINGLE_MARKS & DOUBLE_MARKS
    assert every_mark == set("„“‚‘»«›‹\"'“”‘’")


def test_the_extractor_reads_every_mark_but_the_apostrophe():
    assert ASCII_SINGLE not in MARKS and MARKS | {ASCII_SINGLE} == QUOTATION_MARKS
    assert ASCII_SINGLE not in OPENERS and OPENERS | {ASCII_SINGLE} == OPENING_MARKS
    assert ASCII_SINGLE not in CLOSERS and CLOSERS | {ASCII_SINGLE} == CLOSING_MARKS
    assert find_quote_marks("Merz' Antrag und Macron's Plan kamen spät.") == []


@pytest.mark.parametrize("opening,closing", PAIRS)
def test_the_mark_finder_pairs_every_style(opening, closing):
    text = f"{swiss(opening)}Sie sagte: {opening}Wir bleiben hier{closing}, und ging."
    assert [(text[q.content_start : q.content_end], q.closed) for q in find_quote_marks(text)][-1] == (
        "Wir bleiben hier",
        True,
    )


@pytest.mark.parametrize("opening,closing", [(o, c) for o, c in PAIRS if o in OUTER])
def test_a_single_mark_quotation_nests_inside_a_double_one(opening, closing):
    outer_open, outer_close = OUTER[opening]
    text = f"Er sagte: {outer_open}Das nennen sie {opening}Verteidigung{closing}, es ist Krieg.{outer_close}"
    marks = find_quote_marks(text)
    assert [(text[q.content_start : q.content_end], q.depth, q.single) for q in marks] == [
        (f"Das nennen sie {opening}Verteidigung{closing}, es ist Krieg.", 0, False),
        ("Verteidigung", 1, True),
    ]


@pytest.mark.parametrize("opening,closing", PAIRS)
def test_a_report_loses_the_marks_around_it(opening, closing):
    text = f"{opening}Wir bleiben hier{closing}"
    assert trim(Document(text), 0, len(text)) == (1, len(text) - 1)


@pytest.mark.parametrize("opening,closing", PAIRS)
def test_a_sentence_never_starts_with_a_closing_mark(opening, closing):
    text = f"{swiss(opening)}{opening}Die Lage ist ernst.{closing} , sagte er."
    toks = tokens(text)
    cut = next(i for i, t in enumerate(toks) if t.start == text.index("ernst.") + len("ernst."))
    sentences = [text[s[0].start : s[-1].end] for s in repair([toks[:cut], toks[cut:]], text)]
    assert sentences[-1].endswith(f"{opening}Die Lage ist ernst.{closing} , sagte er.")


@pytest.mark.parametrize("opening,closing", PAIRS)
def test_the_speech_screen_tags_a_quotation_after_a_colon_lead(opening, closing):
    text = f"Der Minister sagte: {opening}Wir bleiben hier, solange es nötig ist.{closing}"
    toks = tokens(text)
    cut = next(i for i, t in enumerate(toks) if t.text == ":") + 1
    assert SpeechScreen({}).select(text, [toks[:cut], toks[cut:]], [0, 0]).get(1) == TAG


@pytest.mark.parametrize("opening,closing", QUOTATION_PAIRS)
def test_the_stance_frame_ends_its_sentence_after_every_closing_mark(opening, closing):
    document = f"Er sagte: {opening}Wir bleiben hier.{closing} Dann ging er nach Hause."
    start = document.index("Wir")
    frame = frame_of(document, start, start + len("Wir bleiben hier"))
    assert frame.text == f"Er sagte: {opening}Wir bleiben hier."  # not the next sentence


@pytest.mark.slow
@pytest.mark.parametrize("opening,closing", PAIRS)
def test_a_direct_quote_in_every_style_has_its_speaker(extractor, opening, closing):
    text = f"{swiss(opening)}{opening}Wir werden nicht nachgeben{closing}, sagte Bundeskanzler Olaf Scholz am Montag."
    (q,) = [q for q in extractor.extract(text) if "nachgeben" in q.text]
    assert (q.kind, q.text, q.speaker, q.cue.text) == ("direct", "Wir werden nicht nachgeben", "Olaf Scholz", "sagte")
