"""`zitat search`: statements of every speaker (or one), by words, stance, dates, outlet and mode.

„Waffenlieferungen“ is found by „Lieferung“ or „Waffe“ (compound parts); words match in any form
(lemmas).
"""

from __future__ import annotations

from zitat.commands import filters
from zitat.commands.speaker import write


def register(sub) -> None:
    p = sub.add_parser("search", help="statements across all speakers", description=__doc__.splitlines()[0])
    p.add_argument("--speaker", default=None, metavar="NAME", help="only this speaker (any alias)")
    p.add_argument("--format", choices=["pretty", "jsonl", "csv"], default="pretty")
    filters.add_arguments(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from worker.connection import open_redis
    from worker.service import QuoteService

    with open_redis() as client:
        page = QuoteService(client).statements(filters.query(args, args.speaker))
    if args.format == "pretty":
        shown = (
            f"{args.offset + 1}–{args.offset + len(page.statements)} of {page.total}"
            if page.statements
            else f"none of {page.total}"
        )
        print(f"{shown} statement(s), {args.sort} first")
        for st in page.statements:
            print(f"{st.speaker}:")
            write([st], "pretty")
        return 0
    write(page.statements, args.format)
    return 0
