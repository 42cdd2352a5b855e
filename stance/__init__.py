"""Stance of a quote, from hawkish (+1: threat, force, escalation) to conciliatory (-1: talks, restraint).

    >>> import stance
    >>> stance.score(quote)            # extractor.types.Quote -> stance.types.Stance
    >>> stance.scorer.Scorer().score_text("Man strebe keinen Krieg an")

Importing is cheap: the German parser is loaded on the first score.
"""
from __future__ import annotations

from stance import scorer
from stance.scorer import LEXICON_VERSION, Scorer
from stance.types import Evidence, Stance

__all__ = ["Evidence", "LEXICON_VERSION", "Scorer", "Stance", "score", "scorer"]


def score(quote) -> Stance:
    """Stance of an extractor.types.Quote with the shared default Scorer (built on first use)."""
    return scorer.default_scorer().score(quote)
