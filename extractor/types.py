"""The plain dataclasses at the extractor's seams: what `extract()` returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from extractor.document import Sentence

QuoteKind = Literal["direct", "indirect", "mixed"]
#: What the cue reports: something said, thought (glauben, hoffen, überzeugt sein) or written
#: (schreiben, twittern, veröffentlichen). Speech wherever the cue does not say otherwise.
QuoteMode = Literal["speech", "thought", "writing"]
MODES: tuple[str, ...] = ("speech", "thought", "writing")


@dataclass(frozen=True)
class Span:
    """A piece of the input text: `text == document[start:end]`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    """One quotation or reported statement.

    `start`/`end` are character offsets of the quoted or reported content in the input string (the
    words inside the quotation marks, or the reported clause), so `text == document[start:end]`.
    `speaker` is the canonical name of the person or organisation for the whole document (the fullest
    form used), `speaker_mention` how it appears near the quote ("sie", "der US-Präsident").
    `mode` is speech, thought or writing, from the cue (speech where nothing says otherwise).
    """

    text: str
    start: int
    end: int
    kind: QuoteKind
    cue: Span | None
    speaker: str | None
    speaker_mention: Span | None
    speaker_role: str | None
    confidence: float
    mode: QuoteMode = "speech"

    def to_row(self) -> dict:
        """Flat dict for JSONL/CSV output: cue and mention spread into *_start/*_end columns."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "mode": self.mode,
            "speaker": self.speaker,
            "speaker_role": self.speaker_role,
            "speaker_mention": self.speaker_mention.text if self.speaker_mention else None,
            "speaker_start": self.speaker_mention.start if self.speaker_mention else None,
            "speaker_end": self.speaker_mention.end if self.speaker_mention else None,
            "cue": self.cue.text if self.cue else None,
            "cue_start": self.cue.start if self.cue else None,
            "cue_end": self.cue.end if self.cue else None,
            "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_row(cls, row: dict) -> Quote:
        def span(prefix: str, text_key: str) -> Span | None:
            if row.get(text_key) is None or row.get(f"{prefix}_start") is None:
                return None
            return Span(row[text_key], int(row[f"{prefix}_start"]), int(row[f"{prefix}_end"]))

        return cls(
            text=row["text"],
            start=int(row["start"]),
            end=int(row["end"]),
            kind=row["kind"],
            cue=span("cue", "cue"),
            speaker=row.get("speaker"),
            speaker_mention=span("speaker", "speaker_mention"),
            speaker_role=row.get("speaker_role"),
            confidence=float(row.get("confidence", 0.0)),
            mode=row.get("mode") or "speech",
        )


@dataclass(frozen=True)
class Analysis:
    """A document's quotes and the parse they were found in (sentences with document offsets)."""

    quotes: list[Quote]
    sentences: list[Sentence]
