"""The statement filters shared by `zitat speaker` and `zitat export`: one set of flags, one query."""

from __future__ import annotations

import argparse

from foundation import defaults
from worker.types import StatementQuery

SORTS = ["newest", "hawkish", "conciliatory", "repeated"]


def add_arguments(p: argparse.ArgumentParser, *, paged: bool = True) -> None:
    p.add_argument(
        "--words",
        default="",
        metavar="TEXT",
        help="only statements with every one of these words (any form; compounds by their parts)",
    )
    p.add_argument(
        "--stance",
        choices=["hawkish", "neutral", "conciliatory"],
        default=None,
        help="only statements with this stance label",
    )
    p.add_argument("--min-score", type=float, default=None, metavar="S", help="stance score at least S (-1..1)")
    p.add_argument("--max-score", type=float, default=None, metavar="S", help="stance score at most S (-1..1)")
    p.add_argument(
        "--from",
        dest="published_from",
        default=None,
        metavar="DATE",
        help="first published on or after DATE (2025-03, 2025-03-04 or an ISO time)",
    )
    p.add_argument(
        "--to",
        dest="published_to",
        default=None,
        metavar="DATE",
        help="first published on or before DATE (a month or day counts whole)",
    )
    p.add_argument("--outlet", default=None, help="only statements an article of this outlet carried")
    p.add_argument(
        "--mode", choices=["speech", "thought", "writing"], default=None, help="only what was said, thought or written"
    )
    p.add_argument(
        "--sort",
        choices=SORTS,
        default="newest",
        help="newest first, most hawkish / conciliatory first, or most repeated first",
    )
    if paged:
        p.add_argument(
            "--limit",
            type=int,
            default=20,
            metavar="N",
            help=f"at most N statements (default %(default)s, at most {defaults.MAX_PAGE_SIZE})",
        )
        p.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N statements")


def query(args: argparse.Namespace, speaker: str | None) -> StatementQuery:
    return StatementQuery(
        speaker=speaker,
        words=args.words,
        stance=args.stance,
        min_score=args.min_score,
        max_score=args.max_score,
        published_from=args.published_from,
        published_to=args.published_to,
        outlet=args.outlet,
        mode=args.mode,
        sort=args.sort,
        limit=getattr(args, "limit", 0),
        offset=getattr(args, "offset", 0),
    )
