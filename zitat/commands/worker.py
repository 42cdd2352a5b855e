"""`zitat worker [--burst]`: process queued documents (a forking rq worker with its scheduler).

Start as many as there are cores (compose: deploy.replicas); each loads the models once and forks
one work horse per document. SIGTERM finishes the current document, then exits. Redis going away
does not end it: it waits for Redis with back-off and works on (worker/runner.py).
"""

from __future__ import annotations

from foundation import defaults


def register(sub) -> None:
    p = sub.add_parser(
        "worker",
        help="process queued documents",
        description=__doc__.splitlines()[0],
        epilog=f"Store: ${defaults.ENV_REDIS_URL}, else the embedded Redis in "
        f"${defaults.ENV_DATA_DIR} (default {defaults.DEFAULT_DATA_DIR}). "
        f"Extractor: ${defaults.ENV_GRPC_ADDRESS} (a `zitat serve`), else in-process.",
    )
    p.add_argument("--burst", action="store_true", help="exit once the queue is empty")
    p.add_argument("--max-jobs", type=int, default=None, metavar="N", help="exit after N jobs")
    p.add_argument("--name", default=None, help="worker name (default: rq's random one)")
    p.add_argument(
        "--maintenance-interval",
        type=int,
        default=defaults.WORKER_MAINTENANCE_INTERVAL,
        metavar="SECONDS",
        help="how often abandoned jobs are looked for (default %(default)s)",
    )
    p.add_argument(
        "--job-monitoring-interval",
        type=int,
        default=30,
        metavar="SECONDS",
        help="heartbeat interval while a job runs (default %(default)s)",
    )
    p.add_argument(
        "--no-preload", action="store_true", help="load the models in each work horse instead of once before forking"
    )
    p.set_defaults(func=run)


def run(args) -> int:
    from worker import logs
    from worker.connection import open_redis
    from worker.runner import run_worker

    level = logs.configure(args.log_format, args.log_level)
    with open_redis() as client:
        run_worker(
            client,
            burst=args.burst,
            preload=not args.no_preload,
            logging_level=level,
            max_jobs=args.max_jobs,
            name=args.name,
            maintenance_interval=args.maintenance_interval,
            job_monitoring_interval=args.job_monitoring_interval,
        )
    return 0
