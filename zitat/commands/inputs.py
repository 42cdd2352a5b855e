"""Reading the documents named on a command line: files, directories of .txt and .html files, and
manifests (JSON Lines of documents with their article metadata).

A file or manifest line that cannot be a document (unreadable, not valid UTF-8, empty, too large,
bad metadata) is reported by name and line and skipped; the others are still processed, and the
command exits 1 at the end. Metadata flags that cannot apply (several documents) are a usage error.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from foundation import defaults
from foundation.errors import InvalidDocument

if TYPE_CHECKING:  # worker.types pulls in the stance package: every `zitat` command would pay for it
    from worker.types import ArticleMeta

DOC_SUFFIXES = (".txt", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
#: worker.types.META_FIELDS as flags (spelled out here to keep the CLI's start light).
META_FLAG_FIELDS = ("title", "url", "outlet", "published", "author", "language")
META_FLAGS = ", ".join(f"--{f}" for f in META_FLAG_FIELDS)


def _no_meta() -> ArticleMeta:
    from worker.types import ArticleMeta

    return ArticleMeta()


@dataclass(frozen=True)
class InputDoc:
    name: str  # the file stem (or the manifest's "name"): the `doc` column of the output
    path: Path  # the file; for a manifest line with inline text, the manifest
    text: str  # as read: HTML stays HTML (the extractor reads markup itself)
    meta: ArticleMeta = field(default_factory=_no_meta)
    source: str = ""  # "manifest:line" for inline text, which has no file of its own

    @property
    def label(self) -> str:
        """How output lines name the document."""
        return self.source or str(self.path)


def expand(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob("*") if x.suffix.lower() in DOC_SUFFIXES and x.is_file()))
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


def html_meta(text: str, path: Path | None = None) -> ArticleMeta:
    """What an HTML page says about itself; nothing for plain text (a .txt that starts with a tag
    is read as HTML too: scrapers rarely pick the suffix)."""
    from worker.metadata import meta_from_html

    is_html = (path is not None and path.suffix.lower() in HTML_SUFFIXES) or text.lstrip()[:1] == "<"
    return meta_from_html(text) if is_html else _no_meta()


def load(path: Path, name: str | None = None) -> InputDoc:
    from extractor.api import validate_text

    text = validate_text(read_document(path))
    return InputDoc(path.stem if name is None else name, path, text, html_meta(text, path))


def read_documents(paths: list[str], prog: str) -> tuple[list[InputDoc], list[str]]:
    """(documents, errors); each error is one printable line naming the file, printed here."""
    docs, errors = [], []
    for path in expand(paths):
        try:
            docs.append(load(path))
        except InvalidDocument as e:
            errors.append(f"{path}: {e}: skipped")
    _report(errors, prog)
    return docs, errors


# --- manifests --------------------------------------------------------------------------------------
def read_manifest(manifest: Path, prog: str) -> tuple[list[InputDoc], list[str]]:
    """(documents, errors) of a JSON Lines manifest; a bad line is reported with its number and
    skipped. A manifest that cannot be read at all is InvalidDocument (a usage error)."""
    from worker.metadata import MANIFEST_KEYS
    from worker.types import META_FIELDS

    try:
        raw_lines = manifest.read_bytes().splitlines()
    except OSError as e:
        raise InvalidDocument(f"cannot read manifest {manifest}: {e.strerror or e}", field="manifest") from None
    docs: list[InputDoc] = []
    errors: list[str] = []
    warned: set[str] = set()
    for number, raw in enumerate(raw_lines, 1):
        try:
            entry = _manifest_entry(raw, number == 1)
            if entry is None:
                continue
            for key in sorted(set(entry) - set(META_FIELDS) - set(MANIFEST_KEYS) - warned):
                warned.add(key)
                print(
                    f"{prog}: {manifest}:{number}: unknown key {key[:50]!r} ignored (known: path, text, name, "
                    f"{', '.join(META_FIELDS)})",
                    file=sys.stderr,
                )
            docs.append(_manifest_doc(manifest, number, entry))
        except InvalidDocument as e:
            errors.append(f"{manifest}:{number}: {e}: skipped")
    _report(errors, prog)
    return docs, errors


def _manifest_entry(raw: bytes, first: bool) -> dict | None:
    """One line as a JSON object; None for a blank line."""
    try:
        line = raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as e:
        raise InvalidDocument(f"not valid UTF-8 (byte 0x{raw[e.start]:02x} at column {e.start + 1})") from None
    if not line.strip():
        return None
    try:
        entry = json.loads(line)
    except json.JSONDecodeError as e:
        raise InvalidDocument(f"not JSON ({e.msg} at column {e.colno})") from None
    if not isinstance(entry, dict):
        raise InvalidDocument(f"a line must be a JSON object, got {type(entry).__name__}")
    return entry


def _manifest_doc(manifest: Path, number: int, entry: dict) -> InputDoc:
    from extractor.api import validate_text
    from worker.metadata import meta_from_mapping

    name = entry.get("name")
    if name is not None and (not isinstance(name, str) or len(name) > defaults.MAX_DOC_NAME_CHARS):
        raise InvalidDocument(f"name must be text of at most {defaults.MAX_DOC_NAME_CHARS} characters", field="name")
    meta = meta_from_mapping(entry)
    has_path, has_text = entry.get("path") is not None, entry.get("text") is not None
    if has_path == has_text:
        raise InvalidDocument(
            "give either path (a file, relative to the manifest) or text, not " + ("both" if has_path else "neither"),
            field="path",
        )
    if has_text:
        text = validate_text(entry["text"])
        doc = InputDoc(
            name or f"{manifest.stem}-{number}", manifest, text, html_meta(text), source=f"{manifest}:{number}"
        )
    else:
        if not isinstance(entry["path"], str) or not entry["path"].strip():
            raise InvalidDocument("path must be a file name", field="path")
        path = manifest.parent / entry["path"]
        try:
            doc = load(path, name)
        except InvalidDocument as e:
            raise InvalidDocument(f"{path}: {e}", field=e.field) from None
    return replace(doc, meta=meta.merged(doc.meta))


# --- the arguments submit and run share ---------------------------------------------------------------
def add_arguments(p) -> None:
    """Documents (files, directories, --manifest) and the metadata flags for a single document."""
    p.add_argument("paths", nargs="*", metavar="FILE|DIR", help=".txt or .html files, or directories of them")
    p.add_argument(
        "--manifest",
        metavar="FILE",
        default=None,
        help='JSON Lines, one document a line: {"path": FILE (relative to the manifest) or "text": '
        '..., "name", "title", "url", "outlet", "published", "author", "language"}',
    )
    g = p.add_argument_group("article metadata (a single document; HTML input fills what is not given)")
    g.add_argument("--title", default=None)
    g.add_argument("--url", default=None, help="http(s) address of the article")
    g.add_argument("--outlet", default=None, help="the newspaper, site or agency")
    g.add_argument(
        "--published",
        default=None,
        metavar="ISO8601",
        help="publication date or time, e.g. 2025-03-04 or 2025-03-04T10:15:00+01:00",
    )
    g.add_argument("--author", default=None)
    g.add_argument("--language", default=None, metavar="CODE", help="e.g. de")


def read_inputs(args, prog: str) -> tuple[list[InputDoc], list[str]]:
    """The documents of `add_arguments`' arguments, errors printed; InvalidDocument for a usage error
    (no input, metadata flags with a manifest or with several documents, a bad flag value)."""
    from worker.metadata import meta_from_mapping

    flags = {f: getattr(args, f) for f in META_FLAG_FIELDS if getattr(args, f, None) is not None}
    if not args.paths and not args.manifest:
        raise InvalidDocument("name files or directories, or --manifest FILE", field="paths")
    if flags and args.manifest:
        raise InvalidDocument(
            f"{META_FLAGS} describe a single document named on the command line; in a manifest, give them on each line",
            field="meta",
        )
    flag_meta = meta_from_mapping(flags)
    if flags and (n := len(expand(args.paths))) != 1:
        raise InvalidDocument(
            f"{META_FLAGS} describe a single document, but {n} files were given: use --manifest FILE for several",
            field="meta",
        )
    docs, errors = read_documents(args.paths, prog)
    if args.manifest:
        more, more_errors = read_manifest(Path(args.manifest), prog)
        docs, errors = docs + more, errors + more_errors
    if flags:
        docs = [replace(d, meta=flag_meta.merged(d.meta)) for d in docs]
    return docs, errors


def _report(errors: list[str], prog: str) -> None:
    for line in errors:
        print(f"{prog}: {line}", file=sys.stderr)
