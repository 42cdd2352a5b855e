"""`zitat speaker NAME`: what one person said, newest first or most hawkish/conciliatory first.

Any alias finds the speaker: "Pompeo", "pompeo", "Mike Pompeo", "US-Außenminister Pompeo".
"""
from __future__ import annotations

import csv
import json
import sys
from datetime import datetime, timezone

from zitat import defaults

COLUMNS = ["speaker", "quote_id", "doc_id", "doc_name", "published", "stance_label", "stance_score", "kind",
           "mode", "speaker_role", "speaker_mention", "cue", "start", "end", "confidence", "text"]


def register(sub) -> None:
    p = sub.add_parser("speaker", help="quotes of one speaker", description=__doc__.splitlines()[0])
    p.add_argument("name", metavar="NAME", help="any form of the name (case and accents do not matter)")
    p.add_argument("--format", choices=["pretty", "jsonl", "csv"], default="pretty")
    p.add_argument("--sort", choices=["newest", "hawkish", "conciliatory"], default="newest")
    p.add_argument("--stance", choices=["hawkish", "neutral", "conciliatory"], default=None,
                   help="only quotes with this stance label")
    p.add_argument("--mode", choices=["speech", "thought", "writing"], default=None,
                   help="only what was said, thought or written")
    p.add_argument("--limit", type=int, default=20, metavar="N",
                   help=f"at most N quotes (default %(default)s, at most {defaults.MAX_PAGE_SIZE})")
    p.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N quotes")
    p.set_defaults(func=run)


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, tz=timezone.utc).isoformat(timespec="seconds")


def row(q, speaker: str | None = None) -> dict:
    """A StoredQuote as one flat record (JSONL keeps the stance evidence as well)."""
    return {
        "speaker": speaker or q.quote.speaker, "quote_id": q.quote_id, "doc_id": q.doc_id,
        "doc_name": q.doc_name, "published": iso(q.published),
        "stance_label": q.stance.label, "stance_score": round(q.stance.score, 3),
        **{k: v for k, v in q.quote.to_row().items() if k != "speaker"},
        "stance_evidence": q.stance.to_dict()["evidence"],
    }


def pretty_line(q) -> str:
    who = ""
    if q.quote.speaker_mention and q.quote.speaker_mention.text != q.quote.speaker:
        who = f" ({q.quote.speaker_mention.text})"
    return (f"  [{q.stance.label:<12} {q.stance.score:+.2f}] „{q.quote.text}“{who}"
            f" — {q.doc_name or q.doc_id[:12]}")


def write(quotes, fmt: str, out=None, speaker: str | None = None) -> None:
    out = out or sys.stdout
    if fmt == "jsonl":
        for q in quotes:
            out.write(json.dumps(row(q, speaker), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for q in quotes:
            writer.writerow(row(q, speaker))
    else:
        for q in quotes:
            print(pretty_line(q), file=out)


def run(args) -> int:
    from worker.connection import open_redis
    from worker.service import QuoteService

    with open_redis() as client:
        canonical, quotes, total = QuoteService(client).quotes_by_speaker(
            args.name, args.sort, args.limit, args.offset, args.stance, args.mode)
    if canonical is None:
        print(f"zitat speaker: no speaker matches {args.name!r} (list them with `zitat speakers`)", file=sys.stderr)
        return 1
    if args.format == "pretty":
        shown = f"{args.offset + 1}–{args.offset + len(quotes)} of {total}" if quotes else f"none of {total}"
        label = "".join(f", {f}" for f in (args.stance, args.mode) if f)
        print(f"{canonical}: {shown} quote(s){label}, {args.sort} first")
    write(quotes, args.format, speaker=canonical)
    return 0
