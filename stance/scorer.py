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

import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from stance.frame import Frame, frame_of
from stance.lexicon import Lexicon, default_lexicon, lexicon_digest
from stance.positions import ACT, FRAMED, TOPIC, Status, mark_speaker, statuses
from stance.rules import apply_rules, find_cues, flip
from stance.sides import descriptions
from stance.tokens import analyze
from stance.types import Evidence, Stance, StanceLabel

HAWKISH_AT = 0.25
CONCILIATORY_AT = 0.2
ACT_ALONE = 1.0
TOPIC_ALONE = 0.0
#: Bumped when the rules change in a way that changes scores; part of LEXICON_VERSION.
RULES_VERSION = "15"
#: Identifies lexicon + modifier files + rules: caches of scores must be keyed on it.
LEXICON_VERSION = f"{lexicon_digest()}-r{RULES_VERSION}"

#: A parsed text: sentences whose words carry lemma, UPOS, head and offsets (see stance.tokens).
Sentences = Sequence[Any]
#: Parses texts: one list of sentences per text, offsets into that text.
Parse = Callable[[list[str]], Sequence[Sentences]]


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

    def label(self, score: float) -> StanceLabel:
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
    evidence: list[Evidence] = []
    described: list[Evidence] = []
    for r in readings:
        e = r.evidence(params)
        (evidence if e.weight != 0 else described).append(e)
    score = math.tanh(sum(e.weight for e in evidence))
    return Stance(score, params.label(score), evidence, described)


class Scorer:
    """Scores quotes on the parse the extractor made of their document (no parser of its own: one
    parse per process). `parse` (optional) is a callable texts -> parsed sentences per text, for
    callers that have bare statements (`zitat stance`, the gold evaluation); without a parse the
    token-window rules score alone."""

    def __init__(self, parse: Parse | None = None, lexicon: Lexicon | None = None):
        self._parse = parse
        self.lexicon = lexicon or default_lexicon()
        self.params = Params()

    @property
    def parses(self) -> bool:
        """Whether bare texts get parsed (a `parse` was given)."""
        return self._parse is not None

    def score(self, quote, document: str | None = None, sentences: Sentences | None = None) -> Stance:
        """Stance of an extractor.types.Quote (see score_many)."""
        return self.score_many([quote], document, sentences)[0]

    def score_many(self, quotes, document: str | None = None, sentences: Sentences | None = None) -> list[Stance]:
        """Stances of a document's quotes; evidence offsets are document offsets. With the `document`
        each quote is scored within its sentence (stance.frame): "Dies bedeute nicht, dass wir den
        Krieg suchen" negates the quoted clause. `sentences` is the extractor's parse of the document
        (document offsets); without it the texts are parsed with `parse`, if given."""
        frames = [frame_of(document, q.start, q.end) if document is not None else None for q in quotes]
        texts = [f.text if f else q.text for q, f in zip(quotes, frames)]
        offsets = [f.offset if f else q.start for q, f in zip(quotes, frames)]
        views = self._views(texts, offsets, sentences)
        speakers = {sp for q in quotes if isinstance(sp := getattr(q, "speaker", None), str)}
        described = {sp: descriptions(document, sp) for sp in speakers} if document else {}  # once per speaker
        return [
            self._score(t, o, parsed, shift, f, _cue_text(q), _speaker_text(q, described))
            for q, f, t, o, (parsed, shift) in zip(quotes, frames, texts, offsets, views)
        ]

    def score_text(
        self,
        text: str,
        offset: int = 0,
        cue: str | None = None,
        sentences: Sentences | None = None,
        speaker: str | None = None,
    ) -> Stance:
        """Stance of `text`; `offset` is where it starts in its document (added to evidence offsets);
        `cue` the speech cue that reported it ("forderte": a position on all of it); `sentences` its
        parse in document offsets (default: parsed with `parse`, if given); `speaker` who said it
        (named as an agent in the text, the speaker speaks in the own voice: "Gaddafi drohte mit ...")."""
        ((parsed, shift),) = self._views([text], [offset], sentences)
        return self._score(text, offset, parsed, shift, None, cue, speaker)

    def score_in(
        self,
        document: str,
        start: int,
        end: int,
        cue: str | None = None,
        sentences: Sentences | None = None,
        speaker: str | None = None,
    ) -> Stance:
        """Stance of the quote document[start:end], read within its sentence in `document`."""
        f = frame_of(document, start, end)
        ((parsed, shift),) = self._views([f.text], [f.offset], sentences)
        return self._score(f.text, f.offset, parsed, shift, f, cue, speaker)

    def _views(
        self, texts: list[str], offsets: list[int], sentences: Sentences | None
    ) -> list[tuple[Sentences | None, int]]:
        """The parse each text is read with, and the offset its words are counted from: the
        document's sentences that overlap it (document offsets), else the text parsed alone with
        `parse` (offsets into the text)."""
        if sentences is not None:
            return [(within(sentences, o, o + len(t)), o) for t, o in zip(texts, offsets)]
        return [(parsed, 0) for parsed in self.parse_all(texts)]

    def read(
        self,
        text: str,
        offset: int = 0,
        sentences: Sentences | None = None,
        frame: Frame | None = None,
        cue: str | None = None,
        shift: int | None = None,
        speaker: str | None = None,
    ) -> list[Reading]:
        """The readings of `text` with its parsed `sentences` (offsets shifted by `shift`, default
        `offset`); with a `frame`, only cues inside the quote are read, while shifters and position
        words anywhere in the sentence act on them. `speaker`: who said it (stance.positions.mark_speaker)."""
        if not text or not text.strip():
            return []
        toks = analyze(text, sentences, offset if shift is None else shift)
        mark_speaker(toks, speaker, self.lexicon)
        cues = find_cues(toks, self.lexicon)
        cues += apply_rules(toks, cues, self.lexicon)

        def counted(c) -> bool:  # a cue with a weight, inside the quote
            start, end = toks[c.first].start, toks[c.last].end
            return c.weight != 0 and (frame is None or frame.start <= start and end <= frame.end)

        if not any(counted(c) for c in cues):
            return []  # nothing to read: the statuses (who takes a position) would decide nothing
        sts = statuses(toks, cues, self.lexicon, cue)
        out = []
        for c, st in sorted(zip(cues, sts), key=lambda x: (x[0].first, x[0].how)):
            if not counted(c):
                continue
            start, end = toks[c.first].start, toks[c.last].end
            note = "; ".join([c.entry.note or c.entry.category] + c.notes[1:])  # notes[0] is the category
            w = flip(c.weight, 1.0) if st.negated else c.weight
            out.append(Reading(text[start:end], offset + start, offset + end, w, note, st))
        return out

    def _score(
        self,
        text: str,
        offset: int,
        sentences: Sentences | None,
        shift: int,
        frame: Frame | None = None,
        cue: str | None = None,
        speaker: str | None = None,
    ) -> Stance:
        return combine(self.read(text, offset, sentences, frame, cue, shift, speaker), self.params)

    def parse_all(self, texts: list[str]) -> list[Sentences | None]:
        """The parse of each text (offsets into it) in one batch, from `parse`; None for an empty
        text, or everywhere without a `parse`: what `read` takes (with shift 0)."""
        wanted = [t for t in texts if t and t.strip()]
        if self._parse is None or not wanted:
            return [None] * len(texts)
        parsed = iter(self._parse(wanted))
        return [next(parsed) if t and t.strip() else None for t in texts]


def within(sentences: Sentences, start: int, end: int) -> list:
    """The parsed sentences that overlap document[start:end]."""
    return [s for s in sentences if s.words and s.words[0].start < end and s.words[-1].end > start]


def _cue_text(quote) -> str | None:
    cue = getattr(quote, "cue", None)
    return getattr(cue, "text", cue) if cue else None


def _speaker_text(quote, described: dict[str, str]) -> str | None:
    """The speaker's name, its mention near the quote ("Muammar al-Gaddafi", "der libysche
    Diktator") and the words before the name elsewhere in the document (`described`, by speaker: "der
    russische Präsident Wladimir Putin", stance.sides), as one string of words: what names the speaker
    and the side."""
    mention = getattr(quote, "speaker_mention", None)
    speaker = getattr(quote, "speaker", None)
    parts = [
        speaker,
        getattr(mention, "text", mention) if mention else None,
        described.get(speaker) if isinstance(speaker, str) else None,
    ]
    words = " ".join(p for p in parts if isinstance(p, str) and p)
    return words or None


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
