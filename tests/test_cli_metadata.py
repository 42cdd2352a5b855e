"""Article metadata on the command line: HTML files, manifests and flags (zitat.commands.inputs), and
`zitat submit`, `zitat timeline` with them against a real redis-server."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from redis_server import redis_client, redis_server  # noqa: F401
from test_store import quote, stance
from test_worker_job import model_env

from foundation import defaults
from worker.archive import Archive, article_id_for
from worker.keys import doc_id_for
from worker.metadata import meta_from_mapping
from worker.service import QuoteService
from worker.types import META_FIELDS, ArticleMeta
from zitat.cli import main
from zitat.commands.inputs import META_FLAG_FIELDS, read_documents, read_manifest

KANZLER = "„Wir werden die Hilfen verlängern“, sagte Bundeskanzlerin Erika Muster am Dienstag in Berlin."
MINISTER = "Der Haushalt sei solide, erklärte Finanzminister Max Beispiel. „Wir sparen nicht am Falschen“, sagte er."
HTML = (
    '<!DOCTYPE html><html lang="de"><head><title>Hilfen &ndash; verl&auml;ngert</title>'
    '<meta property="og:site_name" content="Morgenblatt">'
    '<meta property="article:published_time" content="2025-03-04T06:45:00+01:00">'
    '<link rel="canonical" href="https://morgenblatt.example/hilfen"></head>'
    f"<body><article><p>{KANZLER}</p></article></body></html>"
)


@pytest.fixture(autouse=True)
def _restore_logging(restore_cli_logging):
    """Tests here run `main()` in this process (see conftest.restore_cli_logging)."""


@pytest.fixture
def no_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """Usage errors must be found before any store is opened: this one cannot be reached."""
    monkeypatch.setenv(defaults.ENV_REDIS_URL, "redis://127.0.0.1:1/0")


def test_flags_are_the_metadata_fields() -> None:
    assert META_FLAG_FIELDS == META_FIELDS


def test_directories_give_txt_and_html_files_with_what_the_html_says(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.txt").write_text(MINISTER, encoding="utf-8")
    (tmp_path / "b.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.HTM").write_text(f"<p>{MINISTER}</p>", encoding="utf-8")
    (tmp_path / "notizen.md").write_text("nicht lesen", encoding="utf-8")
    docs, errors = read_documents([str(tmp_path)], "zitat submit")
    assert errors == [] and [d.name for d in docs] == ["a", "b", "c"]
    assert docs[0].meta == ArticleMeta() and docs[0].text == MINISTER
    assert docs[1].text == HTML  # the extractor reads the markup itself
    assert docs[1].meta == ArticleMeta(
        title="Hilfen – verlängert",
        url="https://morgenblatt.example/hilfen",
        outlet="Morgenblatt",
        published="2025-03-04T06:45:00+01:00",
        language="de",
        published_ts=docs[1].meta.published_ts,
    )
    assert docs[1].meta.published_ts == 1741067100.0
    assert docs[2].meta == ArticleMeta()


def manifest_file(tmp_path: Path, lines: list[object]) -> Path:
    path = tmp_path / "lieferung" / "manifest.jsonl"
    path.parent.mkdir(exist_ok=True)
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines) + "\n",
        encoding="utf-8",
    )
    return path


def test_manifest_lines_give_documents_and_bad_lines_are_named_and_skipped(tmp_path: Path, capsys) -> None:
    (tmp_path / "lieferung" / "texte").mkdir(parents=True)
    (tmp_path / "lieferung" / "texte" / "minister.txt").write_text(MINISTER, encoding="utf-8")
    (tmp_path / "lieferung" / "seite.html").write_text(HTML, encoding="utf-8")
    manifest = manifest_file(
        tmp_path,
        [
            {
                "path": "texte/minister.txt",
                "title": "Haushalt solide",
                "outlet": "Abendpost",
                "ressort": "Politik",
                "published": "2025-03-05",
                "url": "https://abendpost.example/haushalt",
                "author": "Jana Beispiel",
            },
            {"path": "seite.html", "outlet": "Agentur", "name": "agentur-hilfen"},  # the HTML fills the rest
            "",
            {"text": KANZLER, "title": "Hilfen", "language": "de"},
            "{kaputt",
            {"text": KANZLER, "url": "javascript:alert(1)"},
            {"path": "fehlt.txt"},
            {"path": "seite.html", "text": KANZLER},
            {"title": "weder noch"},
            ["path", "x"],
            {"text": KANZLER, "published": "5. März"},
            {"path": "texte/minister.txt", "name": 7},
        ],
    )
    docs, errors = read_manifest(manifest, "zitat submit")
    err = capsys.readouterr().err
    assert [d.name for d in docs] == ["minister", "agentur-hilfen", "manifest-4"]
    minister, page, inline = docs
    assert minister.path == manifest.parent / "texte" / "minister.txt" and minister.text == MINISTER
    assert minister.meta == ArticleMeta(
        "Haushalt solide",
        "https://abendpost.example/haushalt",
        "Abendpost",
        "2025-03-05",
        "Jana Beispiel",
        "",
        1741132800.0,
    )
    assert (page.meta.outlet, page.meta.title, page.meta.url) == (
        "Agentur",
        "Hilfen – verlängert",
        "https://morgenblatt.example/hilfen",
    )
    assert inline.text == KANZLER and inline.label == f"{manifest}:4" and inline.meta.title == "Hilfen"
    assert [line.split(": ")[0] for line in errors] == [f"{manifest}:{n}" for n in (5, 6, 7, 8, 9, 10, 11, 12)]
    assert all(line.endswith(": skipped") for line in errors)
    assert "not JSON" in errors[0] and "url must be an http:// or https://" in errors[1]
    assert "fehlt.txt: cannot read" in errors[2] and "not both" in errors[3] and "not neither" in errors[4]
    assert "must be a JSON object" in errors[5] and "published must be" in errors[6] and "name must be" in errors[7]
    assert f"zitat submit: {manifest}:1: unknown key 'ressort' ignored" in err
    assert all(f"zitat submit: {line}" in err for line in errors)


def test_a_manifest_line_that_is_not_utf8_is_skipped(tmp_path: Path, capsys) -> None:
    manifest = tmp_path / "m.jsonl"
    manifest.write_bytes(b'\xef\xbb\xbf{"text": "Es reicht, sagte die Ministerin."}\n{"text": "Gr\xf6\xdfe"}\n')
    docs, errors = read_manifest(manifest, "zitat run")
    assert len(docs) == 1 and errors == [f"{manifest}:2: not valid UTF-8 (byte 0xf6 at column 13): skipped"]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["submit", "--title", "Zwei Texte", "{dir}"], "describe a single document, but 2 files were given"),
        (["run", "--outlet", "Blatt", "{dir}/a.txt", "{dir}/b.txt"], "use --manifest FILE for several"),
        (["submit", "--title", "x", "--manifest", "{dir}/m.jsonl"], "in a manifest, give them on each line"),
        (["submit", "--url", "javascript:alert(1)", "{dir}/a.txt"], "url must be an http:// or https://"),
        (["submit", "--published", "gestern", "{dir}/a.txt"], "published must be an ISO 8601 date or time"),
        (["submit"], "name files or directories, or --manifest FILE"),
        (["run", "--manifest", "{dir}/fehlt.jsonl"], "cannot read manifest"),
        (["timeline", "Erika Muster", "--plot", "{dir}/bild.jpg"], "must be a .png or .svg file"),
        (["timeline", "Erika Muster", "--plot", "{dir}/fehlt/bild.png"], "is not a directory"),
        (["timeline", "Erika Muster", "--from", "März"], "published_from must be an ISO 8601 month"),
    ],
)
def test_usage_errors_exit_2_with_one_line_before_the_store(
    argv: list[str], message: str, tmp_path: Path, no_store, capsys
) -> None:
    (tmp_path / "a.txt").write_text(KANZLER, encoding="utf-8")
    (tmp_path / "b.txt").write_text(MINISTER, encoding="utf-8")
    (tmp_path / "m.jsonl").write_text(json.dumps({"path": "a.txt"}) + "\n", encoding="utf-8")
    assert main([a.replace("{dir}", str(tmp_path)) for a in argv]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1 and message in err
    assert err.startswith(f"zitat {argv[0]}: error: ") and "Traceback" not in err and "cannot reach" not in err


# --- against the store --------------------------------------------------------------------------------
@pytest.fixture
def store_env(redis_server, redis_client, monkeypatch: pytest.MonkeyPatch):  # noqa: F811
    monkeypatch.setenv(defaults.ENV_REDIS_URL, redis_server.url)
    return redis_client


def article_meta(client, text: str, meta: ArticleMeta) -> ArticleMeta:
    """The metadata stored for the article of this text that `meta` identifies."""
    return QuoteService(client).get_article(article_id_for(doc_id_for(text), meta)).meta


def submitted(out: str) -> list[tuple[str, str]]:
    """(label, state) of each line `zitat submit` printed."""
    return [(line.split("\t")[0], line.split("\t")[2]) for line in out.splitlines()]


def test_submit_with_flags_stores_the_metadata(store_env, tmp_path: Path, capsys) -> None:
    (tmp_path / "kanzlerin.txt").write_text(KANZLER, encoding="utf-8")
    assert (
        main(
            [
                "submit",
                str(tmp_path),
                "--title",
                " Hilfen werden verlängert ",
                "--url",
                "https://abendpost.example/hilfen",
                "--outlet",
                "Abendpost",
                "--published",
                "2025-03-04T18:00Z",
                "--author",
                "Jana Beispiel",
                "--language",
                "de",
            ]
        )
        == 0
    )
    assert submitted(capsys.readouterr().out) == [(str(tmp_path / "kanzlerin.txt"), "queued")]
    expected = ArticleMeta(
        "Hilfen werden verlängert",
        "https://abendpost.example/hilfen",
        "Abendpost",
        "2025-03-04T18:00:00+00:00",
        "Jana Beispiel",
        "de",
        1741111200.0,
    )
    assert article_meta(store_env, KANZLER, expected) == expected


def test_submit_html_takes_its_head_and_flags_win(store_env, tmp_path: Path, capsys) -> None:
    page = tmp_path / "seite.html"
    page.write_text(HTML, encoding="utf-8")
    assert main(["submit", str(page), "--outlet", "Agentur Beispiel"]) == 0
    expected = ArticleMeta(
        "Hilfen – verlängert",
        "https://morgenblatt.example/hilfen",
        "Agentur Beispiel",
        "2025-03-04T06:45:00+01:00",
        "",
        "de",
        1741067100.0,
    )
    assert article_meta(store_env, HTML, expected) == expected


def test_submit_manifest_goes_on_past_a_bad_line_and_exits_1(store_env, tmp_path: Path, capsys) -> None:
    (tmp_path / "lieferung").mkdir()
    (tmp_path / "lieferung" / "minister.txt").write_text(MINISTER, encoding="utf-8")
    manifest = manifest_file(
        tmp_path,
        [
            {"path": "minister.txt", "title": "Haushalt solide", "outlet": "Abendpost", "published": "2025-03-05"},
            {"text": KANZLER, "url": "javascript:alert(1)"},
            {"text": KANZLER, "title": "Hilfen", "outlet": "Morgenblatt", "published": "2025-03-04T07:00:00+01:00"},
        ],
    )
    assert main(["submit", "--manifest", str(manifest)]) == 1
    out, err = capsys.readouterr()
    assert f"zitat submit: {manifest}:2: url must be an http:// or https:// address" in err
    assert submitted(out) == [(str(manifest.parent / "minister.txt"), "queued"), (f"{manifest}:3", "queued")]
    minister = ArticleMeta(
        title="Haushalt solide", outlet="Abendpost", published="2025-03-05", published_ts=1741132800.0
    )
    assert article_meta(store_env, MINISTER, minister) == minister
    kanzlerin = ArticleMeta(
        title="Hilfen", outlet="Morgenblatt", published="2025-03-04T07:00:00+01:00", published_ts=1741068000.0
    )
    assert article_meta(store_env, KANZLER, kanzlerin) == kanzlerin


# --- zitat timeline -----------------------------------------------------------------------------------
HILFEN = "„Wir werden die Hilfen verlängern“, sagte Bundeskanzlerin Erika Muster am Dienstag in Berlin."
HAERTE = "„Wir lassen uns nicht erpressen und antworten mit aller Härte“, sagte Muster am Mittwoch."
GESPRAECH = "Man sei jederzeit zu Gesprächen mit der Opposition bereit, erklärte Erika Muster."


def publish(client, text: str, said: str, mention: str, score: float, meta: ArticleMeta) -> None:
    """What a worker does with a processed document: store its quote, publish its article."""
    archive = Archive(client)
    doc_id = doc_id_for(text)
    article_id = archive.register(doc_id, "", meta)
    scored = [
        (quote(text, said, "Erika Muster", mention, cue="sagte" if "sagte" in text else "erklärte"), stance(score))
    ]
    archive.store.write_document(doc_id, "", "test-version", scored, text=text)
    assert archive.publish(article_id) == 1


@pytest.fixture
def timeline_store(store_env):
    publish(
        store_env,
        HILFEN,
        "Wir werden die Hilfen verlängern",
        "Bundeskanzlerin Erika Muster",
        -0.5,
        meta_from_mapping({"outlet": "Morgenblatt", "published": "2025-03-04T07:00:00+01:00"}),
    )
    publish(
        store_env,
        HAERTE,
        "Wir lassen uns nicht erpressen und antworten mit aller Härte",
        "Muster",
        0.8,
        meta_from_mapping({"outlet": "Abendpost", "published": "2025-03-05"}),
    )
    publish(
        store_env,
        GESPRAECH,
        "Man sei jederzeit zu Gesprächen mit der Opposition bereit",
        "Erika Muster",
        0.0,
        meta_from_mapping({"outlet": "Abendpost", "published": "2025-03-19T12:00:00Z"}),
    )
    return store_env


def test_timeline_prints_the_weeks_and_draws_the_picture(timeline_store, tmp_path: Path, capsys) -> None:
    picture = tmp_path / "muster.png"
    assert main(["timeline", "erika muster", "--plot", str(picture)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0] == "Erika Muster: 3 statement(s) per week, 03.03.2025 – 23.03.2025"
    assert lines[1].split() == ["start", "statements", "mean", "hawkish", "neutral", "conciliatory"]
    assert [line.split() for line in lines[2:]] == [
        ["2025-03-03", "2", "+0.15", "1", "0", "1"],
        ["2025-03-10", "0", "–", "0", "0", "0"],
        ["2025-03-17", "1", "+0.00", "0", "1", "0"],
    ]
    assert picture.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") and picture.stat().st_size > 5000
    assert f"picture: {picture}" in err

    svg = tmp_path / "muster.svg"
    assert main(["timeline", "Erika Muster", "--interval", "month", "--plot", str(svg)]) == 0
    assert "Erika Muster: Haltung je Monat, 03.2025" in svg.read_text(encoding="utf-8")
    assert capsys.readouterr().out.splitlines()[2].split() == ["2025-03-01", "3", "+0.10", "1", "1", "1"]


def test_timeline_formats_and_bounds(timeline_store, capsys) -> None:
    assert (
        main(
            [
                "timeline",
                "Erika Muster",
                "--interval",
                "day",
                "--format",
                "jsonl",
                "--from",
                "2025-03-05",
                "--to",
                "2025-03-19",
            ]
        )
        == 0
    )
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 15 and rows[0]["start"] == "2025-03-05" and rows[-1]["start"] == "2025-03-19"
    assert [(r["start"], r["statements"], r["mean_stance"]) for r in rows if r["statements"]] == [
        ("2025-03-05", 1, 0.8),
        ("2025-03-19", 1, 0.0),
    ]
    assert set(rows[0]) == {"speaker", "start", "statements", "mean_stance", "hawkish", "neutral", "conciliatory"}

    assert main(["timeline", "Erika Muster", "--format", "csv", "--to", "2025-03"]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert sum(int(r["statements"]) for r in table) == 3 and table[0]["speaker"] == "Erika Muster"


def test_timeline_of_a_quiet_period_says_so(timeline_store, tmp_path: Path, capsys) -> None:
    picture = tmp_path / "leer.svg"
    assert (
        main(
            [
                "timeline",
                "Erika Muster",
                "--interval",
                "month",
                "--from",
                "2026-01",
                "--to",
                "2026-02",
                "--plot",
                str(picture),
            ]
        )
        == 0
    )
    out, err = capsys.readouterr()
    assert [line.split()[:2] for line in out.splitlines()[2:]] == [["2026-01-01", "0"], ["2026-02-01", "0"]]
    assert "no statements in that period" in err and "keine Aussagen" in picture.read_text(encoding="utf-8")


def test_timeline_of_nobody_exits_1(timeline_store, capsys) -> None:
    assert main(["timeline", "Niemand Bekanntes"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "zitat timeline: no speaker matches 'Niemand Bekanntes'" in err


# --- zitat run ------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_run_takes_a_manifest_and_prints_quotes_with_their_publication(store_env, redis_server, tmp_path: Path):
    """The whole pipeline with the bundled models: metadata from the manifest and the HTML head reach
    the articles, and the quotes printed carry each article's publication time."""
    (tmp_path / "lieferung").mkdir()
    (tmp_path / "lieferung" / "seite.html").write_text(HTML, encoding="utf-8")
    manifest = manifest_file(
        tmp_path,
        [
            {"path": "seite.html", "outlet": "Agentur Beispiel"},
            {
                "text": MINISTER,
                "name": "haushalt",
                "title": "Haushalt solide",
                "published": "2025-03-05T09:30:00+01:00",
            },
        ],
    )
    repo = Path(__file__).resolve().parent.parent
    env = {
        **os.environ,
        **model_env(),
        defaults.ENV_REDIS_URL: redis_server.url,
        "PYTHONPATH": str(repo),
        "ZITAT_THREADS": "1",
    }
    env.pop(defaults.ENV_GRPC_ADDRESS, None)
    done = subprocess.run(
        [sys.executable, "-m", "zitat", "run", "--manifest", str(manifest), "--format", "jsonl"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    by_doc = {r["doc_name"]: r for r in rows}
    assert by_doc["seite"]["published"] == "2025-03-04T05:45:00+00:00"  # the HTML head's time, in UTC
    assert by_doc["haushalt"]["published"] == "2025-03-05T08:30:00+00:00"
    assert any(r["speaker"] == "Erika Muster" and "Hilfen" in r["text"] for r in rows)

    page = ArticleMeta(
        "Hilfen – verlängert",
        "https://morgenblatt.example/hilfen",
        "Agentur Beispiel",
        "2025-03-04T06:45:00+01:00",
        "",
        "de",
        1741067100.0,
    )
    assert article_meta(store_env, HTML, page) == page
    article = QuoteService(store_env).get_article(article_id_for(doc_id_for(HTML), page))
    assert article.quotes and all(q.statement_id for q in article.quotes if q.quote.speaker)
