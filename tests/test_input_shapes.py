"""Extraction work stays linear in the document's length on every input shape.

Hostile or unlucky documents repeat one name thousands of times, or open quotation after quotation
without closing any. Each stage that used to scan everything seen so far for every new item is
checked here by counting its steps, not by timing it (timings are in `python -m bench.scaling`).
"""

from __future__ import annotations

import importlib

import pytest

import extractor.quotes as quotes_stage
from extractor.marks import MAX_OPEN, find_quote_marks
from extractor.quotes.candidates import Candidate
from extractor.quotes.mentions import Mention
from extractor.quotes.resolve import LOOKBACK_ENTITIES, EntityIndex
from extractor.types import Span

resolve_module = importlib.import_module("extractor.quotes.resolve")  # the package re-exports resolve()


def _name(text: str, start: int, *, role: str | None = None) -> Mention:
    return Mention(span=Span(text, start, start + len(text)), kind="name", name=text, role=role, head=None)


def _pronoun(start: int) -> Mention:
    return Mention(span=Span("er", start, start + 2), kind="pronoun", name=None, role=None, head=None, gender="Masc")


def test_unclosed_opening_marks_give_a_bounded_number_of_quotations():
    marks = find_quote_marks("„Wort " * 10_000)
    assert 1 <= len(marks) <= MAX_OPEN
    # ... while real nesting still pairs: „… ‚…‘ …“
    nested = find_quote_marks("Er sagte: „Sie nannte es ‚einen Fehler‘, und das stimmt.“")
    assert [m.depth for m in nested] == [0, 1]


def _counted(monkeypatch, module, name: str) -> dict[str, int]:
    """Count the calls of module.name from now on (the function itself still does the work)."""
    calls = {"n": 0}
    original = getattr(module, name)

    def counting(*args):
        calls["n"] += 1
        return original(*args)

    monkeypatch.setattr(module, name, counting)
    return calls


def test_a_name_repeated_thousands_of_times_is_one_entity_found_in_constant_steps(monkeypatch):
    calls = _counted(monkeypatch, resolve_module, "_edit_distance")
    idx = EntityIndex()
    n = 20_000
    for i in range(n):
        idx.add(_name("Hans Müller" if i % 2 else "Müller", i * 30))
    assert len(idx.entities) == 1
    entity = idx.entities[0]
    assert entity.canonical == "Hans Müller" and entity.surname == "Müller"
    assert calls["n"] <= n  # one first name to compare with, whatever the count of mentions
    speaker, _ = resolve_module.resolve(_pronoun(n * 30), idx)
    assert speaker == "Hans Müller"


def test_the_canonical_name_is_the_fullest_then_most_frequent_then_earliest():
    idx = EntityIndex()
    for i, form in enumerate(["Scholz", "Olaf Scholz", "Olaf Scholz", "Scholz"]):
        idx.add(_name(form, i * 20))
    assert [e.canonical for e in idx.entities] == ["Olaf Scholz"]
    idx = EntityIndex()
    for i, form in enumerate(["Anna Berg", "Anne Berg", "Anne Berg"]):  # a typo joins; the frequent wins
        idx.add(_name(form, i * 20))
    assert [e.canonical for e in idx.entities] == ["Anne Berg"]


def test_a_look_back_visits_a_bounded_number_of_entities():
    idx = EntityIndex()
    for i in range(5_000):  # 5,000 different organisations, no person among them
        idx.add(_name(f"Verband{i}", i * 20))
    seen = list(idx.before(5_000 * 20))
    assert len(seen) == LOOKBACK_ENTITIES
    assert seen[0][1].canonical == "Verband4999"  # most recent first
    assert resolve_module.resolve(_pronoun(5_000 * 20), idx) == (None, None)


def test_deduplication_compares_each_candidate_with_its_neighbours_only(monkeypatch):
    calls = _counted(monkeypatch, quotes_stage, "_overlap")
    n = 5_000

    def cand(start: int, end: int, via: str) -> Candidate:
        return Candidate(
            start=start,
            end=end,
            kind="indirect",
            cue=None,
            mention=None,
            sentence=0,
            paragraph=0,
            confidence=0.5,
            via=via,
        )

    spans = [cand(i * 100, i * 100 + 60, "cue") for i in range(n)]
    copies = [cand(i * 100 + 5, i * 100 + 55, "continuation") for i in range(n)]  # each inside one span
    kept = quotes_stage.dedupe(spans + copies)
    assert [(c.start, c.end) for c in kept] == [(c.start, c.end) for c in spans]
    assert calls["n"] <= 3 * n


@pytest.mark.slow
def test_a_repetitive_document_resolves_every_report_to_its_speaker(extractor):
    text = "Hans Müller sagte am Montag, er komme morgen nach Berlin. " * 300
    found = extractor.extract(text)
    assert len(found) == 300
    assert {q.speaker for q in found} == {"Hans Müller"}
