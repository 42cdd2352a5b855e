"""Scoring one quote: lexicon cues (stance.lexicon), reshaped by scope rules (stance.rules).

score = tanh(sum of the cues' signed weights), in [-1, 1]: -1 conciliatory, +1 hawkish. tanh keeps
one strong cue near its weight (0.6 -> 0.54) and lets agreeing cues add up without leaving [-1, 1].
Label thresholds: score >= HAWKISH_AT (0.15) is hawkish, score <= -CONCILIATORY_AT (-0.15)
conciliatory, else neutral. At 0.15 one clear cue decides (talks -0.45, a weapon +0.35, a communication
channel -0.3), while one weak topic word (a soldier or a drone +0.1, an envoy -0.15, tanh(0.15) < 0.15)
or cues that cancel out stay neutral.
"""
from __future__ import annotations

import logging
import math
import threading
from typing import Callable

from stance.lexicon import Lexicon, default_lexicon, lexicon_digest
from stance.rules import apply_rules, find_cues
from stance.tokens import analyze
from stance.types import Evidence, Stance

HAWKISH_AT = 0.15
CONCILIATORY_AT = 0.15
#: Bumped when the rules change in a way that changes scores; part of LEXICON_VERSION.
RULES_VERSION = "1"
#: Identifies lexicon + modifier files + rules: caches of scores must be keyed on it.
LEXICON_VERSION = f"{lexicon_digest()}-r{RULES_VERSION}"
PROCESSORS = ["tokenize", "mwt", "pos", "lemma", "depparse"]

log = logging.getLogger(__name__)
Parse = Callable[[str], object]


def _default_parse() -> Parse | None:
    """The German Stanza pipeline from the environment, or None (token rules only) if it is missing.

    One torch thread unless $ZITAT_THREADS says otherwise: the worker forks work horses, and a child
    forked from a parent with a multi-thread OpenMP pool deadlocks on its first tensor operation."""
    from extractor.nlp import ModelConfig, build_pipeline, default_threads
    from zitat.exceptions import ModelNotAvailable

    try:
        return build_pipeline(ModelConfig.from_env(threads=default_threads() or 1), PROCESSORS)
    except ModelNotAvailable as e:
        log.warning("stance: no parser (%s); scoring with token-window rules only", e)
        return None


class Scorer:
    """Scores quotes. `parse` is a callable text -> stanza Document (or None for token rules only);
    by default the German pipeline is built on first use, since loading takes seconds."""

    def __init__(self, parse: Parse | None = None, lexicon: Lexicon | None = None):
        self._parse = parse
        self._loaded = parse is not None
        self._lock = threading.Lock()
        self._parse_lock = threading.Lock()
        self.lexicon = lexicon or default_lexicon()

    def _parser(self) -> Parse | None:
        if not self._loaded:
            with self._lock:
                if not self._loaded:
                    self._parse = _default_parse()
                    self._loaded = True
        return self._parse

    def score(self, quote) -> Stance:
        """Stance of an extractor.types.Quote; evidence offsets are document offsets."""
        return self.score_text(quote.text, offset=quote.start)

    def score_many(self, quotes) -> list[Stance]:
        """Stances of a document's quotes, their texts parsed in one batch (faster than one by one,
        the same parses)."""
        docs = self._parse_all([q.text for q in quotes])
        return [self._score(q.text, q.start, doc) for q, doc in zip(quotes, docs)]

    def score_text(self, text: str, offset: int = 0) -> Stance:
        """Stance of `text`; `offset` is where it starts in its document (added to evidence offsets)."""
        return self._score(text, offset, self._parse_all([text])[0])

    def _parse_all(self, texts: list[str]) -> list[object | None]:
        parse = self._parser()
        wanted = [t for t in texts if t and t.strip()]
        if parse is None or not wanted:
            return [None] * len(texts)
        with self._parse_lock:  # a Stanza pipeline is not safe to share between threads
            if isinstance(parse, _stanza_pipeline_class()):
                import stanza

                parsed = iter(parse([stanza.Document([], text=t) for t in wanted]))
            else:
                parsed = iter([parse(t) for t in wanted])
        return [next(parsed) if t and t.strip() else None for t in texts]

    def _score(self, text: str, offset: int, doc) -> Stance:
        if not text or not text.strip():
            return Stance(0.0, "neutral", [])
        toks = analyze(text, doc)
        cues = find_cues(toks, self.lexicon)
        cues += apply_rules(toks, cues, self.lexicon)
        evidence = []
        for c in sorted(cues, key=lambda c: (c.first, c.how)):
            if c.weight == 0:
                continue
            start, end = toks[c.first].start, toks[c.last].end
            note = "; ".join([c.entry.note or c.entry.category] + c.notes[1:])  # notes[0] is the category
            evidence.append(Evidence(text[start:end], offset + start, offset + end, c.weight, note))
        total = sum(e.weight for e in evidence)
        score = math.tanh(total)
        return Stance(score, label_for(score), evidence)


def _stanza_pipeline_class() -> type:
    try:
        from stanza import Pipeline
    except ImportError:  # pragma: no cover - stanza is a dependency
        return type(None)
    return Pipeline


def label_for(score: float) -> str:
    if score >= HAWKISH_AT:
        return "hawkish"
    if score <= -CONCILIATORY_AT:
        return "conciliatory"
    return "neutral"


_default: Scorer | None = None
_default_lock = threading.Lock()


def default_scorer() -> Scorer:
    global _default
    with _default_lock:
        if _default is None:
            _default = Scorer()
        return _default
