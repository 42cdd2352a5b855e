"""The fixed train / dev / held-out split of the UD German data zitat trains on.

Held-out news is never trained on: GSD test s302–s977 (newswire). Dev (model selection) is the last
200 sentences of PUD, except for the tagger: its selection score needs STTS XPOS, which PUD lacks, so
it selects on the last 200 sentences of GSD dev and trains on all of PUD instead. Everything else of
GSD dev+test and PUD is training data. LIT is CC BY-NC-SA and
never read, so the shipped model stays free of non-commercial data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

GSD = "UD_German-GSD"
PUD = "UD_German-PUD"
HELDOUT_FIRST, HELDOUT_LAST = 302, 977  # GSD test-sNNN, the news part
PUD_DEV_SIZE = 200
TAGGER_DEV_SIZE = 200


@dataclass(frozen=True)
class Sentence:
    sent_id: str
    block: str  # the whole CoNLL-U block, comments included, without the trailing blank line
    source: str  # "gsd" | "pud"


def read_conllu(path: Path, source: str) -> list[Sentence]:
    blocks = [b.strip("\n") for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    out = []
    for block in blocks:
        m = re.search(r"^# sent_id = (\S+)", block, re.M)
        out.append(Sentence(m.group(1) if m else "", block, source))
    return out


def _gsd_test_number(sent_id: str) -> int:
    return int(sent_id.rsplit("s", 1)[1])


@dataclass(frozen=True)
class Split:
    train: list[Sentence]
    dev: list[Sentence]
    heldout: list[Sentence]
    tagger_train: list[Sentence]
    tagger_dev: list[Sentence]


def make_split(ud_root: Path) -> Split:
    gsd_dev = read_conllu(ud_root / GSD / "de_gsd-ud-dev.conllu", "gsd")
    gsd_test = read_conllu(ud_root / GSD / "de_gsd-ud-test.conllu", "gsd")
    pud = read_conllu(ud_root / PUD / "de_pud-ud-test.conllu", "pud")
    heldout = [s for s in gsd_test if HELDOUT_FIRST <= _gsd_test_number(s.sent_id) <= HELDOUT_LAST]
    gsd_train = gsd_dev + [s for s in gsd_test if _gsd_test_number(s.sent_id) < HELDOUT_FIRST]
    pud_train, pud_dev = pud[:-PUD_DEV_SIZE], pud[-PUD_DEV_SIZE:]
    tagger_dev = gsd_dev[-TAGGER_DEV_SIZE:]
    tagger_train = [s for s in gsd_train if s not in tagger_dev] + pud
    return Split(
        train=gsd_train + pud_train, dev=pud_dev, heldout=heldout, tagger_train=tagger_train, tagger_dev=tagger_dev
    )


def blank_xpos(block: str) -> str:
    """PUD's XPOS are Penn-style, not STTS: drop them so the tagger learns one tag set."""
    lines = []
    for line in block.split("\n"):
        cols = line.split("\t")
        if len(cols) == 10 and not line.startswith("#"):
            cols[4] = "_"
        lines.append("\t".join(cols))
    return "\n".join(lines)


def write_conllu(path: Path, sentences: list[Sentence], *, stts_only: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    blocks = [blank_xpos(s.block) if stts_only and s.source == "pud" else s.block for s in sentences]
    path.write_text("\n\n".join(blocks) + "\n\n", encoding="utf-8")


def sentence_texts(sentences: list[Sentence]) -> list[str]:
    return [_text(s.block) for s in sentences]


def _text(block: str) -> str:
    """The `# text = ...` comment of a CoNLL-U sentence."""
    found = re.search(r"^# text = (.*)$", block, re.M)
    if found is None:
        raise ValueError(f"CoNLL-U sentence without a '# text =' line: {block[:80]!r}")
    return found.group(1)
