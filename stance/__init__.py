"""Stance of a quote, from hawkish (+1: threat, force, escalation) to conciliatory (-1: talks, restraint).

    >>> import stance
    >>> stance.score(quote)            # extractor.types.Quote -> stance.types.Stance
    >>> stance.scorer.Scorer().score_text("Man strebe keinen Krieg an")
"""
from __future__ import annotations


def score(quote):
    """Stance of an extractor.types.Quote with the shared default Scorer (built on first use)."""
    from stance.scorer import default_scorer

    return default_scorer().score(quote)
