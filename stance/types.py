"""Dataclasses at the stance scorer's seam."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

StanceLabel = Literal["hawkish", "neutral", "conciliatory"]


@dataclass(frozen=True)
class Evidence:
    """A word or phrase that moved the score: `text == document[start:end]` (document offsets)."""

    text: str
    start: int
    end: int
    weight: float  # signed contribution after negation, conditionals, intensifiers
    note: str = ""  # why, e.g. "negated", "conditional threat", "intensified"


@dataclass(frozen=True)
class Stance:
    """`evidence`: the cues that count (non-zero weight); `described`: cues that were read but take no
    position — topics nobody took a position on, reports of events, labels for another party —
    kept so a reader sees why they did not count (weight 0, `note` says why)."""

    score: float  # in [-1, 1]
    label: StanceLabel
    evidence: list[Evidence] = field(default_factory=list)
    described: list[Evidence] = field(default_factory=list)

    def explain(self) -> str:
        """One line: the label, the decisive words with their weights and the rules that set them."""
        if not self.evidence:
            why = "no position toward force taken"
            if self.described:
                why += "; described: " + ", ".join(f"{e.text} ({e.note})" for e in self.described)
            return f"{self.label} {self.score:+.2f}: {why}"
        decisive = sorted(self.evidence, key=lambda e: -abs(e.weight))
        parts = [f"{e.text} {e.weight:+.2f} [{e.note}]" for e in decisive]
        return f"{self.label} {self.score:+.2f} = tanh(sum): " + "; ".join(parts)

    def to_dict(self) -> dict:
        def row(e: Evidence) -> dict:
            return {"text": e.text, "start": e.start, "end": e.end, "weight": round(e.weight, 3), "note": e.note}

        return {
            "label": self.label,
            "score": round(self.score, 3),
            "evidence": [row(e) for e in self.evidence],
            "described": [row(e) for e in self.described],
            "explanation": self.explain(),
        }
