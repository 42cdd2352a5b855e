"""The newsroom archive end to end: articles with metadata submitted through gRPC and the CLI, processed
by a real worker with the real models on a real redis-server, read back through gRPC and the CLI.

Three composed articles: the same quotation with „…“ (gRPC, a later date, one outlet) and »…«
(CLI flags, an earlier date, another outlet), and an HTML page whose head carries its metadata.
"""

from __future__ import annotations

import csv
import io
import json
import signal
from types import SimpleNamespace

import grpc
import pytest
from conftest import cli_logging_restored
from redis_server import redis_server  # noqa: F401
from test_grpc_quotes import job_pipeline  # noqa: F401
from test_grpc_support import channel, serving

from foundation import defaults
from worker.runner import build_worker
from worker.service import QuoteService
from worker.types import StatementQuery
from zitat.cli import main
from zitat.grpc import converters as conv
from zitat.v1 import zitat_pb2 as pb
from zitat.v1 import zitat_pb2_grpc as pb_grpc

pytestmark = pytest.mark.slow  # real Stanza models and a real redis-server

SAID = "Wir werden die Gespräche über einen Waffenstillstand fortsetzen, solange es nötig ist"
LATER = (
    f"Berlin. Bundeskanzlerin Katharina Wegner hat sich am Mittwoch zur Lage im Osten geäußert. "
    f"„{SAID}“, sagte Wegner vor Journalisten."
)
EARLIER = f"»{SAID}«, sagte Bundeskanzlerin Katharina Wegner am Dienstag in Brüssel."
DEMAND = "Die Lieferungen von Panzern an die Front müssen sofort verdoppelt werden"
PAGE = (
    "<html lang='de'><head><title>Wegner fordert mehr</title>"
    "<meta property='og:site_name' content='Morgenblatt'>"
    "<meta property='article:published_time' content='2025-04-02T07:30:00+02:00'>"
    "<link rel='canonical' href='https://morgenblatt.example/wegner'></head>"
    f"<body><p>„{DEMAND}“, forderte Kanzlerin Katharina Wegner am Dienstag.</p></body></html>"
)


@pytest.fixture(autouse=True)
def _restore_logging(restore_cli_logging):
    """Tests here run `main()` in this process (see conftest.cli_logging_restored)."""


@pytest.fixture(scope="module")
def newsroom(extractor, redis_server, job_pipeline, tmp_path_factory):  # noqa: F811
    client = redis_server.client()
    client.flushall()
    folder = tmp_path_factory.mktemp("articles")
    (folder / "frueher.txt").write_text(EARLIER, encoding="utf-8")
    (folder / "seite.html").write_text(PAGE, encoding="utf-8")
    service = QuoteService(client, extractor=extractor)
    mp = pytest.MonkeyPatch()
    mp.setenv(defaults.ENV_REDIS_URL, redis_server.url)
    try:
        with serving(extractor, service) as (addr, _), channel(addr) as ch:
            stub = pb_grpc.QuotesStub(ch)
            later = stub.SubmitDocument(
                pb.SubmitDocumentRequest(
                    text=LATER,
                    doc_name="spaeter",
                    metadata=pb.ArticleMetadata(
                        title="Wegner will weiter verhandeln",
                        outlet="Tagesblatt",
                        url="https://tagesblatt.example/wegner",
                        published="2025-03-05T09:00:00+01:00",
                        language="de",
                    ),
                ),
                timeout=10,
            )
            with cli_logging_restored():  # main() configures logging for the process
                assert (
                    main(
                        [
                            "submit",
                            str(folder / "frueher.txt"),
                            "--title",
                            "Gespräche gehen weiter",
                            "--outlet",
                            "Abendpost",
                            "--published",
                            "2025-03-04",
                        ]
                    )
                    == 0
                )
                assert main(["submit", str(folder / "seite.html")]) == 0
            handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
            try:
                assert build_worker(client, simple=True).work(burst=True)
            finally:
                for sig, handler in handlers.items():
                    signal.signal(sig, handler)
            yield SimpleNamespace(stub=stub, service=service, later=later, folder=folder)
    finally:
        mp.undo()
        client.flushall()
        client.close()


def test_one_statement_from_two_articles_through_grpc(newsroom) -> None:
    page = newsroom.stub.QuotesBySpeaker(
        pb.QuotesBySpeakerRequest(name="Wegner", sort=pb.SPEAKER_SORT_REPEATED), timeout=10
    )
    assert page.speaker == "Katharina Wegner"
    top = page.statements[0]
    assert (top.text, top.count) == (SAID, 2)
    assert (top.first_seen.metadata.outlet, top.first_seen.metadata.published) == ("Abendpost", "2025-03-04")
    assert [a.metadata.outlet for a in top.articles] == ["Abendpost", "Tagesblatt"]
    later = top.articles[1]
    assert later.article_id == newsroom.later.article_id and LATER[later.start : later.end] == SAID
    assert later.metadata.published == "2025-03-05T09:00:00+01:00"
    article = newsroom.stub.GetArticle(pb.GetArticleRequest(article_id=newsroom.later.article_id), timeout=10)
    assert article.text == LATER and article.metadata.url == "https://tagesblatt.example/wegner"
    assert top.statement_id in [q.statement_id for q in article.quotes]


def test_metadata_from_the_html_head(newsroom) -> None:
    [st] = newsroom.service.statements(StatementQuery(words="Panzer")).statements
    assert st.text == DEMAND and st.speaker == "Katharina Wegner"
    m = st.first_seen.meta
    assert (m.title, m.outlet, m.published, m.url, m.language) == (
        "Wegner fordert mehr",
        "Morgenblatt",
        "2025-04-02T07:30:00+02:00",
        "https://morgenblatt.example/wegner",
        "de",
    )


def test_search_by_word_date_and_outlet_through_grpc(newsroom) -> None:
    def texts(**flt) -> list[str]:
        request = pb.SearchStatementsRequest(filter=pb.StatementFilter(**flt), sort=pb.SPEAKER_SORT_NEWEST)
        return [s.text for s in newsroom.stub.SearchStatements(request, timeout=10).statements]

    assert texts(words="Lieferung") == [DEMAND]  # a compound's part, another form
    assert texts(words="Waffenstillstand", outlet="tagesblatt") == [SAID]
    assert texts(published_from="2025-04", published_to="2025-04-30") == [DEMAND]
    assert SAID in texts(published_to="2025-03-04") and DEMAND not in texts(published_to="2025-03-04")
    assert texts(outlet="Morgenblatt", words="Waffenstillstand") == []
    exported = list(newsroom.stub.ExportStatements(pb.SearchStatementsRequest(speaker="Wegner"), timeout=10))
    assert sorted(s.text for s in exported) == sorted([SAID, DEMAND])
    with pytest.raises(grpc.RpcError) as info:
        newsroom.stub.SearchStatements(pb.SearchStatementsRequest(filter=pb.StatementFilter(min_score=3)), timeout=10)
    assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT


def test_timeline_through_grpc_and_the_cli(newsroom, capsys) -> None:
    response = newsroom.stub.SpeakerTimeline(
        pb.SpeakerTimelineRequest(name="Katharina Wegner", interval=pb.INTERVAL_MONTH), timeout=10
    )
    buckets = [conv.bucket_from_pb(b) for b in response.buckets]
    assert response.speaker == "Katharina Wegner"
    assert [(b.start, b.statements) for b in buckets] == [("2025-03-01", 1), ("2025-04-01", 1)]
    picture = newsroom.folder / "wegner.png"
    assert main(["timeline", "Wegner", "--interval", "week", "--plot", str(picture)]) == 0
    assert picture.read_bytes().startswith(b"\x89PNG") and picture.stat().st_size > 1000
    assert "2025-03-03" in capsys.readouterr().out


def test_speaker_and_export_through_the_cli(newsroom, capsys) -> None:
    assert main(["speaker", "Kanzlerin Wegner", "--format", "jsonl", "--sort", "repeated"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows[0]["text"] == SAID and rows[0]["count"] == 2 and rows[0]["speaker"] == "Katharina Wegner"
    first = rows[0]["first_seen"]
    assert (first["title"], first["outlet"], first["published"]) == (
        "Gespräche gehen weiter",
        "Abendpost",
        "2025-03-04",
    )
    assert [a["outlet"] for a in rows[0]["articles"]] == ["Abendpost", "Tagesblatt"]
    out = newsroom.folder / "export.csv"
    assert main(["export", "--speaker", "Wegner", "--format", "csv", "--output", str(out)]) == 0
    table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {r["text"]: r["count"] for r in table} == {SAID: "2", DEMAND: "1"}
    assert main(["search", "--words", "Gespräch", "--format", "jsonl"]) == 0
    assert [json.loads(line)["text"] for line in capsys.readouterr().out.splitlines()] == [SAID]
    assert main(["export", "--speaker", "Niemand"]) == 1


def test_resubmitting_with_other_metadata_adds_an_article_without_new_work(newsroom) -> None:
    again = newsroom.service.submit_document(
        EARLIER, "kopie", conv.meta_from_pb(pb.ArticleMetadata(outlet="Nachtausgabe", published="2025-03-06"))
    )
    assert (again.state, again.cached) == ("finished", True)
    [st] = newsroom.service.statements(StatementQuery(speaker="Wegner", words="Waffenstillstand")).statements
    assert st.count == 3 and st.first_seen.meta.outlet == "Abendpost"
