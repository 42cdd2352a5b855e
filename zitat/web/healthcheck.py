"""Health check of `zitat web` for containers: exit 0 when GET /healthz answers 200 (the server is up
and reaches its store), else 1 with the reason on stderr.

    python -m zitat.web.healthcheck [URL]      # default http://127.0.0.1:8080/healthz
"""

from __future__ import annotations

import argparse
import sys
import urllib.error
import urllib.request


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m zitat.web.healthcheck", description=__doc__.splitlines()[0])
    ap.add_argument("url", nargs="?", default="http://127.0.0.1:8080/healthz")
    ap.add_argument("--timeout", type=float, default=5.0)
    args = ap.parse_args(argv)
    try:
        with urllib.request.urlopen(args.url, timeout=args.timeout) as response:
            if response.status == 200:
                return 0
            print(f"unhealthy: HTTP {response.status}", file=sys.stderr)
    except urllib.error.HTTPError as e:
        print(f"unhealthy: HTTP {e.code} {e.read(300).decode('utf-8', 'replace')}", file=sys.stderr)
    except (urllib.error.URLError, OSError) as e:
        print(f"unhealthy: {getattr(e, 'reason', e)}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
