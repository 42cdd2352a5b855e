"""Reading the documents named on a command line: files and directories of .txt files.

A file that cannot be a document (unreadable, not valid UTF-8, empty, too large) is reported by
name and skipped; the others are still processed, and the command exits 1 at the end.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from zitat.exceptions import InvalidDocument


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


def read_document(path: Path) -> str:
    """The file's text; InvalidDocument naming the problem (unreadable, not UTF-8) otherwise."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InvalidDocument(f"cannot read: {e.strerror or e}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InvalidDocument(f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})") from None


def read_documents(paths: list[str], prog: str) -> tuple[list[InputDoc], list[str]]:
    """(documents, errors); each error is one printable line naming the file, printed here."""
    from extractor.api import validate_text

    docs, errors = [], []
    for path in expand(paths):
        try:
            docs.append(InputDoc(path.stem, path, validate_text(read_document(path))))
        except InvalidDocument as e:
            errors.append(f"{path}: {e}: skipped")
    for line in errors:
        print(f"{prog}: {line}", file=sys.stderr)
    return docs, errors
