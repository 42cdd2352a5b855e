"""`zitat extract FILE|DIR... [--format jsonl|csv|pretty] [--stance]`: every quote of the documents."""

from __future__ import annotations

import csv
import json
import sys

from foundation import defaults
from foundation.errors import InvalidDocument, ZitatError
from foundation.logging import get_logger
from zitat.commands.inputs import read_documents

log = get_logger(__name__)

COLUMNS = [
    "doc",
    "start",
    "end",
    "kind",
    "mode",
    "speaker",
    "speaker_role",
    "speaker_mention",
    "speaker_start",
    "speaker_end",
    "cue",
    "cue_start",
    "cue_end",
    "confidence",
    "text",
]


def register(sub) -> None:
    p = sub.add_parser(
        "extract",
        help="print every quote of German documents",
        description="Find every direct and indirect quote with its speaker.",
    )
    p.add_argument("paths", nargs="+", metavar="FILE|DIR", help=".txt files or directories of them")
    p.add_argument("--format", choices=["jsonl", "csv", "pretty"], default="jsonl")
    p.add_argument("--stance", action="store_true", help="add each quote's stance (label, score, evidence)")
    p.add_argument(
        "--models",
        choices=["bundled", "official"],
        default=None,
        help="Stanza models to use (default: $ZITAT_MODELS or bundled)",
    )
    p.add_argument(
        "--full-parse",
        action="store_true",
        default=None,
        help="parse every sentence, not only those that can carry speech (slower; "
        f"default: ${defaults.ENV_FULL_PARSE})",
    )
    p.set_defaults(func=run)


#: Documents extracted per batch: Stanza tags and parses a batch of sentences faster than one document's.
BATCH_DOCUMENTS = 8


def _extracted(pipeline, docs, with_stance: bool):
    """(doc, its scored quotes or the exception it raised), in order, extracted in batches; stances
    are scored on the extractor's parse (worker.extraction.Pipeline)."""
    from extractor.api import extract_each

    for k in range(0, len(docs), BATCH_DOCUMENTS):
        chunk = docs[k : k + BATCH_DOCUMENTS]
        yield from zip(
            chunk,
            extract_each(lambda texts: pipeline.process_many(texts, with_stance=with_stance), [d.text for d in chunk]),
        )


def _rows(name: str, scored) -> list[dict]:
    return [{"doc": name, **q.to_row(), **({"stance": st.to_dict()} if st is not None else {})} for q, st in scored]


def _pretty(name: str, rows: list[dict], out) -> None:
    print(f"── {name} ── {len(rows)} quote(s)", file=out)
    for r in rows:
        who = r["speaker"] or "(unknown speaker)"
        if r["speaker_role"] and r["speaker_role"] not in who:
            who = f"{who} ({r['speaker_role']})"
        stance = f"  [{r['stance']['label']} {r['stance']['score']:+.2f}]" if "stance" in r else ""
        print(
            f"  {who} — {r['kind']} {r['mode']}, via „{r['cue'] or '–'}“, confidence {r['confidence']:.2f}{stance}",
            file=out,
        )
        print(f"    „{r['text']}“", file=out)
    print(file=out)


def run(args) -> int:
    from extractor.api import Extractor
    from extractor.nlp import ModelConfig
    from worker.extraction import Pipeline

    docs, errors = read_documents(args.paths, "zitat extract")
    # Load first: missing models are a configuration error (exit 2), not a per-document failure.
    pipeline = Pipeline(Extractor(ModelConfig.from_settings(args.models, full_parse=args.full_parse)).load())
    out = sys.stdout
    writer = (
        csv.DictWriter(out, fieldnames=COLUMNS + (["stance"] if args.stance else []), extrasaction="ignore")
        if args.format == "csv"
        else None
    )
    if writer:
        writer.writeheader()
    for doc, quotes in _extracted(pipeline, docs, args.stance):
        if isinstance(quotes, InvalidDocument):
            print(f"zitat extract: {doc.path}: {quotes}: skipped", file=sys.stderr)
            errors.append(str(doc.path))
            continue
        if isinstance(quotes, ZitatError):
            raise quotes
        if isinstance(quotes, Exception):  # a bug must not cost the other documents their results
            log.error("extract_failed", path=str(doc.path), exc_info=quotes)
            print(f"zitat extract: {doc.path}: internal error ({type(quotes).__name__}): skipped", file=sys.stderr)
            errors.append(str(doc.path))
            continue
        rows = _rows(doc.name, quotes)
        if args.format == "jsonl":
            for r in rows:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
        elif writer is not None:  # --format csv
            for r in rows:
                writer.writerow({**r, "stance": r["stance"]["label"]} if "stance" in r else r)
        else:
            _pretty(doc.name, rows, out)
        out.flush()
    return 1 if errors else 0
