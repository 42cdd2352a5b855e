"""`zitat speaker NAME`: what one person said — statements, newest first or most hawkish, most
conciliatory or most repeated first, filtered by words, stance, dates, outlet and mode.

Any alias finds the speaker: "Pompeo", "pompeo", "Mike Pompeo", "US-Außenminister Pompeo". The same
words in several articles are one statement, listed once with every article that carries it.
"""

from __future__ import annotations

import sys

from zitat.commands import filters


def register(sub) -> None:
    p = sub.add_parser("speaker", help="statements of one speaker", description=__doc__.splitlines()[0])
    p.add_argument("name", metavar="NAME", help="any form of the name (case and accents do not matter)")
    p.add_argument("--format", choices=["pretty", "jsonl", "csv"], default="pretty")
    filters.add_arguments(p)
    p.set_defaults(func=run)


def write(statements, fmt: str, out=None) -> None:
    from zitat import statement_rows

    out = out or sys.stdout
    if fmt == "jsonl":
        out.writelines(statement_rows.jsonl_lines(statements))
    elif fmt == "csv":
        out.writelines(statement_rows.csv_lines(statements))
    else:
        for st in statements:
            print(statement_rows.pretty_line(st), file=out)


def run(args) -> int:
    from worker.connection import open_redis
    from worker.service import QuoteService

    with open_redis() as client:
        page = QuoteService(client).statements(filters.query(args, args.name))
    if page.speaker is None:
        print(f"zitat speaker: no speaker matches {args.name!r} (list them with `zitat speakers`)", file=sys.stderr)
        return 1
    if args.format == "pretty":
        shown = (
            f"{args.offset + 1}–{args.offset + len(page.statements)} of {page.total}"
            if page.statements
            else f"none of {page.total}"
        )
        label = "".join(f", {f}" for f in (args.stance, args.mode, args.outlet, args.words) if f)
        print(f"{page.speaker}: {shown} statement(s){label}, {args.sort} first")
    write(page.statements, args.format)
    return 0
