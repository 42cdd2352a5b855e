"""The `zitat` command line: one sub-command module per job under zitat/commands/.

Exit codes: 0 success, 1 some inputs failed (the others were still processed), 2 usage or
configuration error. Errors print one clear line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys

from foundation import logging as zlog
from foundation.errors import ZitatError
from zitat import __version__
from zitat.commands import COMMANDS

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="zitat", description=__doc__.splitlines()[0])
    ap.add_argument("--version", action="version", version=f"zitat {__version__}")
    ap.add_argument("--log-format", choices=["json", "console"], help="log format (default: console at a terminal)")
    ap.add_argument("--log-level", default=None, help="DEBUG, INFO, WARNING (default INFO)")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for module in COMMANDS:
        module.register(sub)
    return ap


def _remote_extractor(address: str):
    from zitat.grpc.client import RemoteExtractor

    return RemoteExtractor(address)


def install_remote_extractor() -> None:
    """Workers and submitters reach a remote extractor (ZITAT_EXTRACTOR_ADDRESS) through the gRPC
    client, which lives here at the edge: hand worker.extraction the way to make one."""
    from worker import extraction

    extraction.use_remote(_remote_extractor)


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    try:
        zlog.configure(args.log_format, args.log_level)  # reads the settings: a bad one is exit 2
        install_remote_extractor()
        return int(args.func(args) or EXIT_OK)
    except ZitatError as e:
        print(f"zitat {args.command}: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"zitat {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
