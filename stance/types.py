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
    score: float  # in [-1, 1]
    label: StanceLabel
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "label": self.label,
            "score": round(self.score, 3),
            "evidence": [{"text": e.text, "start": e.start, "end": e.end, "weight": round(e.weight, 3),
                          "note": e.note} for e in self.evidence],
        }
