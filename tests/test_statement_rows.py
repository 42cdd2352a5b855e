"""zitat.statement_rows: the export formats of statements (JSON Lines, CSV) for newsroom tools."""

from __future__ import annotations

import csv
import io
import json

from stance.types import Evidence, Stance
from worker.types import ArticleMeta, ArticleRef, Statement
from zitat import statement_rows


def statement(text: str) -> Statement:
    ref = ArticleRef(
        "a" * 64,
        "d" * 64,
        ArticleMeta(title="Titel", outlet="Tagesblatt", published="2025-03-04", url="https://tagesblatt.example/x"),
        f"{'d' * 64}:0",
        text,
        5,
        5 + len(text),
        "Ministerin",
        "datei",
    )
    return Statement(
        "s1",
        "Anna Berg",
        text,
        Stance(0.5, "hawkish", [Evidence("Härte", 0, 5, 0.5, "threat")]),
        "speech",
        "direct",
        2,
        ref,
        (ref, ref),
    )


def test_a_cell_that_would_start_a_formula_is_quoted() -> None:
    rows = list(
        csv.DictReader(
            io.StringIO(
                "".join(
                    statement_rows.csv_lines(
                        [
                            statement('=HYPERLINK("https://boese.example","Klick")'),
                            statement("-1 ist keine Antwort"),
                            statement("Wir antworten mit Härte"),
                        ]
                    )
                )
            )
        )
    )
    assert [r["text"] for r in rows] == [
        '\'=HYPERLINK("https://boese.example","Klick")',
        "'-1 ist keine Antwort",
        "Wir antworten mit Härte",
    ]
    assert rows[0]["stance_score"] == "0.5" and rows[0]["count"] == "2" and rows[0]["stance_words"] == "Härte"
    assert rows[0]["outlets"] == "Tagesblatt" and rows[0]["first_published"] == "2025-03-04"


def test_json_lines_keep_every_article_and_the_text_as_said() -> None:
    [line] = list(statement_rows.jsonl_lines([statement("=1+1")]))
    record = json.loads(line)
    assert record["text"] == "=1+1" and record["count"] == 2 and len(record["articles"]) == 2
    assert record["first_seen"]["outlet"] == "Tagesblatt" and record["stance"]["label"] == "hawkish"
