"""Regenerate zitat/v1/*_pb2*.py from proto/ with grpc_tools (`python -m zitat.grpc.codegen`).

The generated code is committed so that installing zitat needs no protoc; `--check` (and
tests/test_grpc_codegen.py) regenerate into a temporary folder and fail when the committed files
have drifted from the .proto or from the pinned grpcio-tools.
"""

from __future__ import annotations

import argparse
import filecmp
import sys
import tempfile
from importlib import resources
from pathlib import Path

from foundation import defaults

PROTO_ROOT = defaults.REPO_ROOT / "proto"
PROTO_FILES = ("zitat/v1/zitat.proto",)
GENERATED = ("zitat/v1/zitat_pb2.py", "zitat/v1/zitat_pb2.pyi", "zitat/v1/zitat_pb2_grpc.py")


def generate(out_dir: Path) -> list[Path]:
    """Run protoc into `out_dir` (laid out like the package: out_dir/zitat/v1/...); return the files."""
    from grpc_tools import protoc

    out_dir.mkdir(parents=True, exist_ok=True)
    well_known = resources.files("grpc_tools") / "_proto"  # google/protobuf/*.proto
    args = [
        "grpc_tools.protoc",
        f"-I{PROTO_ROOT}",
        f"-I{well_known}",
        f"--python_out={out_dir}",
        f"--grpc_python_out={out_dir}",
        f"--pyi_out={out_dir}",
        *PROTO_FILES,
    ]
    if protoc.main(args) != 0:
        raise RuntimeError(f"protoc failed on {', '.join(PROTO_FILES)}")
    return [out_dir / name for name in GENERATED]


def drifted(repo_root: Path = defaults.REPO_ROOT) -> list[str]:
    """Generated files that differ from a fresh generation (or are missing)."""
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp))
        return [
            name
            for name in GENERATED
            if not (repo_root / name).exists() or not filecmp.cmp(Path(tmp) / name, repo_root / name, shallow=False)
        ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m zitat.grpc.codegen", description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the committed code is stale")
    args = ap.parse_args(argv)
    if args.check:
        stale = drifted()
        for name in stale:
            print(f"stale: {name} (run python -m zitat.grpc.codegen)", file=sys.stderr)
        return 1 if stale else 0
    for path in generate(defaults.REPO_ROOT):
        print(path.relative_to(defaults.REPO_ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
