"""Scoring one quote: lexicon cues (stance.lexicon), reshaped by shifters (stance.rules), counted by who
takes a position (stance.positions).

score = tanh(sum of the counted cues' signed weights), in [-1, 1]: -1 conciliatory, +1 hawkish. A cue
counts in full where a position word or a rejection frames it (an act never less than ACT_ALONE), at
ACT_ALONE where it is an act said without one (a threat, "hart durchgreifen", or a topic that a verb
acts on: "Sanktionen verhängen", "Truppen abziehen"), at TOPIC_ALONE where it is only a topic, and not
at all where it describes events or another party. Label: score >= HAWKISH_AT hawkish, score <=
-CONCILIATORY_AT conciliatory.

TOPIC_ALONE is 0 by definition (issue 13, item 3: topic words decide nothing alone; the guideline
labels positions, not topics). The other three numbers are fitted by `python -m stance.tune --gold
stance_news.jsonl` on the "fit" half of the news gold (a fixed split by article,
stance.evaluate.half); the "check" half only confirms them.
"""
from __future__ import annotations

import logging
import math
import threading
from typing import Callable

from dataclasses import dataclass

from stance.frame import Frame, frame_of
from stance.lexicon import Lexicon, default_lexicon, lexicon_digest
from stance.positions import ACT, FRAMED, TOPIC, Status, statuses
from stance.rules import apply_rules, find_cues, flip
from stance.tokens import analyze
from stance.types import Evidence, Stance

HAWKISH_AT = 0.25
CONCILIATORY_AT = 0.2
ACT_ALONE = 1.0
TOPIC_ALONE = 0.0
#: Bumped when the rules change in a way that changes scores; part of LEXICON_VERSION.
RULES_VERSION = "6"
#: Identifies lexicon + modifier files + rules: caches of scores must be keyed on it.
LEXICON_VERSION = f"{lexicon_digest()}-r{RULES_VERSION}"
PROCESSORS = ["tokenize", "mwt", "pos", "lemma", "depparse"]

log = logging.getLogger(__name__)
Parse = Callable[[str], object]


@dataclass(frozen=True)
class Params:
    """The fitted numbers (see the module docstring)."""

    act_alone: float = ACT_ALONE
    topic_alone: float = TOPIC_ALONE
    hawkish_at: float = HAWKISH_AT
    conciliatory_at: float = CONCILIATORY_AT

    def factor(self, st: Status) -> float:
        if st.status == FRAMED and st.act:  # "wir werden zurückschlagen": never less than said alone
            return max(st.strength, self.act_alone)
        return {FRAMED: st.strength, ACT: self.act_alone, TOPIC: self.topic_alone}.get(st.status, 0.0)

    def label(self, score: float) -> str:
        if score >= self.hawkish_at:
            return "hawkish"
        if score <= -self.conciliatory_at:
            return "conciliatory"
        return "neutral"


@dataclass(frozen=True)
class Reading:
    """A cue as read, before the fitted numbers: its document span, signed weight after the
    shifters, the rules' notes, and its status."""

    text: str
    start: int
    end: int
    weight: float
    note: str
    status: Status

    def evidence(self, params: Params) -> Evidence:
        w = self.weight * params.factor(self.status)
        return Evidence(self.text, self.start, self.end, w, f"{self.note}; {self.status.reason}")


def combine(readings: list[Reading], params: Params | None = None) -> Stance:
    """The Stance from the readings of one quote: counted cues are evidence, the others described."""
    params = params or Params()
    evidence, described = [], []
    for r in readings:
        e = r.evidence(params)
        (evidence if e.weight != 0 else described).append(e)
    score = math.tanh(sum(e.weight for e in evidence))
    return Stance(score, params.label(score), evidence, described)


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
        self.params = Params()

    def _parser(self) -> Parse | None:
        if not self._loaded:
            with self._lock:
                if not self._loaded:
                    self._parse = _default_parse()
                    self._loaded = True
        return self._parse

    def score(self, quote, document: str | None = None) -> Stance:
        """Stance of an extractor.types.Quote; evidence offsets are document offsets. With the
        `document` the quote came from, it is scored within its sentence (stance.frame): "Dies
        bedeute nicht, dass wir den Krieg suchen" negates the quoted clause."""
        return self.score_many([quote], document)[0]

    def score_many(self, quotes, document: str | None = None) -> list[Stance]:
        """Stances of a document's quotes, their texts (or, with `document`, their sentences) parsed in
        one batch (faster than one by one, the same parses)."""
        frames = [frame_of(document, q.start, q.end) if document is not None else None for q in quotes]
        texts = [f.text if f else q.text for q, f in zip(quotes, frames)]
        docs = self.parse_all(texts)
        return [self._score(f.text if f else q.text, f.offset if f else q.start, doc, f, _cue_text(q))
                for q, f, doc in zip(quotes, frames, docs)]

    def score_text(self, text: str, offset: int = 0, cue: str | None = None) -> Stance:
        """Stance of `text`; `offset` is where it starts in its document (added to evidence offsets);
        `cue` the speech cue that reported it ("forderte": a position on all of it)."""
        return self._score(text, offset, self.parse_all([text])[0], None, cue)

    def score_in(self, document: str, start: int, end: int, cue: str | None = None) -> Stance:
        """Stance of the quote document[start:end], read within its sentence in `document`."""
        f = frame_of(document, start, end)
        return self._score(f.text, f.offset, self.parse_all([f.text])[0], f, cue)

    def read(self, text: str, offset: int = 0, doc=None, frame: Frame | None = None,
             cue: str | None = None) -> list[Reading]:
        """The readings of `text` (parsed as `doc`); with a `frame`, only cues inside the quote are
        read, while shifters and position words anywhere in the sentence act on them."""
        if not text or not text.strip():
            return []
        toks = analyze(text, doc)
        cues = find_cues(toks, self.lexicon)
        cues += apply_rules(toks, cues, self.lexicon)
        sts = statuses(toks, cues, self.lexicon, cue)
        out = []
        for c, st in sorted(zip(cues, sts), key=lambda x: (x[0].first, x[0].how)):
            if c.weight == 0:
                continue
            start, end = toks[c.first].start, toks[c.last].end
            if frame is not None and not (frame.start <= start and end <= frame.end):
                continue
            note = "; ".join([c.entry.note or c.entry.category] + c.notes[1:])  # notes[0] is the category
            w = flip(c.weight, 1.0) if st.negated else c.weight
            out.append(Reading(text[start:end], offset + start, offset + end, w, note, st))
        return out

    def _score(self, text: str, offset: int, doc, frame: Frame | None = None, cue: str | None = None) -> Stance:
        return combine(self.read(text, offset, doc, frame, cue), self.params)

    def parse_all(self, texts: list[str]) -> list[object | None]:
        """The scorer's parse of each text, in one batch (None for an empty text, or everywhere when
        no parser can be loaded): what `read` takes, for callers that score one text several ways."""
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


def _cue_text(quote) -> str | None:
    cue = getattr(quote, "cue", None)
    return getattr(cue, "text", cue) if cue else None


def _stanza_pipeline_class() -> type:
    try:
        from stanza import Pipeline
    except ImportError:  # pragma: no cover - stanza is a dependency
        return type(None)
    return Pipeline


def label_for(score: float) -> str:
    return Params().label(score)


_default: Scorer | None = None
_default_lock = threading.Lock()


def default_scorer() -> Scorer:
    global _default
    with _default_lock:
        if _default is None:
            _default = Scorer()
        return _default
