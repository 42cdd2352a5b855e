"""Reading the documents named on a command line: files and directories of .txt files.

A file that is not valid UTF-8 (or not readable) is reported by name and skipped; the others are
still processed, and the command exits 1 at the end.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class InputDoc:
    name: str  # the file stem: the `doc` column of the output
    path: Path
    text: str


def expand(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob("*.txt") if x.is_file()))
        else:
            out.append(p)
    return out


def read_documents(paths: list[str], prog: str) -> tuple[list[InputDoc], list[str]]:
    """(documents, errors); each error is one printable line naming the file."""
    docs, errors = [], []
    for path in expand(paths):
        try:
            data = path.read_bytes()
        except OSError as e:
            errors.append(f"{path}: cannot read: {e.strerror or e}")
            continue
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            errors.append(f"{path}: not valid UTF-8 (byte {e.start}): skipped")
            continue
        docs.append(InputDoc(path.stem, path, text))
    for line in errors:
        print(f"{prog}: {line}", file=sys.stderr)
    return docs, errors
