"""Statements as records for people and spreadsheets: JSON Lines, CSV and one-line summaries.

One home for the export formats, shared by `zitat speaker`, `zitat export` and the web page's
export, so a newsroom gets the same columns whichever way it asks.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from worker.types import ArticleRef, Statement

CSV_COLUMNS = [
    "statement_id",
    "speaker",
    "text",
    "stance_label",
    "stance_score",
    "stance_words",
    "mode",
    "kind",
    "count",
    "first_title",
    "first_outlet",
    "first_published",
    "first_url",
    "outlets",
    "urls",
]


def article_record(ref: ArticleRef) -> dict:
    """One article that carries a statement: its metadata and the statement's offsets in it."""
    return {
        "article_id": ref.article_id,
        "title": ref.meta.title,
        "url": ref.meta.url,
        "outlet": ref.meta.outlet,
        "published": ref.meta.published,
        "author": ref.meta.author,
        "doc_name": ref.doc_name,
        "doc_id": ref.doc_id,
        "text": ref.text,
        "start": ref.start,
        "end": ref.end,
        "speaker_role": ref.speaker_role,
    }


def record(st: Statement) -> dict:
    """A statement with its stance, first publication and every article (JSON Lines)."""
    return {
        "statement_id": st.statement_id,
        "text": st.text,
        "speaker": st.speaker,
        "stance": st.stance.to_dict(),
        "mode": st.mode,
        "kind": st.kind,
        "count": st.count,
        "first_seen": article_record(st.first_seen),
        "articles": [article_record(a) for a in st.articles],
    }


def csv_row(st: Statement) -> dict:
    first = st.first_seen.meta
    return {
        "statement_id": st.statement_id,
        "speaker": st.speaker,
        "text": st.text,
        "stance_label": st.stance.label,
        "stance_score": round(st.stance.score, 3),
        "stance_words": "; ".join(e.text for e in st.stance.evidence),
        "mode": st.mode,
        "kind": st.kind,
        "count": st.count,
        "first_title": first.title,
        "first_outlet": first.outlet,
        "first_published": first.published,
        "first_url": first.url,
        "outlets": "; ".join(dict.fromkeys(a.meta.outlet for a in st.articles if a.meta.outlet)),
        "urls": "; ".join(a.meta.url for a in st.articles if a.meta.url),
    }


def jsonl_lines(statements: Iterable[Statement]) -> Iterator[str]:
    for st in statements:
        yield json.dumps(record(st), ensure_ascii=False) + "\n"


def spreadsheet_safe(value: object) -> object:
    """A cell a spreadsheet will not run as a formula: quoted speech is untrusted text, and a cell
    starting with =, +, -, @ (or a tab or carriage return) gets a leading '."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_lines(statements: Iterable[Statement], chunk: int = 64 * 1024) -> Iterator[str]:
    """CSV with a header, one statement per row, every cell spreadsheet-safe, streamed in chunks."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for st in statements:
        writer.writerow({k: spreadsheet_safe(v) for k, v in csv_row(st).items()})
        if buffer.tell() > chunk:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def pretty_line(st: Statement) -> str:
    first = st.first_seen
    where = first.meta.outlet or first.meta.title or first.doc_name or first.doc_id[:12]
    when = f", {first.meta.published[:10]}" if first.meta.published else ""
    repeated = f" ×{st.count}" if st.count > 1 else ""
    return f"  [{st.stance.label:<12} {st.stance.score:+.2f}] „{st.text}“{repeated} — {where}{when}"
