"""worker.archive and QuoteService against a real redis-server: statements across articles, metadata,
search and filters, timelines, one speaker whatever the order, and the store of format 1.

The quotes are given (the extractor has its own tests): these tests are about what the archive
makes of them, on article pairs composed for the purpose."""

from __future__ import annotations

import json
import threading

import pytest
import redis
from redis_server import redis_client, redis_server  # noqa: F401

from extractor.types import Quote, Span
from stance.types import Evidence, Stance
from worker import codec
from worker.archive import Archive
from worker.keys import doc_id_for
from worker.metadata import parse_published
from worker.service import QuoteService
from worker.types import ArticleMeta, StatementQuery

VERSION = "test-model+lexicon-1"
SAID = "Wir werden die Verhandlungen über einen Waffenstillstand fortsetzen, solange es nötig ist"


def meta(title: str, outlet: str, published: str, url: str = "") -> ArticleMeta:
    text, ts = parse_published(published)
    return ArticleMeta(title=title, url=url, outlet=outlet, published=text, published_ts=ts)


def said(doc: str, text: str, speaker: str | None, role: str | None = None, mode: str = "speech") -> Quote:
    start = doc.index(text)
    mention = speaker.split()[-1] if speaker else None
    at = doc.index(mention) if mention and mention in doc else 0
    return Quote(
        text=text,
        start=start,
        end=start + len(text),
        kind="direct",
        cue=None,
        speaker=speaker,
        speaker_mention=Span(mention, at, at + len(mention)) if mention and mention in doc else None,
        speaker_role=role,
        confidence=0.9,
        mode=mode,
    )  # type: ignore[arg-type]


def stance(score: float, word: str = "") -> Stance:
    label = "hawkish" if score > 0.2 else "conciliatory" if score < -0.2 else "neutral"
    return Stance(score, label, [Evidence(word, 0, len(word), score, "")] if word else [])  # type: ignore[arg-type]


class Newsroom:
    """Articles as a worker leaves them: the document written, every article registered for it published."""

    def __init__(self, client: redis.Redis) -> None:
        self.archive = Archive(client)
        self.service = QuoteService(client)

    def article(self, doc: str, quotes: list[tuple[Quote, Stance]], m: ArticleMeta, name: str = "") -> str:
        doc_id = doc_id_for(doc)
        article_id = self.archive.register(doc_id, name, m)
        self.archive.store.write_document(doc_id, name, VERSION, quotes, text=doc)
        self.archive.publish_document(doc_id)
        return article_id

    def statements(self, **kw) -> list:
        return self.service.statements(StatementQuery(**kw)).statements


@pytest.fixture
def newsroom(redis_client: redis.Redis) -> Newsroom:
    return Newsroom(redis_client)


def test_the_same_quotation_in_two_articles_is_one_statement(newsroom: Newsroom) -> None:
    a = f"Die Kanzlerin Anna Berg sagte am Montag: „{SAID}.“ Sie reiste dann ab."
    b = f"»{SAID}«, erklärte Berg in Berlin. Auch andere äußerten sich."
    later = newsroom.article(
        a,
        [(said(a, SAID, "Anna Berg", "Kanzlerin"), stance(-0.6, "Verhandlungen"))],
        meta(
            "Berg will weiter verhandeln", "Tagesblatt", "2025-03-05T09:00:00+01:00", "https://tagesblatt.example/berg"
        ),
    )
    earlier = newsroom.article(
        b,
        [(said(b, SAID, "Anna Berg"), stance(-0.6, "Verhandlungen"))],
        meta("Gespräche gehen weiter", "Abendpost", "2025-03-04", "https://abendpost.example/b"),
    )
    [st] = newsroom.statements(speaker="Berg")
    assert (st.speaker, st.text, st.count) == ("Anna Berg", SAID, 2)
    assert st.first_seen.article_id == earlier and st.first_seen.meta.outlet == "Abendpost"
    assert st.first_seen.meta.published == "2025-03-04"
    assert [r.article_id for r in st.articles] == [earlier, later]
    for ref, doc in zip(st.articles, (b, a)):
        assert doc[ref.start : ref.end] == ref.text == SAID  # each article's own offsets
    assert [r.speaker_role for r in st.articles] == [None, "Kanzlerin"]  # the role is kept per article
    assert st.articles[1].meta.published == "2025-03-05T09:00:00+01:00"  # its zone kept


def test_a_partial_quote_joins_the_longer_one_and_the_longest_form_wins(newsroom: Newsroom) -> None:
    part = "die Verhandlungen über einen Waffenstillstand fortsetzen"
    a = f"Anna Berg kündigte an, {part}, wolle sie sofort."
    b = f"„{SAID}“, sagte Anna Berg."
    newsroom.article(a, [(said(a, part, "Anna Berg"), stance(-0.3))], meta("A", "Eins", "2025-01-01"))
    newsroom.article(b, [(said(b, SAID, "Anna Berg"), stance(-0.7))], meta("B", "Zwei", "2025-01-02"))
    [st] = newsroom.statements(speaker="Anna Berg")
    assert st.text == SAID and st.count == 2 and st.stance.score == -0.7
    assert st.first_seen.text == part


def test_short_quotes_never_merge_and_other_speakers_never_merge(newsroom: Newsroom) -> None:
    for i, outlet in enumerate(("Eins", "Zwei")):
        doc = f"„Nein“, sagte Anna Berg im Interview {i}. „{SAID}“, sagte Karl Stein."
        newsroom.article(
            doc,
            [(said(doc, "Nein", "Anna Berg"), stance(0.0)), (said(doc, SAID, "Karl Stein"), stance(-0.5))],
            meta(f"T{i}", outlet, f"2025-02-0{i + 1}"),
        )
    assert [st.count for st in newsroom.statements(speaker="Anna Berg")] == [1, 1]
    assert [st.count for st in newsroom.statements(speaker="Karl Stein")] == [2]


def test_search_by_word_outlet_date_score_and_mode(newsroom: Newsroom) -> None:
    docs = [
        (
            "Die Waffenlieferungen müssen sofort verdoppelt werden, und zwar ohne jede Verzögerung",
            0.8,
            "Eins",
            "2025-01-10",
            "speech",
        ),
        (
            "Wir glauben an eine Lösung am Verhandlungstisch, auch wenn es lange dauern wird",
            -0.6,
            "Zwei",
            "2025-02-10",
            "thought",
        ),
        (
            "Die Regierung wird morgen über den Haushalt und die Renten beraten müssen",
            0.0,
            "Eins",
            "2025-03-10",
            "writing",
        ),
    ]
    for text, score, outlet, day, mode in docs:
        doc = f"„{text}“, sagte Anna Berg."
        newsroom.article(doc, [(said(doc, text, "Anna Berg", mode=mode), stance(score))], meta(text[:20], outlet, day))
    texts = lambda **kw: [st.text[:14].strip() for st in newsroom.statements(**kw)]  # noqa: E731
    assert texts(words="Lieferung") == ["Die Waffenlief"]  # a compound found by its part
    assert texts(words="Waffenlieferung Verzögerung") == ["Die Waffenlief"]
    assert texts(words="Waffenlieferung Renten") == []
    assert texts(words="lösungen") == ["Wir glauben an"]  # any form
    assert texts(outlet="eins", sort="hawkish") == ["Die Waffenlief", "Die Regierung"]
    assert texts(published_from="2025-02", published_to="2025-02") == ["Wir glauben an"]
    assert texts(published_from="2025-02-11") == ["Die Regierung"]
    assert texts(min_score=-0.1, max_score=0.1) == ["Die Regierung"]
    assert texts(mode="writing", speaker="Berg") == ["Die Regierung"]
    assert texts(stance="hawkish", speaker="Berg", outlet="Zwei") == []
    assert texts(sort="conciliatory") == ["Wir glauben an", "Die Regierung", "Die Waffenlief"]
    assert texts(sort="newest") == ["Die Regierung", "Wir glauben an", "Die Waffenlief"]
    page = newsroom.service.statements(StatementQuery(sort="newest", limit=1, offset=1))
    assert page.total == 3 and [st.text[:14] for st in page.statements] == ["Wir glauben an"]
    # every way a query can be planned: a date or score range under each order, a word with a speaker
    assert texts(published_from="2025-02", sort="hawkish") == ["Die Regierung", "Wir glauben an"]
    assert texts(published_to="2025-02-28", sort="conciliatory", words="lösung") == ["Wir glauben an"]
    assert texts(min_score=-0.7, sort="hawkish") == ["Die Waffenlief", "Die Regierung", "Wir glauben an"]
    assert texts(max_score=0.5, min_score=-0.1, sort="repeated") == ["Die Regierung"]
    assert texts(speaker="Anna Berg", words="Regierung", published_from="2025-03-01", outlet="Eins") == [
        "Die Regierung"
    ]
    assert texts(speaker="Anna Berg", words="Regierung", published_to="2025-02-01") == []
    page = newsroom.service.statements(StatementQuery(words="Regierung", published_from="2025-03", limit=1))
    assert page.total == 1 and len(page.statements) == 1


def test_most_repeated_first(newsroom: Newsroom) -> None:
    once = "Das Bündnis muss seine Verteidigung an der Ostflanke deutlich stärken"
    for i in range(3):
        doc = f"„{SAID}“, sagte Anna Berg zum {i + 1}. Mal. „{once}“" if i == 0 else f"„{SAID}“, sagte Anna Berg ({i})."
        quotes = [(said(doc, SAID, "Anna Berg"), stance(-0.5))]
        if i == 0:
            quotes.append((said(doc, once, "Anna Berg"), stance(0.5)))
        newsroom.article(doc, quotes, meta(f"T{i}", f"O{i}", f"2025-01-0{i + 1}"))
    assert [(st.count, st.text[:8]) for st in newsroom.statements(speaker="Berg", sort="repeated")] == [
        (3, "Wir werd"),
        (1, "Das Bünd"),
    ]


def test_timeline_through_the_service(newsroom: Newsroom) -> None:
    for i, (day, score) in enumerate((("2025-03-03", 0.6), ("2025-03-04", -0.2), ("2025-03-19", 0.9))):
        text = f"Das ist die {i + 1}. Erklärung der Ministerin zur Lage an der Grenze heute"
        doc = f"„{text}“, sagte Anna Berg."
        newsroom.article(doc, [(said(doc, text, "Anna Berg"), stance(score))], meta(f"T{i}", "Eins", day))
    name, weeks = newsroom.service.speaker_timeline("berg", "week")
    assert name == "Anna Berg"
    assert [(b.start, b.statements, b.hawkish, b.neutral) for b in weeks] == [
        ("2025-03-03", 2, 1, 1),
        ("2025-03-10", 0, 0, 0),
        ("2025-03-17", 1, 1, 0),
    ]
    assert weeks[0].mean_stance == pytest.approx(0.2)
    _, cut = newsroom.service.speaker_timeline("Anna Berg", "month", "2025-03-10", "2025-03-31")
    assert [(b.start, b.statements) for b in cut] == [("2025-03-01", 1)]
    assert newsroom.service.speaker_timeline("Niemand Bekannt", "week") == (None, [])


def test_a_bare_surname_seen_first_joins_the_full_name_later(newsroom: Newsroom) -> None:
    first = f"„{SAID}“, sagte Pompeo."
    newsroom.article(first, [(said(first, SAID, "Pompeo"), stance(-0.5))], meta("A", "Eins", "2025-01-01"))
    second = "„Alle Optionen liegen weiterhin auf dem Tisch, auch militärische“, sagte US-Außenminister Mike Pompeo."
    text = "Alle Optionen liegen weiterhin auf dem Tisch, auch militärische"
    third = f"»{SAID}«, sagte Mike Pompeo."
    newsroom.article(
        second, [(said(second, text, "Mike Pompeo", "US-Außenminister"), stance(0.7))], meta("B", "Zwei", "2025-01-02")
    )
    newsroom.article(third, [(said(third, SAID, "Mike Pompeo"), stance(-0.5))], meta("C", "Drei", "2025-01-03"))
    speakers = newsroom.service.list_speakers(10, 0)
    assert [(s.speaker, s.quotes) for s in speakers] == [("Mike Pompeo", 2)]
    assert "US-Außenminister" in speakers[0].roles
    for name in ("Pompeo", "Mike Pompeo", "US-Außenminister Pompeo"):
        page = newsroom.service.statements(StatementQuery(speaker=name, sort="repeated"))
        assert page.speaker == "Mike Pompeo" and [st.count for st in page.statements] == [2, 1], name
    assert [s.speaker for s in newsroom.service.suggest_speakers("us-aussen")] == ["Mike Pompeo"]


def test_one_surname_two_people_stay_two(newsroom: Newsroom) -> None:
    for first, said_text in (
        ("Hans", "Die Steuern müssen im kommenden Jahr deutlich sinken, sagte er"),
        ("Gerd", "Die Bahn muss im kommenden Jahr deutlich pünktlicher werden, sagte er"),
    ):
        doc = f"„{said_text}“ – {first} Müller."
        newsroom.article(
            doc, [(said(doc, said_text, f"{first} Müller"), stance(0.0))], meta(first, "Eins", "2025-01-01")
        )
    assert sorted(s.speaker for s in newsroom.service.list_speakers(10, 0)) == ["Gerd Müller", "Hans Müller"]
    assert newsroom.service.statements(StatementQuery(speaker="Hans Müller")).total == 1


def test_metadata_again_updates_the_article_and_its_statements(newsroom: Newsroom) -> None:
    doc = f"„{SAID}“, sagte Anna Berg."
    newsroom.article(
        doc, [(said(doc, SAID, "Anna Berg"), stance(-0.5))], meta("Alt", "Eins", "2025-01-05", "https://eins.example/a")
    )
    article_id = newsroom.archive.register(
        doc_id_for(doc), "", meta("Neu", "Eins", "2025-01-01", "https://eins.example/a")
    )
    newsroom.archive.publish(article_id)
    [st] = newsroom.statements(speaker="Berg")
    assert st.count == 1 and st.first_seen.meta.title == "Neu"
    assert [st.text for st in newsroom.statements(published_to="2025-01-02")] == [SAID]


def test_get_article_has_metadata_text_and_statement_ids(newsroom: Newsroom) -> None:
    doc = f"„{SAID}“, sagte Anna Berg. Niemand widersprach, hieß es."
    article_id = newsroom.article(
        doc,
        [(said(doc, SAID, "Anna Berg"), stance(-0.5)), (said(doc, "Niemand widersprach", None), stance(0.0))],
        meta("Titel", "Eins", "2025-01-05T10:00:00Z"),
        name="berg",
    )
    article = newsroom.service.get_article(article_id)
    assert article.text == doc and article.meta.title == "Titel" and article.doc_name == "berg"
    assert [bool(q.statement_id) for q in article.quotes] == [True, False]  # no speaker: no statement
    assert all(q.article_id == article_id for q in article.quotes)
    assert article.quotes[0].published == parse_published("2025-01-05T10:00:00Z")[1]


def test_a_store_of_format_1_is_read(redis_client: redis.Redis) -> None:
    """Keys as version 1 wrote them (prefix zitat:v1:, no articles): copied into statements on first use."""
    doc = f"„{SAID}“, sagte Anna Berg."
    doc_id = doc_id_for(doc)
    q = said(doc, SAID, "Anna Berg")
    row = codec.fields(doc_id, "alt", 0, 1700000000.0, VERSION, q, stance(-0.5, "Verhandlungen"), "x")
    redis_client.hset(f"zitat:v1:quote:{doc_id}:0", mapping=row)
    redis_client.hset(
        f"zitat:v1:doc:{doc_id}",
        mapping={
            "doc_name": "alt",
            "published": "1700000000.0",
            "version": VERSION,
            "quotes": 1,
            "index": json.dumps([["x", "conciliatory", "speech"]]),
        },
    )
    service = QuoteService(redis_client)
    [st] = service.statements(StatementQuery(speaker="Berg")).statements
    assert (st.text, st.stance.label, st.first_seen.doc_name) == (SAID, "conciliatory", "alt")
    assert st.stance.evidence[0].text == "Verhandlungen"
    assert st.first_seen.meta.published == "" and service.document_quotes(doc_id)[0].published == 1700000000.0
    QuoteService(redis_client).list_speakers(5, 0)  # a second process copies nothing twice
    assert service.statements(StatementQuery(speaker="Berg")).total == 1


def test_concurrent_publishers_of_one_speaker_merge_exactly(redis_server) -> None:  # noqa: F811
    """Four workers publish 16 articles of one speaker at once, each quotation printed in 4 of them."""
    clients = [redis_server.client() for _ in range(4)]
    clients[0].flushall()
    texts = [f"Die {n}. Forderung lautet, dass alle Truppen sofort abziehen müssen" for n in range(4)]
    docs = [f"„{texts[i % 4]}“, sagte Anna Berg in Ausgabe {i}." for i in range(16)]

    def work(w: int) -> None:
        room = Newsroom(clients[w])
        for i in range(w, 16, 4):
            room.article(
                docs[i],
                [(said(docs[i], texts[i % 4], "Anna Berg"), stance(0.1))],
                meta(f"T{i}", f"O{i}", f"2025-01-{i + 1:02d}"),
            )

    threads = [threading.Thread(target=work, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    room = Newsroom(clients[0])
    statements = room.statements(speaker="Berg", sort="repeated")
    assert sorted(st.count for st in statements) == [4, 4, 4, 4]
    assert [(s.speaker, s.quotes) for s in room.service.list_speakers(5, 0)] == [("Anna Berg", 4)]
    for c in clients:
        c.close()


def test_the_same_words_under_a_bare_surname_and_the_full_name_become_one_statement(newsroom: Newsroom) -> None:
    first = f"„{SAID}“, sagte Wegner."
    second = f"»{SAID}«, sagte Katharina Wegner am Abend."
    newsroom.article(first, [(said(first, SAID, "Wegner"), stance(-0.5))], meta("A", "Eins", "2025-01-01"))
    newsroom.article(second, [(said(second, SAID, "Katharina Wegner"), stance(-0.5))], meta("B", "Zwei", "2025-01-02"))
    [st] = newsroom.statements(speaker="Wegner")
    assert (st.speaker, st.count, st.first_seen.meta.outlet) == ("Katharina Wegner", 2, "Eins")
    assert [(s.speaker, s.quotes) for s in newsroom.service.list_speakers(10, 0)] == [("Katharina Wegner", 1)]
    _, weeks = newsroom.service.speaker_timeline("Katharina Wegner", "week")
    assert sum(b.statements for b in weeks) == 1  # the day counts moved with the statement


def test_a_quote_that_holds_two_earlier_statements_joins_them(newsroom: Newsroom) -> None:
    first = "Wir werden die Gespräche über einen Waffenstillstand fortsetzen"
    second = "und die Hilfe für die Menschen im Osten weiter erhöhen"
    whole = f"{first} {second}"
    for i, (text, outlet) in enumerate(((first, "Eins"), (second, "Zwei"), (whole, "Drei"))):
        doc = f"„{text}“, sagte Anna Berg ({i})."
        newsroom.article(
            doc, [(said(doc, text, "Anna Berg"), stance(-0.4))], meta(f"T{i}", outlet, f"2025-01-0{i + 1}")
        )
    [st] = newsroom.statements(speaker="Anna Berg")
    assert (st.text, st.count) == (whole, 3) and st.first_seen.meta.outlet == "Eins"
    assert [s.quotes for s in newsroom.service.list_speakers(5, 0)] == [1]
    assert [s.text for s in newsroom.statements(outlet="Zwei")] == [whole]


def test_publishing_again_what_was_published_writes_nothing_and_new_metadata_is_indexed(
    newsroom: Newsroom, redis_client: redis.Redis
) -> None:
    """A resubmitted document (the cache's answer) is published again: with the same document and the
    same article fields nothing is rewritten; with a new date the article is indexed anew."""
    doc = f"Der Minister Jan Hollmann sagte: „{SAID}.“"
    url = "https://tagesblatt.example/hollmann"
    m = meta("Hollmann zu Gesprächen", "Tagesblatt", "2025-05-02", url)
    article_id = newsroom.article(doc, [(said(doc, SAID, "Jan Hollmann", "Minister"), stance(-0.5))], m)
    key = newsroom.archive.keys.article(article_id)
    before = redis_client.hgetall(key)
    writes = redis_client.info("stats")["total_commands_processed"]
    assert newsroom.archive.publish(article_id) == 1
    # the article, the document and the speaker's revision are read; nothing is written
    assert redis_client.hgetall(key) == before
    assert redis_client.info("stats")["total_commands_processed"] - writes < 10
    [st] = newsroom.statements(speaker="Hollmann")
    assert st.first_seen.meta.published == "2025-05-02"

    newsroom.archive.register(doc_id_for(doc), "", meta("Hollmann zu Gesprächen", "Tagesblatt", "2025-04-30", url))
    assert newsroom.archive.publish(article_id) == 1
    [st] = newsroom.statements(speaker="Hollmann")
    assert st.first_seen.meta.published == "2025-04-30"
    assert redis_client.hgetall(key) != before
