"""The word lists and tables of extractor/data, read in one place (comment lines start with #)."""

from __future__ import annotations

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def _lines(name: str) -> list[str]:
    return [line for line in (DATA / name).read_text(encoding="utf-8").splitlines() if not line.startswith("#")]


def word_list(name: str) -> frozenset[str]:
    """A list of one word (or abbreviation) per line, lower-cased."""
    return frozenset(line.strip().lower() for line in _lines(name) if line.strip())


def table(name: str) -> list[dict[str, str]]:
    """A tab-separated table with a header row."""
    return list(csv.DictReader(_lines(name), delimiter="\t"))
