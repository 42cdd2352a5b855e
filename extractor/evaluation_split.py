"""The fixed split of the 700 SpkAtt news articles (../shared/corpora/spkatt-news/train) into the 600
that rules are developed on and the 100 that are only ever scored, never read.

Ids only (the corpus is CC BY-NC-SA: its text never enters this repository). The held-out ids were
drawn once, before any article's errors were read: `random.Random(12).sample(sorted ids, 100)`.

    python -m extractor.evaluation_split subset build/spkatt build/spkatt-dev --part dev

writes OUT/offsets.json and OUT/pred.jsonl restricted to one part, so that
`python ../shared/eval/spkatt.py score OUT` scores that part alone.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys

SEED = 12
HELD_OUT = frozenset(
    """
4867 5310 5882 5954 6103 6196 6385 7804 8659 9093 10057 12438 12716 12980 13100 13380 13443 13726
14183 15242 16935 17789 18979 19569 20089 20136 20800 21016 22510 23714 23893 26203 27312 27782
29640 29688 30570 31906 31955 33494 33957 34501 35051 35999 36350 36397 36639 37427 39672 40973
42267 43134 46316 46588 48591 48690 50016 50415 51046 51123 51344 51747 52016 52208 52789 52796
54390 54805 56063 56998 58160 58397 59270 62831 63418 65110 66568 66614 66791 66967 67577 68853
69856 70140 71365 71593 71723 73775 74006 75759 77429 77969 80548 80703 82126 82340 83332 83589
84342 84583
""".split()
)


def part_of(doc_id: str) -> str:
    """'heldout' or 'dev' for an article id (the file stem, e.g. '10057')."""
    return "heldout" if doc_id in HELD_OUT else "dev"


def subset(src: pathlib.Path, out: pathlib.Path, part: str, pred: str = "pred.jsonl") -> int:
    """Copy SRC/offsets.json and SRC/PRED into OUT, keeping only the articles of `part`."""
    meta = json.loads((src / "offsets.json").read_text(encoding="utf-8"))
    keep = {k: v for k, v in meta.items() if part in ("all", part_of(k))}
    out.mkdir(parents=True, exist_ok=True)
    (out / "offsets.json").write_text(json.dumps(keep), encoding="utf-8")
    rows = [
        line
        for line in (src / pred).read_text(encoding="utf-8").splitlines()
        if line.strip() and json.loads(line)["doc"] in keep
    ]
    (out / "pred.jsonl").write_text("".join(r + "\n" for r in rows), encoding="utf-8")
    return len(keep)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("subset", help="restrict a prepared and extracted folder to one part")
    s.add_argument("src", type=pathlib.Path)
    s.add_argument("out", type=pathlib.Path)
    s.add_argument("--part", choices=["dev", "heldout", "all"], required=True)
    s.add_argument("--pred", default="pred.jsonl", help="predictions file in SRC (default: %(default)s)")
    a = ap.parse_args(argv)
    n = subset(a.src, a.out, a.part, a.pred)
    print(f"{n} articles ({a.part}) -> {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
