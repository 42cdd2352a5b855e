"""worker.statements and worker.terms: when two quotes are one statement, and what a search finds."""

from __future__ import annotations

import pytest

from worker.statements import MIN_WORDS, fingerprints, same_statement, statement_id, words
from worker.terms import query_terms, terms
from worker.timeline import buckets

LONG = "Wir werden die Verhandlungen über einen Waffenstillstand fortsetzen, solange es nötig ist"


@pytest.mark.parametrize(
    "other",
    [
        f"„{LONG}.“",
        f"»{LONG}«",
        f'"{LONG}"',
        "Wir  werden die\nVerhandlungen über einen Waffenstillstand fortsetzen , solange es nötig ist",
        "wir werden die Verhand-\nlungen über einen Waffen\u00adstillstand fortsetzen, solange es nötig ist",
        "Wir werden die Verhandlungen über einen Waffenstillstand fortsetzen",  # a partial quote
        "die Verhandlungen über einen Waffenstillstand fortsetzen, solange es nötig ist",
    ],
)
def test_one_statement_however_it_is_printed(other: str) -> None:
    assert same_statement(words(LONG), words(other))
    assert fingerprints(words(LONG)) & fingerprints(words(other)), "candidates must meet through a fingerprint"


@pytest.mark.parametrize(
    "other",
    [
        "Wir werden die Verhandlungen über einen Waffenstillstand abbrechen, solange es nötig ist",
        "Nein",
        "Verhandlungen über einen Waffenstillstand",  # contained, but shorter than MIN_WORDS
        "Wir werden die Verhandlungen fortsetzen, solange es nötig ist",  # words left out: not contiguous
    ],
)
def test_different_or_too_short_quotes_stay_apart(other: str) -> None:
    assert not same_statement(words(LONG), words(other))


def test_a_hyphen_before_und_is_no_line_break() -> None:
    assert words("die Ein- und\nAusreise") == ("die", "ein", "und", "ausreise")


def test_short_quotes_get_an_id_per_occurrence_long_ones_one_id() -> None:
    assert len(words("Das ist falsch")) < MIN_WORDS
    assert statement_id("t", words("Das ist falsch"), "a:0") != statement_id("t", words("Das ist falsch"), "b:0")
    assert statement_id("t", words(LONG), "a:0") == statement_id("t", words(f"»{LONG}«"), "b:3")
    assert statement_id("t", words(LONG), "a:0") != statement_id("u", words(LONG), "a:0")


def test_search_terms_are_lemmas_and_compound_parts() -> None:
    found = terms("Die Waffenlieferungen an die Regierung gehen weiter, sagte der Regierungssprecher.")
    assert {"waffenlieferung", "waffe", "lieferung", "regierung", "regierungssprecher", "sprecher"} <= found
    assert not found & {"die", "der", "an"}
    assert query_terms("Lieferungen der Waffen") == ["lieferung", "waffe"]
    assert query_terms("die und der") == []


def test_timeline_buckets_cover_the_range_without_gaps() -> None:
    days = [("2025-03-04", 1, 1, 0, 0.6), ("2025-03-05", 1, 0, 1, -0.4), ("2025-03-18", 1, 0, 0, 0.0)]
    weeks = buckets(days, "week")
    assert [b.start for b in weeks] == ["2025-03-03", "2025-03-10", "2025-03-17"]
    assert [(b.statements, b.hawkish, b.conciliatory, b.neutral) for b in weeks] == [
        (2, 1, 1, 0),
        (0, 0, 0, 0),
        (1, 0, 0, 1),
    ]
    assert weeks[0].mean_stance == pytest.approx(0.1) and weeks[1].mean_stance == 0.0
    january = 1736726400.0  # 2025-01-13
    months = buckets(days, "month", low=january)
    assert [b.start for b in months] == ["2025-01-01", "2025-02-01", "2025-03-01"]
    assert len(buckets(days, "day")) == 15  # 4 to 18 March
    assert [(b.start, b.statements) for b in buckets(days, "month", low=1741737600.0)] == [("2025-03-01", 1)]
    assert buckets([], "week") == []
