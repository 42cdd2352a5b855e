"""`zitat speakers`: everyone quoted so far, most quoted first, with the aliases they were seen under."""

from __future__ import annotations

import csv
import json
import sys

from foundation import defaults


def register(sub) -> None:
    p = sub.add_parser("speakers", help="list speakers with statement counts", description=__doc__.splitlines()[0])
    p.add_argument("--format", choices=["pretty", "jsonl", "csv"], default="pretty")
    p.add_argument(
        "--limit",
        type=int,
        default=100,
        metavar="N",
        help=f"at most N speakers (default %(default)s, at most {defaults.MAX_PAGE_SIZE})",
    )
    p.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N speakers")
    p.set_defaults(func=run)


def run(args) -> int:
    from worker.connection import open_redis
    from worker.service import QuoteService

    with open_redis() as client:
        speakers = QuoteService(client).list_speakers(args.limit, args.offset)
    out = sys.stdout
    if args.format == "jsonl":
        for s in speakers:
            out.write(
                json.dumps(
                    {"speaker": s.speaker, "statements": s.quotes, "aliases": list(s.aliases), "roles": list(s.roles)},
                    ensure_ascii=False,
                )
                + "\n"
            )
    elif args.format == "csv":
        writer = csv.writer(out)
        writer.writerow(["speaker", "statements", "aliases", "roles"])
        for s in speakers:
            writer.writerow([s.speaker, s.quotes, "; ".join(s.aliases), "; ".join(s.roles)])
    else:
        if not speakers:
            print("no speakers yet: submit documents with `zitat submit` or `zitat run`", file=sys.stderr)
        width = max((len(s.speaker) for s in speakers), default=0)
        for s in speakers:
            aliases = f"  ({', '.join(s.aliases)})" if s.aliases else ""
            print(f"{s.quotes:>5}  {s.speaker:<{width}}{aliases}")
    return 0
