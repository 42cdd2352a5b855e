"""Build the NER's name list (`ner_names.tsv.gz`, read by extractor.ner) — training time only:

    python -m extractor.model.names [--flags FLNP] [--out models/de/ner_names.tsv.gz]

Lines are `word<TAB>flags`, sorted by their UTF-8 bytes (the cluster table's format, so
`extractor.ner.ClusterTable` looks them up by binary search). Flags:

- F: a first name, L: a last name — Faker's person providers (MIT; `pip install faker`), all 86
  locales, only single words written in Latin script („Nguyễn“, „O'Brien“ and „Müller-Lüdenscheid“
  stay, „Иванов“ and „山田“ go).
- N: a form of a common German noun, P: a place name — german-nouns (Wiktionary, CC BY-SA 4.0:
  a model shipped with these flags shares that licence; `pip install german-nouns`). Only built when
  `--flags` asks for them.

A model is trained with the flags its variant uses (`extractor.model.ner --variants`) and ships with a
list holding only those flags.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import pkgutil
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from extractor.ner import NAMES_FILE, write_clusters
from foundation import defaults

#: german-nouns' parts of speech (the `pos` column's comma-separated kinds) of an ordinary noun;
#: any other kind (Vorname, Nachname, Toponym, Eigenname, Abkürzung …) makes the entry no common noun.
_COMMON_NOUN_KINDS = frozenset({"Substantiv", "adjektivische Deklination", "Zahlklassifikator"})


def is_latin_word(word: str) -> bool:
    """One capitalised word in Latin script (apostrophes and inner hyphens allowed), two letters or more."""
    if len(word) < 2 or not word[:1].isupper() or word.endswith("-"):
        return False
    letters = [ch for ch in word if ch not in "-'’"]
    return bool(letters) and all(ch.isalpha() and "LATIN" in unicodedata.name(ch, "") for ch in letters)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        value = list(value)
    if isinstance(value, (list, tuple)):
        yield from (v.strip() for v in value if isinstance(v, str))


def faker_names() -> dict[str, str]:
    """word -> "F", "L" or "FL" from every Faker person provider."""
    import faker.providers.person as person

    first: set[str] = set()
    last: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attr, value in vars(provider).items():
            if "names" not in attr or "pair" in attr or "kana" in attr:
                continue
            if "last" in attr:
                last.update(_strings(value))
            elif "first" in attr or "middle" in attr:
                first.update(_strings(value))
    out: dict[str, str] = {}
    for flag, words in (("F", first), ("L", last)):
        for w in words:
            if is_latin_word(w):
                out[w] = out.get(w, "") + flag
    return out


def german_nouns(csv_path: Path | None = None) -> tuple[set[str], set[str]]:
    """Every single-word form of a common noun, and every single-word place name, of german-nouns."""
    if csv_path is None:
        from german_nouns.config import CSV_FILE_PATH

        csv_path = Path(CSV_FILE_PATH)
    nouns: set[str] = set()
    places: set[str] = set()
    with csv_path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            kinds = set((row.get("pos") or "").split(","))
            forms = {v for k, v in row.items() if k and v and k != "pos" and not k.startswith("genus")}
            if "Toponym" in kinds:
                places.update(forms)
            elif kinds <= _COMMON_NOUN_KINDS:
                nouns.update(forms)
    return ({w for w in nouns if is_latin_word(w)}, {w for w in places if is_latin_word(w)})


def build(path: Path, flags: str = "FLNP", nouns_csv: Path | None = None) -> dict[str, str]:
    """Write the list with these of its flags (see the module docstring); returns it."""
    table = faker_names()
    if set(flags) & set("NP"):
        nouns, places = german_nouns(nouns_csv)
        _add(table, nouns, "N")
        _add(table, places, "P")
    kept = {w: "".join(c for c in f if c in flags) for w, f in table.items()}
    kept = {w: f for w, f in kept.items() if f}
    write_clusters(path, kept)
    return kept


def _add(table: dict[str, str], words: Iterable[str], flag: str) -> None:
    for w in words:
        table[w] = table.get(w, "") + flag


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m extractor.model.names", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, default=defaults.BUNDLED_MODEL_DIR / NAMES_FILE)
    p.add_argument("--flags", default="FL", help="of F, L (Faker, MIT), N, P (german-nouns, CC BY-SA 4.0)")
    args = p.parse_args(argv)
    table = build(args.out, args.flags)
    counts = {flag: sum(flag in v for v in table.values()) for flag in "FLNP"}
    print(f"{args.out}: {len(table)} words, {counts}, {args.out.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
