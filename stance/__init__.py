"""Stance of a quote, from hawkish (+1: threat, force, escalation) to conciliatory (-1: talks, restraint).

    >>> import stance
    >>> stance.score(quote, document, sentences)   # a quote, its article and the extractor's parse
    >>> stance.scorer.Scorer().score_text("Man strebe keinen Krieg an")   # token rules, no parse

stance parses nothing itself: it reads the parse the extractor made of the article (one parse per
process; worker.extraction.Pipeline puts the two together). Without a parse the token-window rules
score alone.
"""

from __future__ import annotations

from stance import scorer
from stance.scorer import LEXICON_VERSION, Scorer
from stance.types import Evidence, Stance

__all__ = ["Evidence", "LEXICON_VERSION", "Scorer", "Stance", "score", "scorer"]


def score(quote, document: str | None = None, sentences=None) -> Stance:
    """Stance of an extractor.types.Quote with the shared default Scorer (see Scorer.score_many)."""
    return scorer.default_scorer().score(quote, document, sentences)
