"""`zitat export`: every statement matching the filters, with its articles, as JSON Lines or CSV.

For a newsroom's spreadsheet or archive: one statement per line (JSONL: every article with its
metadata and offsets; CSV: the first article and the list of outlets and URLs). Without --speaker,
statements of every speaker.
"""

from __future__ import annotations

import sys
from pathlib import Path

from zitat.commands import filters


def register(sub) -> None:
    p = sub.add_parser(
        "export", help="statements with their articles as JSON Lines or CSV", description=__doc__.splitlines()[0]
    )
    p.add_argument("--speaker", default=None, metavar="NAME", help="only this speaker (any alias)")
    p.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    p.add_argument("--output", "-o", default=None, metavar="FILE", help="write here instead of stdout")
    filters.add_arguments(p, paged=False)
    p.set_defaults(func=run)


def run(args) -> int:
    from worker.connection import open_redis
    from worker.service import QuoteService
    from zitat import statement_rows

    with open_redis() as client:
        service = QuoteService(client)
        if args.speaker is not None and service.speaker(args.speaker) is None:
            print(
                f"zitat export: no speaker matches {args.speaker!r} (list them with `zitat speakers`)", file=sys.stderr
            )
            return 1
        statements = service.export(filters.query(args, args.speaker))
        lines = (
            statement_rows.jsonl_lines(statements) if args.format == "jsonl" else statement_rows.csv_lines(statements)
        )
        if args.output is None:
            sys.stdout.writelines(lines)
            return 0
        path = Path(args.output)
        try:
            with path.open("w", encoding="utf-8", newline="") as out:
                out.writelines(lines)
        except OSError as e:
            print(f"zitat export: cannot write {path}: {e.strerror or e}", file=sys.stderr)
            return 1
    return 0
