"""How much of the speech-event cues in GePaDe the cue lexicon knows (issue 12: a lexicon with coverage).

    python -m extractor.cue_coverage [--gepade ../shared/corpora/gepade] [--missing 30]

GePaDe-SpkAtt (CC0: Bundestag speeches annotated for speech events) marks each event's cue words. An
event is covered when one of its cue words is a cue of zitat's lexicon (extractor/data/cues.tsv, by
the same lemma guesses the speech screen uses, with the particle of the event joined: „fordert … auf“)
or an attribution word (cue_nouns.tsv: „laut“, „zufolge“, „Angaben“). Prints the share of events
covered, per part, and the most frequent uncovered cue lemmas — the candidates to judge (many are no
speech verbs in news: „finden“, „glauben“ in a speech are the speaker's own thought). Reads ../shared;
nothing from it is written into the project.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import simplemma

from extractor.words.cues import PARTICLES, attribution_words, lemma_candidates, lexicon
from foundation import defaults

DEFAULT_GEPADE = defaults.REPO_ROOT.parent / "shared" / "corpora" / "gepade"


def known(words: list[str]) -> bool:
    """Whether these cue words (one event's) hold a lexicon cue or an attribution word."""
    cues, nouns = lexicon(), attribution_words()
    particles = [w.lower() for w in words if w.lower() in PARTICLES]
    for w in words:
        if w in nouns or w.lower() in nouns:
            return True
        guesses = {simplemma.lemmatize(w, lang="de").lower(), *lemma_candidates(w)}
        guesses |= {p + g for p in particles for g in guesses}
        if guesses & cues.keys():
            return True
    return False


def events(part: Path) -> list[list[str]]:
    """The cue words of every annotated event in one part of GePaDe."""
    out = []
    for path in sorted(part.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        tokens = {s["SentenceId"]: s["Tokens"] for s in data["Sentences"]}
        for event in data.get("Annotations", []):
            words = []
            for address in event.get("Cue", []):
                sentence, token = (int(x) for x in address.split(":"))
                words.append(tokens[sentence][token])
            if words:
                out.append(words)
    return out


def coverage(gepade: Path) -> dict[str, dict]:
    report: dict[str, dict] = {}
    for name in ("train", "dev"):
        found = events(gepade / name)
        missing = Counter(
            simplemma.lemmatize(" ".join(words).split()[0], lang="de").lower() for words in found if not known(words)
        )
        covered = len(found) - sum(missing.values())
        report[name] = {
            "events": len(found),
            "covered": covered,
            "share": round(covered / len(found), 3) if found else 0.0,
            "missing": missing,
        }
    return report


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m extractor.cue_coverage", description=__doc__.split("\n\n")[0])
    p.add_argument("--gepade", type=Path, default=DEFAULT_GEPADE)
    p.add_argument("--missing", type=int, default=30, help="how many uncovered cue lemmas to list")
    args = p.parse_args(argv)
    if not (args.gepade / "train").is_dir():
        print(f"cue_coverage: skipped — no GePaDe corpus under {args.gepade} (it is not shipped with zitat)")
        return 0
    for name, part in coverage(args.gepade).items():
        print(f"{name}: {part['covered']} of {part['events']} speech events have a known cue ({part['share']:.1%})")
        if name == "train" and args.missing:
            top = part["missing"].most_common(args.missing)
            print("  most frequent uncovered cue lemmas:", ", ".join(f"{w} {n}" for w, n in top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
