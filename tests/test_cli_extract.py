"""`zitat extract` and `zitat eval` as a journalist or a script runs them: real files, real models."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
ARTICLE = "„Wir werden nicht nachgeben“, sagte Bundeskanzler Olaf Scholz am Montag in Berlin.\n"


def zitat(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zitat", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        env={**__import__("os").environ, "ZITAT_THREADS": "1"},
    )


def test_jsonl_rows_carry_the_document_name_and_flat_fields(tmp_path):
    (tmp_path / "scholz.txt").write_text(ARTICLE, encoding="utf-8")
    out = zitat("extract", str(tmp_path), "--format", "jsonl", "--stance")
    assert out.returncode == 0, out.stderr
    (row,) = [json.loads(line) for line in out.stdout.splitlines()]
    assert row["doc"] == "scholz"
    assert ARTICLE[row["start"] : row["end"]] == row["text"] == "Wir werden nicht nachgeben"
    assert row["speaker"] == "Olaf Scholz"
    assert ARTICLE[row["speaker_start"] : row["speaker_end"]] == row["speaker_mention"]
    assert ARTICLE[row["cue_start"] : row["cue_end"]] == row["cue"] == "sagte"
    assert row["mode"] == "speech"
    assert row["stance"]["label"] in ("hawkish", "neutral", "conciliatory")


def test_a_bad_file_is_named_and_the_others_are_still_processed(tmp_path):
    (tmp_path / "a_binary.txt").write_bytes(b"\xff\xfe\x00\x81 kaputt")
    (tmp_path / "b_empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "c_good.txt").write_text(ARTICLE, encoding="utf-8")
    out = zitat("extract", str(tmp_path), "--format", "csv")
    assert out.returncode == 1
    assert "a_binary.txt: not valid UTF-8" in out.stderr
    assert "b_empty.txt: document is empty" in out.stderr
    assert "Traceback" not in out.stderr
    assert "c_good" in out.stdout and "Olaf Scholz" in out.stdout
    header, row = out.stdout.splitlines()[:2]
    assert header.split(",")[4] == "mode" and row.split(",")[4] == "speech"


def test_pretty_output_is_readable_at_a_terminal(tmp_path):
    (tmp_path / "scholz.txt").write_text(ARTICLE, encoding="utf-8")
    out = zitat("extract", str(tmp_path / "scholz.txt"), "--format", "pretty")
    assert out.returncode == 0
    assert "Olaf Scholz (Bundeskanzler)" in out.stdout
    assert "„Wir werden nicht nachgeben“" in out.stdout


def test_a_missing_model_folder_is_a_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "zitat", "extract", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        env={**__import__("os").environ, "ZITAT_MODEL_DIR": str(tmp_path / "none")},
    )
    assert out.returncode == 2
    assert "bundled German models missing" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="the referee lives in ../shared")
def test_zitat_eval_agrees_with_the_referee(tmp_path):
    gold = SHARED / "gold" / "seed_quotes.jsonl"
    pred = tmp_path / "pred.jsonl"
    extracted = zitat("extract", "seeds", "--format", "jsonl")
    assert extracted.returncode == 0
    pred.write_text(extracted.stdout, encoding="utf-8")
    ours = zitat("eval", "--gold", str(gold), "--pred", str(pred), "--json")
    referee = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(gold), "--pred", str(pred), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert json.loads(ours.stdout) == json.loads(referee.stdout)
