"""`zitat submit FILE|DIR... [--manifest FILE] [--wait]`: queue documents for the workers (`zitat worker`).

Each document goes with its article metadata: from the flags (one document), the manifest's line,
or the HTML page's own head, in that order. A document seen before is not processed again: its
cached result (or its existing job) is reported. A file that is not valid UTF-8 or a manifest line
that is not valid is named and skipped; the others are still submitted and the command exits 1.
"""

from __future__ import annotations

import sys
import time

from foundation import defaults
from zitat.commands.inputs import add_arguments

POLL_SECONDS = 0.5


def register(sub) -> None:
    p = sub.add_parser(
        "submit",
        help="queue documents for the workers",
        description=__doc__.splitlines()[0],
        epilog=f"Store: ${defaults.ENV_REDIS_URL}, else the embedded Redis in "
        f"${defaults.ENV_DATA_DIR} (default {defaults.DEFAULT_DATA_DIR}).",
    )
    add_arguments(p)
    p.add_argument("--wait", action="store_true", help="wait until every job has finished or failed")
    p.add_argument(
        "--timeout", type=float, default=None, metavar="SECONDS", help="with --wait: give up after this long (exit 1)"
    )
    p.set_defaults(func=run)


def _progress(iterable=None, **kw):
    from tqdm import tqdm

    return tqdm(iterable, file=sys.stderr, disable=None, dynamic_ncols=True, **kw)


def run(args) -> int:
    from tqdm import tqdm

    from worker.connection import open_redis
    from worker.service import QuoteService
    from zitat.commands.inputs import read_inputs

    docs, unreadable = read_inputs(args, "zitat submit")
    if not docs and not unreadable:
        print("zitat submit: no .txt or .html files found", file=sys.stderr)
        return 1
    failed = len(unreadable)
    with open_redis() as client:
        service = QuoteService(client)
        pending: dict[str, str] = {}
        for doc in _progress(docs, unit="doc", desc="submitting"):
            status = service.submit_document(doc.text, doc.name, doc.meta)
            note = " (cached)" if status.cached else ""
            tqdm.write(f"{doc.label}\t{status.job_id}\t{status.state}{note}", file=sys.stdout)
            if status.state not in ("finished", "failed"):
                pending[status.job_id] = doc.label
        sys.stdout.flush()
        if args.wait and pending:
            failed += _wait(service, client, pending, args.timeout)
    return 1 if failed else 0


def _wait(service, client, pending: dict[str, str], timeout: float | None) -> int:
    """Poll until every job is done; print one line per job; return how many failed or timed out."""
    from rq import Worker
    from tqdm import tqdm

    from worker.queue import make_queue

    deadline = None if timeout is None else time.monotonic() + timeout
    hinted = False
    failed = 0
    with _progress(total=len(pending), unit="doc", desc="processing") as bar:
        while pending:
            for job_id, path in list(pending.items()):
                status = service.get_job(job_id)
                if status.state in ("finished", "failed"):
                    del pending[job_id]
                    bar.update(1)
                    if status.state == "finished":
                        tqdm.write(f"{path}\t{job_id}\tfinished\t{status.quote_count} quote(s)", file=sys.stdout)
                    else:
                        failed += 1
                        tqdm.write(f"{path}\t{job_id}\tfailed\t{status.error or ''}", file=sys.stdout)
            if not pending:
                break
            if not hinted and Worker.count(queue=make_queue(client)) == 0:
                tqdm.write("zitat submit: no worker is running: start one with `zitat worker`", file=sys.stderr)
                hinted = True
            if deadline is not None and time.monotonic() > deadline:
                for job_id, path in pending.items():
                    tqdm.write(f"{path}\t{job_id}\ttimed out", file=sys.stdout)
                return failed + len(pending)
            time.sleep(POLL_SECONDS)
    return failed
