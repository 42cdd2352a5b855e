"""`zitat web` page render times for a speaker with 10,000 statements.

    python -m bench.web                        # 10,000 statements of one speaker (+ others), 200 requests each
    python -m bench.web --statements 2000      # quicker

A private embedded Redis is filled through the worker's own write path (QuoteStore.write_document,
then Archive.register and Archive.publish, statement matching and all) with synthetic articles of 20
quotes each: half of every article is the busy speaker, the rest ten others; words from the seed
articles, publication times over one year, six outlets. Then a real `zitat web` process serves that
store and one client asks, one request at a time over a kept-alive connection, for:
- the busy speaker's page: newest first, most hawkish first, filtered by stance + date range, by
  words, page 100;
- the same page through the JSON API; the home page; the chart (cached, and drawn anew: a year of
  days, then of months).
Prints one JSON object with p50/p95 per page (ms, whole HTTP round trip, HTML fully rendered);
the issue's target is a p95 of at most 150 ms for the speaker page.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from bench import synthetic
from bench.stats import percentile
from foundation import defaults
from worker.connection import EmbeddedRedis
from worker.service import QuoteService

BUSY = "Katrin Albers"
OTHERS = [
    f"{first} Webbench{i:02d}"
    for i, first in enumerate("Anna Boris Clara David Emma Felix Greta Hans Ida Jonas".split())
]
TARGET_P95_MS = 150.0


def fill(service: QuoteService, busy_statements: int, seed: int = 7) -> None:
    """Half of every article is the busy speaker (as „Außenministerin“), the rest ten others."""
    articles = busy_statements // (synthetic.QUOTES_PER_ARTICLE // 2)
    synthetic.fill(
        service,
        articles,
        lambda rng, i: (BUSY, "Außenministerin") if i % 2 == 0 else (rng.choice(OTHERS), None),
        seed=seed,
        name="web-bench",
    )


def start_web(url: str, log: Path) -> tuple[subprocess.Popen, int]:
    env = {**os.environ, defaults.ENV_REDIS_URL: url, "PYTHONPATH": str(defaults.REPO_ROOT)}
    env.pop("ZITAT_WEB_TOKEN", None)
    sink = log.open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "zitat", "--log-level", "WARNING", "web", "--address", "127.0.0.1:0"],
        cwd=defaults.REPO_ROOT,
        env=env,
        stdout=sink,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", log.read_text())
        if m:
            return proc, int(m.group(1))
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"zitat web did not start:\n{log.read_text()[-2000:]}")


def timed(conn: http.client.HTTPConnection, path: str, repeats: int, warm: int = 5) -> dict:
    samples = []
    size = 0
    for i in range(warm + repeats):
        start = time.perf_counter()
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - start) * 1000
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}: {body[:300]!r}")
        if i == 0 and path.startswith("/speakers/") and "chart" not in path and body.count(b'class="statement"') != 20:
            raise RuntimeError(f"{path}: expected a full page of 20 statements")  # timing an empty page means nothing
        size = len(body)
        if i >= warm:
            samples.append(elapsed)
    return {"p50_ms": round(percentile(samples, 0.50), 1), "p95_ms": round(percentile(samples, 0.95), 1), "bytes": size}


def run(busy_statements: int, repeats: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="zitat-bench-web-") as tmp, EmbeddedRedis(Path(tmp) / "redis") as redis:
        client = redis.new_client()
        service = QuoteService(client)
        started = time.perf_counter()
        fill(service, busy_statements)
        fill_s = time.perf_counter() - started
        found = service.speaker(BUSY)
        proc, port = start_web(redis.url, Path(tmp) / "web.log")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            page = f"/speakers/{quote(BUSY)}"
            pages = {
                "speaker_newest": page,
                "speaker_hawkish": f"{page}?sort=hawkish",
                "speaker_stance_and_dates": f"{page}?stance=conciliatory&from=2025-03-01&to=2025-08-31",
                "speaker_words": f"{page}?q={quote(synthetic.vocabulary()[len(synthetic.vocabulary()) // 2])}",
                "speaker_page_100": f"{page}?page=100",
                "api_statements": f"/api{page}/statements?sort=hawkish",
                "home": "/",
            }
            results = {name: timed(conn, path, repeats) for name, path in pages.items()}
            first = time.perf_counter()
            timed(conn, f"{page}/chart.svg?interval=day", 1, warm=0)  # a chart not drawn before
            results["chart_first_draw"] = {"ms": round((time.perf_counter() - first) * 1000, 1)}
            again = time.perf_counter()
            timed(conn, f"{page}/chart.svg?interval=month", 1, warm=0)  # another new one
            results["chart_second_draw"] = {"ms": round((time.perf_counter() - again) * 1000, 1)}
            results["chart_cached"] = timed(conn, f"{page}/chart.svg", repeats)
            conn.close()
        finally:
            proc.terminate()
            proc.wait(30)
        client.close()
    speaker_p95 = max(v["p95_ms"] for k, v in results.items() if k.startswith("speaker_"))
    return {
        "busy_speaker_statements": found.quotes if found else 0,
        "fill_s": round(fill_s, 1),
        "requests_per_page": repeats,
        "pages": results,
        "speaker_page_p95_ms_worst": speaker_p95,
        "target": {"speaker_page_p95_ms": TARGET_P95_MS, "met": speaker_p95 <= TARGET_P95_MS},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.web", description=__doc__.splitlines()[0])
    ap.add_argument("--statements", type=int, default=10_000, help="statements of the busy speaker")
    ap.add_argument("--repeats", type=int, default=200, help="timed requests per page")
    args = ap.parse_args(argv)
    result = run(args.statements, args.repeats)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0 if result["target"]["met"] else 1


if __name__ == "__main__":
    sys.exit(main())
