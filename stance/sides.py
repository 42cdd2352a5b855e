"""The speaker's side: the country a speaker belongs to, read from the words that describe them („der
russische Präsident“, „Russlands Außenminister“, „US-Präsident“), so that the country named in a
quote is the speaker's own side („davor warnen, Russland anzugreifen“: deterrence, stance.rules).
The table (stance/data/sides.tsv) is world knowledge written for zitat, not read from any quote."""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from stance.lexicon import DATA, SIDES_FILE, fold

#: Endings an adjective of the table takes („russisch|e|en|er|es|em“).
ADJECTIVE_ENDINGS = ("", "e", "en", "er", "es", "em")
#: How many words before a speaker's name can describe it („der russische Präsident Wladimir Putin“).
DESCRIPTION_WINDOW = 5
_WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], dict[str, str]]:
    """(adjective → country, word naming the country → country), folded."""
    adjectives: dict[str, str] = {}
    names: dict[str, str] = {}
    with (DATA / SIDES_FILE).open(encoding="utf-8") as f:
        for row in csv.reader((line for line in f if not line.startswith("#")), delimiter="\t"):
            if len(row) < 2:
                continue
            country, others = row[0], (row[2].split("|") if len(row) > 2 and row[2] else [])
            for adj in [row[1], *(w for w in others if w.islower())]:
                adjectives[fold(adj)] = country
            for w in [country, *(w for w in others if not w.islower())]:
                names[fold(w)] = country
    return adjectives, names


def sides_of(words: str) -> set[str]:
    """The countries that `words` (a speaker's name and descriptions) say the speaker belongs to: an
    adjective of the table, a country in the genitive („Russlands“), or an abbreviation in front of a
    compound („US-Präsident“; not „Russland-Experte“, which names a subject, not a side)."""
    adjectives, names = _table()
    out: set[str] = set()
    for w in _WORDS.findall(words or ""):
        f = fold(w)
        if w[:1].islower():
            country = next(
                (
                    adjectives[f[: len(f) - len(e)]]
                    for e in ADJECTIVE_ENDINGS
                    if f.endswith(e) and f[: len(f) - len(e)] in adjectives
                ),
                None,
            )
        elif "-" in w and w.split("-")[0].isupper():
            country = names.get(fold(w.split("-")[0]))
        else:
            country = names.get(f[:-1]) if f.endswith("s") else None
        if country:
            out.add(country)
    return out


def side_words(countries: set[str]) -> set[str]:
    """The folded words that name any of `countries` in a text („russland“, „usa“, „us“, „amerika“)."""
    _adjectives, names = _table()
    return {w for w, c in names.items() if c in countries}


def descriptions(document: str, name: str) -> str:
    """The words before each occurrence of the last word of `name` in `document`, within its sentence
    and at most DESCRIPTION_WINDOW words back: where an article describes its speakers („der
    russische Präsident Wladimir Putin“) while the quote names them only by name."""
    words = _WORDS.findall(name or "")
    if not document or not words or len(words[-1]) < 3:
        return ""
    out = []
    for m in re.finditer(rf"\b{re.escape(words[-1])}\b", document):
        before = re.split(r"[.!?;:]\s", document[max(0, m.start() - 200) : m.start()])[-1]
        out.append(" ".join(_WORDS.findall(before)[-DESCRIPTION_WINDOW:]))
    return " ".join(out)
