"""worker.store and worker.archive against a real redis-server, as a job leaves them (document written,
its article published): idempotent writes, aliases, sorting, paging, key safety."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import replace

import pytest
import redis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from redis_server import redis_client, redis_server  # noqa: F401

from extractor.types import Quote, Span
from foundation.errors import AmbiguousSpeaker, InvalidDocument, NotFound, StoreUnavailable
from stance.types import Evidence, Stance
from worker.archive import Archive
from worker.keys import doc_id_for
from worker.service import page as paged
from worker.store import group_by_speaker
from worker.types import ArticleMeta, StatementQuery

VERSION = "test-model+lexicon-1"

POMPEO_DOC = (
    'Man strebe "grundsätzlich" keinen Krieg mit dem Iran an, beteuerte Außenminister Mike Pompeo in Moskau. '
    "Andernfalls würden die USA mit Waffengewalt reagieren, sagte US-Außenminister Pompeo."
)
PSAKI_DOC = (
    "„Russland ist zu keinem Zeitpunkt von der Nato bedroht worden“, sagte Psaki weiter. "
    "„Wir haben die Fähigkeiten, uns zu verteidigen“, betonte Jen Psaki."
)


def span(doc: str, text: str, after: int = 0) -> Span:
    start = doc.index(text, after)
    return Span(text, start, start + len(text))


def quote(
    doc: str,
    text: str,
    speaker: str | None,
    mention: str | None = None,
    role: str | None = None,
    cue: str | None = None,
    kind: str = "indirect",
) -> Quote:
    s = span(doc, text)
    return Quote(
        text=text,
        start=s.start,
        end=s.end,
        kind=kind,  # type: ignore[arg-type]
        cue=span(doc, cue) if cue else None,
        speaker=speaker,
        speaker_mention=span(doc, mention) if mention else None,
        speaker_role=role,
        confidence=0.87654,
    )


def stance(score: float, evidence: list[Evidence] | None = None) -> Stance:
    label = "hawkish" if score > 0.2 else "conciliatory" if score < -0.2 else "neutral"
    return Stance(score, label, evidence or [])  # type: ignore[arg-type]


def pompeo_quotes() -> list[tuple[Quote, Stance]]:
    d = POMPEO_DOC
    krieg = span(d, "keinen Krieg")
    return [
        (
            quote(
                d,
                'Man strebe "grundsätzlich" keinen Krieg mit dem Iran an',
                "Mike Pompeo",
                "Außenminister Mike Pompeo",
                "Außenminister",
                "beteuerte",
            ),
            stance(-0.6, [Evidence(krieg.text, krieg.start, krieg.end, -0.6, "negated")]),
        ),
        (
            quote(
                d,
                "Andernfalls würden die USA mit Waffengewalt reagieren",
                "Mike Pompeo",
                "US-Außenminister Pompeo",
                "US-Außenminister",
                "sagte",
            ),
            stance(0.8),
        ),
    ]


def psaki_quotes() -> list[tuple[Quote, Stance]]:
    d = PSAKI_DOC
    return [
        (
            quote(
                d,
                "Russland ist zu keinem Zeitpunkt von der Nato bedroht worden",
                "Jen Psaki",
                "Psaki",
                None,
                "sagte",
                "direct",
            ),
            stance(0.1),
        ),
        (
            quote(
                d, "Wir haben die Fähigkeiten, uns zu verteidigen", "Jen Psaki", "Jen Psaki", None, "betonte", "direct"
            ),
            stance(0.4),
        ),
    ]


class QuoteStore:
    """The store's public parts the way a job and a reader use them: write a document, publish it as
    an article without metadata (published at `now`), query statements."""

    def __init__(self, client: redis.Redis) -> None:
        self.archive = Archive(client)
        self.documents = self.archive.store
        self.keys = self.archive.keys
        self.cache_ttl = self.documents.cache_ttl

    def write_document(self, doc_id, doc_name, version, items, now=None) -> int:
        n = self.documents.write_document(doc_id, doc_name, version, items, now=now)
        self.archive.publish(self.archive.register(doc_id, doc_name, ArticleMeta(), now=now))
        return n

    def quotes_by_speaker(self, name, sort="newest", limit=10, offset=0, stance=None, mode=None):
        limit, offset = paged(limit, offset)
        result = self.archive.query(StatementQuery(speaker=name, sort=sort, stance=stance, mode=mode), limit, offset)
        return result.speaker, result.statements, result.total

    def list_speakers(self, limit, offset):
        return self.archive.speakers.busiest(*paged(limit, offset))

    def document_quotes(self, doc_id):
        return self.documents.document_quotes(doc_id)

    def cached(self, doc_id, version):
        return self.documents.cached(doc_id, version)


@pytest.fixture
def store(redis_client: redis.Redis) -> QuoteStore:
    return QuoteStore(redis_client)


def test_roundtrip_keeps_every_field(store: QuoteStore) -> None:
    doc_id = doc_id_for(POMPEO_DOC)
    items = pompeo_quotes()
    assert store.write_document(doc_id, "000_pompeo", VERSION, items, now=1000.0) == 2
    stored = store.document_quotes(doc_id)
    assert [s.quote for s in stored] == [q for q, _ in items]
    assert [s.stance for s in stored] == [st for _, st in items]
    assert stored[0].quote_id == f"{doc_id}:0" and stored[0].doc_name == "000_pompeo"
    assert stored[0].published == 1000.0
    for s in stored:
        assert POMPEO_DOC[s.quote.start : s.quote.end] == s.quote.text
    assert store.cached(doc_id, VERSION).quote_count == 2
    assert store.cached(doc_id, "another-model") is None


def test_rewrite_is_idempotent_and_replaces_the_old_set(store: QuoteStore, redis_client: redis.Redis) -> None:
    doc_id = doc_id_for(POMPEO_DOC)
    for _ in range(3):
        store.write_document(doc_id, "000", VERSION, pompeo_quotes(), now=1000.0)
    canonical, page, total = store.quotes_by_speaker("Pompeo", "newest", 10, 0, None)
    assert (canonical, total, len(page)) == ("Mike Pompeo", 2, 2)
    assert [st.count for st in page] == [1, 1]
    assert store.list_speakers(10, 0)[0].quotes == 2
    statements_before = set(redis_client.keys("zitat:v2:stmt:*"))

    # A new model finds only one quote: the document's set shrinks, counts follow, nothing is left over.
    store.write_document(doc_id, "000", "v2", pompeo_quotes()[:1], now=2000.0)
    assert len(store.document_quotes(doc_id)) == 1
    assert store.quotes_by_speaker("pompeo", "newest", 10, 0, None)[2] == 1
    assert store.quotes_by_speaker("pompeo", "newest", 10, 0, "hawkish")[2] == 0
    assert store.list_speakers(10, 0)[0].quotes == 1
    assert store.document_quotes(doc_id)[0].published == 1000.0  # first-stored time is kept
    assert not redis_client.exists(store.keys.quote(doc_id, 1))
    assert len(set(redis_client.keys("zitat:v2:stmt:*"))) == len(statements_before) - 1
    assert not redis_client.smembers(store.keys.label("hawkish"))

    # No quotes at all: the speaker disappears from the list, and so do the statements.
    store.write_document(doc_id, "000", "v3", [], now=3000.0)
    assert store.list_speakers(10, 0) == []
    assert store.document_quotes(doc_id) == []
    assert not redis_client.keys("zitat:v2:stmt:*") and not redis_client.keys("zitat:v2:term:*")
    assert not redis_client.keys("zitat:v2:speaker:*:days")  # the timeline's day counts went with them
    assert not redis_client.zcard(store.keys.everyone("time"))


@pytest.mark.parametrize(
    "name",
    [
        "Pompeo",
        "pompeo",
        "POMPEO",
        "Mike Pompeo",
        "mike  pompeo",
        "US-Außenminister Pompeo",
        "us-aussenminister pompeo",
        "US‑Außenminister Pompeo",  # non-breaking hyphen
        "Außenminister Pompeo",
        "Pompéo",
        "Außenminister Mike Pompeo",
    ],
)
def test_alias_lookup_is_case_and_diacritics_insensitive(store: QuoteStore, name: str) -> None:
    store.write_document(doc_id_for(POMPEO_DOC), "000", VERSION, pompeo_quotes())
    canonical, page, total = store.quotes_by_speaker(name, "newest", 10, 0, None)
    assert canonical == "Mike Pompeo" and total == 2


def test_diacritics_in_the_stored_name(store: QuoteStore) -> None:
    doc = "„Wir werden nicht zögern“, sagte Recep Tayyip Erdoğan."
    items = [
        (
            quote(
                doc, "Wir werden nicht zögern", "Recep Tayyip Erdoğan", "Recep Tayyip Erdoğan", None, "sagte", "direct"
            ),
            stance(0.5),
        )
    ]
    store.write_document(doc_id_for(doc), "erdogan", VERSION, items)
    for name in ("Erdogan", "erdoğan", "ERDOĞAN", "recep tayyip erdogan"):
        assert store.quotes_by_speaker(name, "newest", 5, 0, None)[0] == "Recep Tayyip Erdoğan"
    assert store.quotes_by_speaker("Erdmann", "newest", 5, 0, None) == (None, [], 0)


def test_a_bare_surname_joins_the_known_speaker(store: QuoteStore) -> None:
    store.write_document(doc_id_for(POMPEO_DOC), "000", VERSION, pompeo_quotes())
    doc = "Pompeo habe die irakische Generalität aufgefordert, die Milizen unter Kontrolle zu halten."
    items = [
        (
            quote(
                doc, "die irakische Generalität aufgefordert, die Milizen unter Kontrolle zu halten", "Pompeo", "Pompeo"
            ),
            stance(0.3),
        )
    ]
    store.write_document(doc_id_for(doc), "later", VERSION, items)
    assert store.quotes_by_speaker("Mike Pompeo", "newest", 10, 0, None)[2] == 3
    assert [(s.speaker, s.quotes) for s in store.list_speakers(10, 0)] == [("Mike Pompeo", 3)]


def one_quote(store: QuoteStore, doc: str, said: str, speaker: str, role: str | None = None) -> None:
    store.write_document(
        doc_id_for(doc), speaker, VERSION, [(quote(doc, said, speaker, speaker, role, "sagte", "direct"), stance(0.0))]
    )


def test_a_full_name_never_finds_another_persons_quotes(store: QuoteStore) -> None:
    one_quote(store, "„Wir bleiben hart“, sagte Wladimir Putin.", "Wir bleiben hart", "Wladimir Putin")
    assert store.quotes_by_speaker("Hans Putin", "newest", 10, 0, None) == (None, [], 0)
    assert store.quotes_by_speaker("Präsident Putin", "newest", 10, 0, None)[0] == "Wladimir Putin"
    assert store.quotes_by_speaker("Putin", "newest", 10, 0, None)[0] == "Wladimir Putin"


def test_a_shared_surname_is_ambiguous_and_names_its_candidates(store: QuoteStore) -> None:
    one_quote(
        store,
        "„Die Truppe braucht mehr Geld“, sagte Boris Pistorius.",
        "Die Truppe braucht mehr Geld",
        "Boris Pistorius",
        "Verteidigungsminister",
    )
    one_quote(store, "„Der Verein steigt auf“, sagte Kurt Pistorius.", "Der Verein steigt auf", "Kurt Pistorius")
    with pytest.raises(AmbiguousSpeaker) as err:
        store.quotes_by_speaker("Pistorius", "newest", 10, 0, None)
    assert err.value.candidates == ["Boris Pistorius", "Kurt Pistorius"] and err.value.field == "name"
    assert store.quotes_by_speaker("Boris Pistorius", "newest", 10, 0, None)[2] == 1
    assert store.quotes_by_speaker("Kurt Pistorius", "newest", 10, 0, None)[2] == 1
    # the role tells them apart where only one of them had it
    assert store.quotes_by_speaker("Verteidigungsminister Pistorius", "newest", 10, 0, None)[0] == "Boris Pistorius"
    # a later bare „Pistorius“ joins neither of them: it is a speaker of its own
    one_quote(store, "„Das ist falsch“, sagte Pistorius.", "Das ist falsch", "Pistorius")
    assert store.quotes_by_speaker("Boris Pistorius", "newest", 10, 0, None)[2] == 1
    assert store.quotes_by_speaker("Kurt Pistorius", "newest", 10, 0, None)[2] == 1


def test_an_alias_cannot_be_claimed_away_by_a_later_person(store: QuoteStore) -> None:
    store.write_document(doc_id_for(POMPEO_DOC), "000", VERSION, pompeo_quotes())
    one_quote(store, "„Wir prüfen das“, sagte Anna Pompeo.", "Wir prüfen das", "Anna Pompeo")
    assert store.quotes_by_speaker("Mike Pompeo", "newest", 10, 0, None)[2] == 2
    assert store.quotes_by_speaker("US-Außenminister Pompeo", "newest", 10, 0, None)[0] == "Mike Pompeo"
    with pytest.raises(AmbiguousSpeaker):
        store.quotes_by_speaker("Pompeo", "newest", 10, 0, None)


@pytest.mark.parametrize("invisible", ["\u00ad", "\u200b", "\u2060", "\ufeff"])
def test_invisible_characters_in_a_name_are_ignored(store: QuoteStore, invisible: str) -> None:
    store.write_document(doc_id_for(POMPEO_DOC), "000", VERSION, pompeo_quotes())
    assert store.quotes_by_speaker(f"Pom{invisible}peo", "newest", 10, 0, None)[0] == "Mike Pompeo"
    assert store.quotes_by_speaker(f"Mike Pom{invisible}peo", "newest", 10, 0, None)[0] == "Mike Pompeo"


def test_quotes_are_filtered_by_mode_alone_and_with_a_stance(store: QuoteStore, redis_client: redis.Redis) -> None:
    doc = (
        "Anna Berg sagte, man werde verhandeln. Anna Berg glaubt, die Truppen müssten bleiben. "
        "Anna Berg schrieb, man brauche mehr Waffen."
    )
    items = [
        (replace(quote(doc, text, "Anna Berg", "Anna Berg"), mode=mode), stance(score))
        for text, mode, score in (
            ("man werde verhandeln", "speech", -0.6),
            ("die Truppen müssten bleiben", "thought", 0.5),
            ("man brauche mehr Waffen", "writing", 0.7),
        )
    ]
    store.write_document(doc_id_for(doc), "berg", VERSION, items)
    by = lambda **f: [st.text for st in store.quotes_by_speaker("Anna Berg", "hawkish", 10, 0, **f)[1]]  # noqa: E731
    assert by(mode="thought") == ["die Truppen müssten bleiben"]
    assert by(mode="writing", stance="hawkish") == ["man brauche mehr Waffen"]
    assert by(mode="speech", stance="hawkish") == []
    assert store.quotes_by_speaker("Anna Berg", "newest", 10, 0, mode="thought")[1][0].mode == "thought"
    with pytest.raises(InvalidDocument):
        store.quotes_by_speaker("Anna Berg", "newest", 10, 0, mode="dream")
    # a rewrite of the document leaves no quote behind in the mode indexes
    store.write_document(doc_id_for(doc), "berg", VERSION, items[:1])
    assert by(mode="writing") == [] and by(mode="speech") == ["man werde verhandeln"]
    assert not redis_client.keys("zitat:v2:tmp:*")  # a query's intersections are gone with it


def test_sorting_by_stance_and_time_with_paging_and_label_filter(store: QuoteStore) -> None:
    store.write_document(doc_id_for(POMPEO_DOC), "old", VERSION, pompeo_quotes(), now=1000.0)
    more = POMPEO_DOC + " Nachtrag."
    extra = [
        (quote(more, "keinen Krieg mit dem Iran", "Mike Pompeo", "Mike Pompeo"), stance(-0.9)),
        (quote(more, "mit Waffengewalt reagieren", "Mike Pompeo", "Pompeo"), stance(0.0)),
    ]
    store.write_document(doc_id_for(more), "new", VERSION, extra, now=2000.0)

    def scores(sort: str, limit: int = 10, offset: int = 0, label: str | None = None) -> list[float]:
        return [st.stance.score for st in store.quotes_by_speaker("Pompeo", sort, limit, offset, label)[1]]

    assert scores("hawkish") == [0.8, 0.0, -0.6, -0.9]
    assert scores("conciliatory") == [-0.9, -0.6, 0.0, 0.8]
    newest = store.quotes_by_speaker("Pompeo", "newest", 10, 0, None)[1]
    assert [st.first_seen.doc_name for st in newest] == ["new", "new", "old", "old"]
    assert [st.first_seen.quote_id.endswith(":0") for st in newest] == [True, False, True, False]  # text order
    assert scores("hawkish", 2, 0) == [0.8, 0.0] and scores("hawkish", 2, 2) == [-0.6, -0.9]
    assert scores("hawkish", 2, 4) == []
    _, page, total = store.quotes_by_speaker("Pompeo", "hawkish", 1, 0, "conciliatory")
    assert total == 2 and [st.stance.score for st in page] == [-0.6]
    assert scores("conciliatory", 10, 0, "hawkish") == [0.8]
    _, page, total = store.quotes_by_speaker("Pompeo", "newest", 0, 0, None)  # 0: the default page
    assert (len(page), total) == (4, 4)


@pytest.mark.parametrize(
    "kwargs", [dict(sort="loudest"), dict(stance="angry"), dict(limit=-1), dict(offset=-5), dict(mode="dream")]
)
def test_bad_query_arguments_are_rejected(store: QuoteStore, kwargs: dict) -> None:
    store.write_document(doc_id_for(POMPEO_DOC), "000", VERSION, pompeo_quotes())
    args = dict(name="Pompeo", sort="newest", limit=10, offset=0, stance=None) | kwargs
    with pytest.raises(InvalidDocument):
        store.quotes_by_speaker(**args)


def test_list_speakers_counts_order_and_aliases(store: QuoteStore) -> None:
    store.write_document(doc_id_for(POMPEO_DOC), "000", VERSION, pompeo_quotes())
    store.write_document(doc_id_for(PSAKI_DOC), "004", VERSION, psaki_quotes()[:1])
    speakers = store.list_speakers(10, 0)
    assert [(s.speaker, s.quotes) for s in speakers] == [("Mike Pompeo", 2), ("Jen Psaki", 1)]
    assert {"Pompeo", "US-Außenminister Pompeo", "Außenminister Mike Pompeo"} <= set(speakers[0].aliases)
    assert "Mike Pompeo" not in speakers[0].aliases
    assert [s.speaker for s in store.list_speakers(1, 1)] == ["Jen Psaki"]
    assert store.list_speakers(10, 5) == []


def test_quotes_without_speaker_are_kept_but_not_indexed(store: QuoteStore) -> None:
    doc = "Die Gefahr eines militärischen Schlagabtauschs wächst, hieß es."
    items = [(quote(doc, "Die Gefahr eines militärischen Schlagabtauschs wächst", None), stance(0.3))]
    doc_id = doc_id_for(doc)
    store.write_document(doc_id, "anon", VERSION, items)
    assert len(store.document_quotes(doc_id)) == 1
    assert store.list_speakers(10, 0) == []
    assert list(group_by_speaker(store.document_quotes(doc_id))) == [None]


def test_unknown_and_malformed_document_ids(store: QuoteStore) -> None:
    with pytest.raises(NotFound):
        store.document_quotes("0" * 64)
    for bad in ("*", "zitat:v2:*", "../etc", "a" * 63, "g" * 64, "", "0" * 64 + "\n"):
        with pytest.raises(NotFound):
            store.document_quotes(bad)


NASTY = [
    "Mr. *",
    "a:b:c",
    "zitat:v2:speakers",
    "Name With  Spaces",
    "Zeile\nZwei",
    "*:*",
    "?[a-z]*",
    "Ελληνικά Όνομα",
    "Nul\x00Byte",
    "Jen Psaki\r\nDEL *",
    "zitat:v2:aliases",
]


def test_names_never_leave_their_key_namespace(store: QuoteStore, redis_client: redis.Redis) -> None:
    for i, name in enumerate(NASTY):
        doc = f"„Wir verhandeln“, sagte {name}. ({i})"
        items = [(quote(doc, "Wir verhandeln", name, name, None, "sagte", "direct"), stance(-0.5))]
        store.write_document(doc_id_for(doc), name, VERSION, items)
    _assert_key_layout(redis_client)
    for name in NASTY:
        canonical, page, total = store.quotes_by_speaker(name, "newest", 5, 0, None)
        assert total == 1 and canonical == " ".join(name.split()), name
        assert page[0].speaker == " ".join(name.split()) and page[0].first_seen.doc_name == name
    assert len(store.list_speakers(100, 0)) == len(NASTY)
    # A pattern is a name, not a pattern: "*" is the surname of "Mr. *" and "Jen Psaki DEL *" only.
    with pytest.raises(AmbiguousSpeaker) as err:
        store.quotes_by_speaker("*", "newest", 50, 0, None)
    assert err.value.candidates == ["Jen Psaki DEL *", "Mr. *"]
    assert store.quotes_by_speaker("?[a-z]", "newest", 50, 0, None)[0] is None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(min_size=1, max_size=40))
def test_any_name_is_just_data(store: QuoteStore, redis_client: redis.Redis, name: str) -> None:
    redis_client.flushall()
    doc = f"„Nein“, sagte {name}."
    items = [(quote(doc, "Nein", name), stance(0.0))]
    store.write_document(doc_id_for(doc), name, VERSION, items)
    _assert_key_layout(redis_client)
    canonical, _, total = store.quotes_by_speaker(name, "newest", 5, 0, None)
    if canonical is not None:  # names that normalise to nothing ("  ", "„") are not indexed
        assert total == 1


_H = {n: rb"[0-9a-f]{%d}" % n for n in (12, 24, 32, 64)}
_KEY = re.compile(
    rb"zitat:v2:(speakers|speaker-names|aliases|suggest|articles|alias:%(32)s|doc:%(64)s(:articles)?|"
    rb"quote:%(64)s:\d+|cache:%(64)s:%(12)s|article:%(64)s|stmt:%(24)s|"
    rb"speaker:%(32)s:(aliases|roles|prints|rev|days|by:(time|stance|count))|all:by:(time|stance|count)|"
    rb"label:(hawkish|neutral|conciliatory)|mode:(speech|thought|writing)|(outlet|term):%(32)s)"
    % {b"12": _H[12], b"24": _H[24], b"32": _H[32], b"64": _H[64]}
)


def _assert_key_layout(client: redis.Redis) -> None:
    keys = client.keys("*")
    assert keys
    for key in keys:
        assert _KEY.fullmatch(key), key


def test_ttl_only_on_cache_keys(store: QuoteStore, redis_client: redis.Redis) -> None:
    store.write_document(doc_id_for(POMPEO_DOC), "000", VERSION, pompeo_quotes())
    store.write_document(doc_id_for(PSAKI_DOC), "004", VERSION, psaki_quotes())
    for key in redis_client.keys("*"):
        ttl = redis_client.ttl(key)
        if key.startswith(b"zitat:v2:cache:"):
            assert 0 < ttl <= store.cache_ttl, key
        else:
            assert ttl == -1, key


def test_concurrent_writers_keep_counts_exact(redis_server) -> None:  # noqa: F811
    """Two workers writing documents of the same speaker at once: WATCH retries, counts stay exact."""
    clients = [redis_server.client() for _ in range(4)]
    clients[0].flushall()
    docs = [f"„Wir verhandeln weiter“, sagte Jen Psaki am Tag {i}." for i in range(24)]

    def write(worker: int) -> None:
        s = QuoteStore(clients[worker])
        for doc in docs[worker::4]:
            items = [(quote(doc, "Wir verhandeln weiter", "Jen Psaki", "Jen Psaki"), stance(-0.4))]
            for _ in range(2):  # and every document twice
                s.write_document(doc_id_for(doc), "x", VERSION, items)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    s = QuoteStore(clients[0])
    assert [(x.speaker, x.quotes) for x in s.list_speakers(5, 0)] == [("Jen Psaki", 24)]
    assert s.quotes_by_speaker("psaki", "newest", 100, 0, None)[2] == 24
    for c in clients:
        c.close()


def test_unreachable_store_fails_fast() -> None:
    from worker.connection import from_url

    started = time.monotonic()
    with pytest.raises(StoreUnavailable, match="cannot reach"):
        from_url("redis://:hunter2@127.0.0.1:1/0")
    assert time.monotonic() - started < 5


def test_unreachable_store_message_hides_the_password() -> None:
    from worker.connection import from_url

    with pytest.raises(StoreUnavailable) as info:
        from_url("redis://:hunter2@127.0.0.1:1/0")
    assert "hunter2" not in str(info.value)
