"""`zitat timeline NAME [--interval week] [--plot FILE.png|FILE.svg]`: a speaker's stance over time.

One row per day, week (from Monday) or month, by each statement's first publication (UTC): how many
statements, their mean stance (−1 conciliatory … +1 hawkish) and how many of each label.
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import asdict
from pathlib import Path

COLUMNS = ["speaker", "start", "statements", "mean_stance", "hawkish", "neutral", "conciliatory"]


def register(sub) -> None:
    p = sub.add_parser(
        "timeline", help="a speaker's stance per day, week or month", description=__doc__.splitlines()[0]
    )
    p.add_argument("name", metavar="NAME", help="any form of the name (case and accents do not matter)")
    p.add_argument("--interval", choices=["day", "week", "month"], default="week")
    p.add_argument(
        "--from",
        dest="start",
        default=None,
        metavar="DATE",
        help="first publication on or after, e.g. 2025-03 or 2025-03-04",
    )
    p.add_argument(
        "--to",
        dest="end",
        default=None,
        metavar="DATE",
        help="first publication on or before (a month or day counts whole)",
    )
    p.add_argument("--plot", type=Path, default=None, metavar="FILE", help="draw the picture to FILE.png or FILE.svg")
    p.add_argument("--format", choices=["pretty", "jsonl", "csv"], default="pretty")
    p.set_defaults(func=run)


def rows(speaker: str, buckets) -> list[dict]:
    return [{"speaker": speaker, **asdict(b), "mean_stance": round(b.mean_stance, 3)} for b in buckets]


def write(speaker: str, buckets, interval: str, fmt: str, out=None) -> None:
    from zitat.plot import period

    out = out or sys.stdout
    if fmt == "jsonl":
        for r in rows(speaker, buckets):
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows(speaker, buckets))
    else:
        total = sum(b.statements for b in buckets)
        span = period(buckets, interval)
        print(f"{speaker}: {total} statement(s) per {interval}" + (f", {span}" if span else ""), file=out)
        print(
            f"{'start':<10}  {'statements':>10}  {'mean':>5}  {'hawkish':>7}  {'neutral':>7}  {'conciliatory':>12}",
            file=out,
        )
        for b in buckets:
            mean = f"{b.mean_stance:+.2f}" if b.statements else "–"
            print(
                f"{b.start:<10}  {b.statements:>10}  {mean:>5}  {b.hawkish:>7}  {b.neutral:>7}  {b.conciliatory:>12}",
                file=out,
            )


def run(args) -> int:
    from foundation.errors import InvalidDocument
    from worker.connection import open_redis
    from worker.metadata import parse_bound
    from worker.service import QuoteService
    from zitat.plot import format_for, render_timeline

    # Bad bounds or picture names are usage errors: say so before touching the store.
    for value, end in ((args.start, False), (args.end, True)):
        if value is not None:
            parse_bound(value, end)
    if args.plot is not None:
        format_for(args.plot, "svg")
        if not args.plot.resolve().parent.is_dir():
            raise InvalidDocument(f"cannot write the picture: {args.plot.parent} is not a directory", field="plot")
    with open_redis() as client:
        canonical, buckets = QuoteService(client).speaker_timeline(args.name, args.interval, args.start, args.end)
    if canonical is None:
        print(f"zitat timeline: no speaker matches {args.name!r} (list them with `zitat speakers`)", file=sys.stderr)
        return 1
    write(canonical, buckets, args.interval, args.format)
    if not any(b.statements for b in buckets) and args.format == "pretty":
        print("no statements in that period", file=sys.stderr)
    if args.plot is not None:
        try:
            render_timeline(canonical, buckets, args.interval, args.plot)
        except OSError as e:
            print(f"zitat timeline: cannot write {args.plot}: {e.strerror or e}", file=sys.stderr)
            return 1
        print(f"picture: {args.plot}", file=sys.stderr)
    return 0
