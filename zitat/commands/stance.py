"""`zitat stance "…"`: the stance of one German sentence, with the words and rules that decided it."""

from __future__ import annotations

import json
import sys


def register(sub) -> None:
    p = sub.add_parser("stance", help="score the stance of a sentence", description=__doc__.splitlines()[0])
    p.add_argument("text", nargs="+", help="the sentence (several arguments are joined with spaces)")
    p.add_argument("--cue", help="the speech verb that reported it, e.g. 'forderte'")
    p.add_argument(
        "--speaker",
        help="who said it, e.g. 'Gaddafi': where the text names the speaker as the one acting"
        " („Gaddafi drohte mit …“), that is the speaker's own position, not a description",
    )
    p.add_argument("--json", action="store_true", help="print the stance as JSON")
    p.add_argument("--no-parse", action="store_true", help="token rules only, without the German parser")
    p.set_defaults(func=run)


def run(args) -> int:
    from stance.scorer import Scorer
    from worker.extraction import statement_scorer

    text = " ".join(args.text)
    scorer = Scorer() if args.no_parse else statement_scorer()
    st = scorer.score_text(text, cue=args.cue, speaker=args.speaker)
    if args.json:
        print(json.dumps(st.to_dict(), ensure_ascii=False))
        return 0
    out = sys.stdout
    out.write(f"{st.label} {st.score:+.3f}\n")
    for e in sorted(st.evidence, key=lambda e: -abs(e.weight)):
        out.write(f"  {e.weight:+.2f}  {e.text}  [{e.note}]\n")
    for e in st.described:
        out.write(f"   0     {e.text}  [described: {e.note}]\n")
    if not st.evidence:
        out.write("  no position toward force taken\n")
    return 0
