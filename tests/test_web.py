"""`zitat web` at the HTTP level: status codes, error pages, escaping, CSP, CSRF, the size limit, the
access token and the JSON API, on a real redis-server.

The articles here are composed for the tests and written through the store's own write path
(QuoteStore.write_document, Archive.register/publish_document) with hand-made quotes, so that each
test knows exactly what is stored; the browser tests (test_web_browser.py) run the whole way through
a real worker. FastAPI's TestClient calls the real application in-process.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator

import pytest
import redis
from fastapi.testclient import TestClient
from redis_server import redis_client, redis_server  # noqa: F401

from extractor.types import Quote, Span
from foundation import defaults
from stance.types import Evidence, Stance
from worker.connection import client_options
from worker.keys import doc_id_for
from worker.metadata import meta_from_mapping
from worker.service import QuoteService
from zitat.statement_rows import CSV_COLUMNS
from zitat.web import WebSettings, create_app
from zitat.web.security import CSRF_COOKIE, CSRF_FIELD, LOGIN_COOKIE

XSS_TITLE = 'Krüger <script>window.pwned=1</script><img src=x onerror="window.pwned=2">'


def store_article(svc: QuoteService, text: str, quotes: list[tuple], **meta: str) -> str:
    """Write an article with the given quotes (speaker, role, quoted words, label, score, evidence word)
    through the store's write path, publish it, and return its id."""
    doc_id = doc_id_for(text)
    scored = []
    for speaker, role, words, label, score, evidence in quotes:
        start = text.index(words)
        cue = text.index("sagte") if "sagte" in text else 0
        mention = text.index(speaker.split()[-1])
        evidence_list = (
            [
                Evidence(
                    evidence, text.index(evidence), text.index(evidence) + len(evidence), 0.8 if score > 0 else -0.8, ""
                )
            ]
            if evidence
            else []
        )
        scored.append(
            (
                Quote(
                    text=words,
                    start=start,
                    end=start + len(words),
                    kind="direct",
                    cue=Span("sagte", cue, cue + 5),
                    speaker=speaker,
                    speaker_mention=Span(speaker.split()[-1], mention, mention + len(speaker.split()[-1])),
                    speaker_role=role,
                    confidence=0.9,
                ),
                Stance(score, label, evidence_list),
            )
        )
    article_id = svc.archive.register(doc_id, meta.pop("doc_name", ""), meta_from_mapping(meta))
    svc.store.write_document(doc_id, "", "test-version", scored, text=text)
    svc.archive.publish_document(doc_id)
    return article_id


HAWK = (
    "Anna Albers",
    "Außenministerin",
    "Wir werden jede weitere Provokation mit Sanktionen beantworten",
    "hawkish",
    0.6,
    "Sanktionen",
)
DOVE = (
    "Anna Albers",
    "Außenministerin",
    "Wir sind jederzeit zu Verhandlungen bereit",
    "conciliatory",
    -0.7,
    "Verhandlungen",
)


@pytest.fixture
def svc(redis_client: redis.Redis) -> QuoteService:  # noqa: F811
    return QuoteService(redis_client)


@pytest.fixture
def archive(svc: QuoteService) -> dict[str, str]:
    """Three articles: Albers hawkish in March (twice: two outlets), conciliatory in April; a
    hostile article by Krüger; two people called Müller."""
    ids = {}
    ids["march"] = store_article(
        svc,
        "Brüssel. „Wir werden jede weitere Provokation mit Sanktionen beantworten“, sagte Außenministerin Anna Albers.",
        [HAWK],
        title="Albers droht",
        outlet="Morgenpost",
        published="2025-03-04T10:00:00+01:00",
        url="https://example.org/albers-droht",
    )
    ids["march2"] = store_article(
        svc,
        "Berlin. Die Ministerin Anna Albers bleibt hart: „Wir werden jede weitere Provokation mit Sanktionen "
        "beantworten“, sagte Albers.",
        [HAWK],
        title="Albers bleibt hart",
        outlet="Abendblatt",
        published="2025-03-06",
    )
    ids["april"] = store_article(
        svc,
        "Wien. „Wir sind jederzeit zu Verhandlungen bereit“, sagte Anna Albers.",
        [DOVE],
        title="Albers lenkt ein",
        outlet="Morgenpost",
        published="2025-04-10",
    )
    hostile = (
        'Hamburg. „Wir lehnen Gewalt ab <img src=x onerror="window.pwned=2"> <script>window.pwned=1</script> '
        "und wollen Frieden“, sagte Bürgermeister Tobias Krüger."
    )
    ids["hostile"] = store_article(
        svc,
        hostile,
        [
            (
                "Tobias Krüger",
                "Bürgermeister <b>",
                hostile[hostile.index("Wir") : hostile.index("“")],
                "conciliatory",
                -0.3,
                "Frieden",
            )
        ],
        title=XSS_TITLE,
        outlet="<i>Blatt</i>",
        published="2025-05-01",
    )
    for first in ("Anna", "Thomas"):
        store_article(
            svc,
            f"„Das ist ein guter Tag für alle Menschen in der Stadt“, sagte {first} Müller aus {first}stadt.",
            [(f"{first} Müller", None, "Das ist ein guter Tag für alle Menschen in der Stadt", "neutral", 0.0, "")],
            title=f"{first} Müller",
            published="2025-02-01",
        )
    return ids


@pytest.fixture
def client(svc: QuoteService, archive) -> Iterator[TestClient]:
    with TestClient(create_app(svc, WebSettings())) as c:
        yield c


def _message(html: str) -> str:
    m = re.search(r'class="error-message"[^>]*>(.*?)</p>', html, re.S)
    return m.group(1) if m else ""


# --- pages ------------------------------------------------------------------------------------------
def test_home_lists_speakers_and_latest_statements(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert '<html lang="de">' in r.text
    assert "Am häufigsten zitiert" in r.text and "Neueste Aussagen" in r.text
    assert 'href="/speakers/Anna%20Albers"' in r.text
    assert r.text.index("Anna Albers") < r.text.index("Thomas Müller")  # most statements first


@pytest.mark.parametrize("alias", ["Anna Albers", "albers", "ALBERS", "Außenministerin Albers"])
def test_any_alias_finds_the_speaker(client: TestClient, alias: str) -> None:
    r = client.get(f"/speakers/{alias}")
    assert r.status_code == 200
    assert "<h1>Anna Albers</h1>" in r.text
    assert "Außenministerin" in r.text  # roles are shown
    assert "1–2 von 2 Aussagen" in r.text


def test_speaker_page_shows_each_statement_with_its_sources(client: TestClient, archive) -> None:
    html = client.get("/speakers/Albers").text
    # one statement for the quote in two articles, first seen in the earlier one, the other behind <details>
    assert html.count('class="statement"') == 2
    assert "2×" in html
    hawk = html[html.index("jede weitere Provokation") :]
    assert "Albers droht" in hawk and "Morgenpost" in hawk and "4. März 2025, 10:00" in hawk
    assert 'href="https://example.org/albers-droht"' in hawk and 'rel="noopener noreferrer nofollow"' in hawk
    details = hawk[hawk.index("<details") : hawk.index("</details>")]
    assert "Albers bleibt hart" in details and "Abendblatt" in details
    assert "konfrontativ" in html and "versöhnlich" in html and "+0,60" in html and "−0,70" in html
    assert "Sanktionen (+0,80)" in html  # the words that decided the stance
    assert 'src="/speakers/Anna%20Albers/chart.svg?interval=week"' in html
    assert f'href="/articles/{archive["march"]}"' in html


def test_filters_are_kept_in_the_url(client: TestClient) -> None:
    r = client.get("/speakers/Albers?stance=hawkish&from=2025-03-01&to=2025-03-31&outlet=morgenpost&sort=hawkish")
    assert r.status_code == 200
    assert r.text.count('class="statement"') == 1 and "Provokation" in r.text and "Verhandlungen" not in r.text
    assert '<option value="hawkish" selected>' in r.text and 'value="2025-03-01"' in r.text
    assert 'value="morgenpost"' in r.text
    export = re.search(r'id="export-csv" href="([^"]+)"', r.text).group(1)
    assert export.startswith("/speakers/Anna%20Albers/export.csv?") and "stance=hawkish" in export
    assert "from=2025-03-01" in export and "sort=hawkish" in export
    assert client.get("/speakers/Albers?from=2025-04-01").text.count('class="statement"') == 1
    assert client.get("/speakers/Albers?mode=thought").text.count('class="statement"') == 0


def test_empty_state_and_pagination(svc: QuoteService, client: TestClient) -> None:
    r = client.get("/speakers/Albers?stance=neutral")
    assert r.status_code == 200 and "Keine Aussage von Anna Albers passt zu diesen Filtern" in r.text
    for i in range(23):
        store_article(
            svc,
            f"„Heute sprechen wir über die Zahl {i} und über nichts anderes hier“, sagte Jan Vogt.",
            [
                (
                    "Jan Vogt",
                    None,
                    f"Heute sprechen wir über die Zahl {i} und über nichts anderes hier",
                    "neutral",
                    0.0,
                    "",
                )
            ],
            title=f"Vogt {i}",
            published=f"2025-01-{i + 1:02d}",
        )
    first = client.get("/speakers/Vogt?stance=neutral")
    assert first.text.count('class="statement"') == 20 and "Seite 1 von 2" in first.text
    assert 'href="/speakers/Jan%20Vogt?stance=neutral&amp;page=2"' in first.text
    second = client.get("/speakers/Vogt?stance=neutral&page=2")
    assert second.text.count('class="statement"') == 3 and "21–23 von 23" in second.text
    assert "Zahl 0 " in second.text  # newest first: the oldest are last
    beyond = client.get("/speakers/Vogt?page=9")
    assert beyond.status_code == 200 and "Diese Seite ist leer" in beyond.text


def test_article_page_highlights_and_attributes_each_quote(client: TestClient, archive) -> None:
    r = client.get(f"/articles/{archive['march']}")
    assert r.status_code == 200
    assert re.search(
        r'<mark class="quote stance-hawkish" id="zitat-1" title="Anna Albers \(konfrontativ\)">'
        r"Wir werden jede weitere Provokation mit Sanktionen beantworten</mark>",
        r.text,
    )
    assert '<span class="attribution">Anna Albers</span>' in r.text
    assert "Albers droht" in r.text and "Morgenpost" in r.text and "1 konfrontativ" in r.text


def test_hostile_text_is_escaped_everywhere(client: TestClient, archive) -> None:
    pages = [
        client.get(f"/articles/{archive['hostile']}").text,
        client.get("/speakers/Krüger").text,
        client.get("/").text,
        client.get("/search?q=Frieden").text,
    ]
    for html in pages:
        assert "<script>window" not in html and "<img src=x" not in html and "<i>Blatt" not in html
        assert "Bürgermeister <b>" not in html
    article = pages[0]
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=&#34;window.pwned=2&#34;&gt;" in article
    assert "&lt;i&gt;Blatt&lt;/i&gt;" in article and "Bürgermeister &lt;b&gt;" in article
    api = client.get(f"/api/articles/{archive['hostile']}").json()
    assert api["title"] == XSS_TITLE  # JSON keeps the text as it is; JSON is never run


def test_csp_and_security_headers_on_every_response(client: TestClient) -> None:
    for path in ("/", "/speakers/Albers", "/nowhere", "/api/speakers?q=a", "/static/app.js", "/submit"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        script = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
        assert script.strip() == "script-src 'self'" and "unsafe-inline" not in csp, path
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
    html = client.get("/speakers/Albers").text
    assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", html)  # no inline script
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handler


def test_pages_and_assets_are_all_local(client: TestClient) -> None:
    for path in ("/", "/speakers/Albers", "/submit"):
        html = client.get(path).text
        for url in re.findall(r'(?:src|href)="([^"]+)"', html):
            assert url.startswith(("/", "#", "https://example.org/")), (path, url)
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/app.js").status_code == 200


def test_chart_is_an_svg_of_the_timeline(client: TestClient) -> None:
    r = client.get("/speakers/Albers/chart.svg?interval=month")
    assert r.status_code == 200 and r.headers["content-type"] == "image/svg+xml"
    assert r.content.lstrip().startswith((b"<?xml", b"<svg")) and b"Anna Albers" in r.content
    assert client.get("/speakers/Albers/chart.svg?interval=year").status_code == 400
    assert client.get("/speakers/Niemand/chart.svg").status_code == 404


# --- errors -----------------------------------------------------------------------------------------
def test_missing_speaker_and_article_are_404_pages(client: TestClient) -> None:
    r = client.get("/speakers/Albrecht")
    assert r.status_code == 404 and "Person nicht gefunden" in r.text and "Traceback" not in r.text
    near = client.get("/speakers/Alb")
    assert near.status_code == 404 and 'href="/speakers/Anna%20Albers"' in near.text  # "Meinten Sie"
    article = client.get("/articles/" + "0" * 64)
    assert article.status_code == 404 and "Nicht gefunden" in article.text
    assert client.get("/articles/not-an-id").status_code == 404
    assert client.get("/api/speakers/Albrecht/statements").json()["error"] == "not_found"
    assert client.get("/no/such/page").status_code == 404


@pytest.mark.parametrize(
    "query, field",
    [
        ("page=0", "Seite"),
        ("page=x", "Seite"),
        ("stance=wütend", "Haltung"),
        ("from=gestern", "von"),
        ("to=2025-13-01", "bis"),
        ("mode=singing", "Art"),
        ("sort=random", "Sortierung"),
        ("interval=year", "Intervall"),
    ],
)
def test_bad_filters_are_400_pages_naming_the_field(client: TestClient, query: str, field: str) -> None:
    r = client.get(f"/speakers/Albers?{query}")
    assert r.status_code == 400, r.text[:300]
    assert f"„{field}“" in _message(r.text) and "Traceback" not in r.text


def test_ambiguous_surname_lists_the_candidates(client: TestClient) -> None:
    r = client.get("/speakers/Müller")
    assert r.status_code == 409
    assert 'href="/speakers/Anna%20M%C3%BCller"' in r.text and 'href="/speakers/Thomas%20M%C3%BCller"' in r.text
    api = client.get("/api/speakers/Müller/statements").json()
    assert api["error"] == "ambiguous_speaker" and set(api["candidates"]) == {"Anna Müller", "Thomas Müller"}


def test_redis_down_is_a_503_page_saying_so(redis_server) -> None:  # noqa: F811
    from redis_server import free_port

    dead = redis.Redis.from_url(f"redis://127.0.0.1:{free_port()}/0", **client_options())
    with TestClient(create_app(QuoteService(dead), WebSettings())) as c:
        for path in ("/", "/speakers/Albers", "/submit", "/api/speakers?q=al"):
            r = c.get(path)
            if path == "/submit":
                assert r.status_code == 200  # the form needs no store
                continue
            assert r.status_code == 503, path
            assert "Redis" in (r.text if not path.startswith("/api") else r.json()["message"])
            assert "Traceback" not in r.text
        health = c.get("/healthz")
        assert health.status_code == 503 and health.json()["store"] == "unreachable"


def test_the_store_is_connected_lazily_and_again_after_a_failure(redis_server, monkeypatch) -> None:  # noqa: F811
    from redis_server import free_port

    from worker import connection

    monkeypatch.setenv(defaults.ENV_REDIS_URL, f"redis://127.0.0.1:{free_port()}/0")
    connection.close_default()
    try:
        with TestClient(create_app(None, WebSettings())) as c:
            assert c.get("/").status_code == 503
            monkeypatch.setenv(defaults.ENV_REDIS_URL, redis_server.url)
            assert c.get("/").status_code == 200 and c.get("/healthz").json()["status"] == "ok"
    finally:
        connection.close_default()


# --- submit: CSRF and size limits -------------------------------------------------------------------
ARTICLE = "Kiel. „Wir wollen den Hafen bis zum Sommer vollständig modernisieren“, sagte Bürgermeisterin Eva Hahn."


def _form_token(c: TestClient) -> str:
    r = c.get("/submit")
    token = re.search(rf'name="{CSRF_FIELD}" value="([^"]+)"', r.text).group(1)
    assert c.cookies.get(CSRF_COOKIE) == token
    return token


def test_submit_form_queues_the_article_and_shows_progress(client: TestClient, svc: QuoteService) -> None:
    token = _form_token(client)
    r = client.post(
        "/submit",
        data={
            CSRF_FIELD: token,
            "text": ARTICLE,
            "title": "Hafen",
            "outlet": "Nordblatt",
            "published": "2025-06-01T09:00:00+02:00",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/jobs/")
    page = client.get(r.headers["location"])
    assert page.status_code == 200 and '<meta http-equiv="refresh" content="2">' in page.text
    assert "in der Warteschlange" in page.text
    assert svc.queue.count == 1


def test_submit_takes_a_file_upload(client: TestClient) -> None:
    token = _form_token(client)
    r = client.post(
        "/submit",
        data={CSRF_FIELD: token},
        files={"file": ("hafen.txt", ARTICLE.encode(), "text/plain")},
        follow_redirects=False,
    )
    assert r.status_code == 303
    bad = client.post("/submit", data={CSRF_FIELD: token}, files={"file": ("x.txt", b"\xff\xfe\x00bad", "text/plain")})
    assert bad.status_code == 400 and "UTF-8" in _message(bad.text)


def test_submit_without_a_valid_csrf_token_is_refused(client: TestClient, svc: QuoteService) -> None:
    assert client.post("/submit", data={"text": ARTICLE}).status_code == 403
    token = _form_token(client)
    assert client.post("/submit", data={CSRF_FIELD: "x" + token, "text": ARTICLE}).status_code == 403
    client.cookies.set(CSRF_COOKIE, "forged.token")
    assert client.post("/submit", data={CSRF_FIELD: "forged.token", "text": ARTICLE}).status_code == 403
    # a token signed by another server (another secret) does not pass either
    other = TestClient(create_app(svc, WebSettings()))
    foreign = _form_token(other)
    client.cookies.set(CSRF_COOKIE, foreign)
    r = client.post("/submit", data={CSRF_FIELD: foreign, "text": ARTICLE})
    assert r.status_code == 403 and "Formular" in r.text
    assert svc.queue.count == 0


def test_submit_form_errors_name_the_field_and_keep_the_input(client: TestClient) -> None:
    token = _form_token(client)
    r = client.post(
        "/submit", data={CSRF_FIELD: token, "text": ARTICLE, "published": "letzte Woche", "title": "Mein <Titel>"}
    )
    assert r.status_code == 400 and "„Veröffentlicht“" in _message(r.text)
    assert 'value="Mein &lt;Titel&gt;"' in r.text and "Bürgermeisterin Eva Hahn" in r.text
    script_url = client.post("/submit", data={CSRF_FIELD: token, "text": ARTICLE, "url": "javascript:alert(1)"})
    assert script_url.status_code == 400 and "„URL“" in _message(script_url.text)
    empty = client.post("/submit", data={CSRF_FIELD: token, "text": "   "})
    assert empty.status_code == 400 and "Text" in _message(empty.text)


def test_request_size_limit(client: TestClient, svc: QuoteService) -> None:
    limit = WebSettings().max_request_bytes
    assert limit == defaults.MAX_DOCUMENT_BYTES + 64 * 1024
    token = _form_token(client)
    r = client.post("/submit", data={CSRF_FIELD: token, "text": "a" * (limit + 1)})
    assert r.status_code == 413 and "2 MiB" in r.text
    api = client.post("/api/articles", json={"text": "a" * (limit + 1)})
    assert api.status_code == 413 and api.json()["error"] == "too_large"

    def chunks():  # no Content-Length: the body is counted as it arrives
        for _ in range(limit // (256 * 1024) + 2):
            yield b"a" * (256 * 1024)

    streamed = client.post("/api/articles", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413
    # a document over the document limit but within the request limit: 400 naming the limit
    over = client.post("/submit", data={CSRF_FIELD: token, "text": "a" * (defaults.MAX_DOCUMENT_BYTES + 1)})
    assert over.status_code == 400 and "„Text“" in _message(over.text)
    assert svc.queue.count == 0
    # a long article pasted into the form (multipart, as browsers send it) is taken whole
    long_text = ARTICLE + " Und weiter." * 130_000
    assert 1024 * 1024 < len(long_text) < defaults.MAX_DOCUMENT_BYTES
    taken = client.post(
        "/submit",
        data={CSRF_FIELD: token, "text": long_text},
        files={"file": ("", b"", "application/octet-stream")},
        follow_redirects=False,
    )
    assert taken.status_code == 303, _message(taken.text)
    assert svc.queue.count == 1


# --- access token -----------------------------------------------------------------------------------
def test_access_token(svc: QuoteService, archive) -> None:
    with TestClient(create_app(svc, WebSettings(token="s3cret-token"))) as c:
        page = c.get("/speakers/Albers?stance=hawkish", follow_redirects=False)
        assert page.status_code == 303
        assert page.headers["location"] == "/login?next=%2Fspeakers%2FAlbers%3Fstance%3Dhawkish"
        assert c.get("/api/speakers?q=al").status_code == 401
        assert c.get("/api/speakers?q=al", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/api/speakers?q=al", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
        assert c.get("/healthz").status_code == 200 and c.get("/static/style.css").status_code == 200
        assert c.post("/submit", data={"text": ARTICLE}).status_code == 401

        login = c.get("/login?next=/speakers/Albers")
        token = re.search(rf'name="{CSRF_FIELD}" value="([^"]+)"', login.text).group(1)
        wrong = c.post("/login", data={CSRF_FIELD: token, "token": "nope", "next": "/speakers/Albers"})
        assert wrong.status_code == 401 and LOGIN_COOKIE not in c.cookies
        ok = c.post(
            "/login",
            data={CSRF_FIELD: token, "token": "s3cret-token", "next": "//evil.example/"},
            follow_redirects=False,
        )
        assert ok.status_code == 303 and ok.headers["location"] == "/"  # never off-site
        assert c.get("/speakers/Albers").status_code == 200

    with TestClient(create_app(svc, WebSettings(token="s3cret-token"))) as c:
        once = c.get("/speakers/Albers?token=s3cret-token&stance=hawkish", follow_redirects=False)
        assert once.status_code == 303 and once.headers["location"] == "/speakers/Albers?stance=hawkish"
        assert c.get("/api/speakers?q=al").status_code == 200  # the cookie is set


# --- JSON API ---------------------------------------------------------------------------------------
def test_openapi_documents_the_api(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/speakers",
        "/api/speakers/{name}/statements",
        "/api/speakers/{name}/timeline",
        "/api/articles/{article_id}",
        "/api/articles",
        "/healthz",
    ):
        assert path in paths, path
    assert "post" in paths["/api/articles"]
    params = {p["name"] for p in paths["/api/speakers/{name}/statements"]["get"]["parameters"]}
    assert {"q", "stance", "from", "to", "outlet", "mode", "sort", "limit", "offset"} <= params
    assert not any(p.startswith("/speakers") for p in paths)  # pages are not API


def test_api_speakers_suggest_by_name_alias_and_role(client: TestClient) -> None:
    for q in ("alb", "Anna", "außenmin", "AUSSENMIN"):
        names = [s["speaker"] for s in client.get("/api/speakers", params={"q": q}).json()["speakers"]]
        assert names[:1] == ["Anna Albers"], q
    top = client.get("/api/speakers").json()["speakers"]
    assert top[0]["speaker"] == "Anna Albers" and top[0]["statements"] == 2
    assert top[0]["page"] == "/speakers/Anna%20Albers"


def test_api_statements_with_filters(client: TestClient) -> None:
    body = client.get("/api/speakers/albers/statements", params={"sort": "hawkish"}).json()
    assert body["speaker"] == "Anna Albers" and body["total"] == 2
    hawk = body["statements"][0]
    assert hawk["stance"]["label"] == "hawkish" and hawk["count"] == 2
    assert hawk["first_seen"]["title"] == "Albers droht" and hawk["first_seen"]["outlet"] == "Morgenpost"
    assert [a["outlet"] for a in hawk["articles"]] == ["Morgenpost", "Abendblatt"]
    assert client.get("/api/speakers/albers/statements", params={"stance": "conciliatory"}).json()["total"] == 1
    assert client.get("/api/speakers/albers/statements", params={"to": "2025-03"}).json()["total"] == 1
    assert client.get("/api/speakers/albers/statements", params={"q": "Verhandlungen"}).json()["total"] == 1
    assert client.get("/api/speakers/albers/statements", params={"min_score": 0.5}).json()["total"] == 1
    assert client.get("/api/statements", params={"outlet": "abendblatt"}).json()["total"] == 1
    bad = client.get("/api/speakers/albers/statements", params={"stance": "angry"})
    assert bad.status_code == 400 and bad.json()["error"] == "invalid_argument"
    assert client.get("/api/speakers/albers/statements", params={"limit": 0}).status_code == 400


def test_api_timeline_and_article(client: TestClient, archive) -> None:
    body = client.get("/api/speakers/Albers/timeline", params={"interval": "month"}).json()
    assert body["speaker"] == "Anna Albers"
    assert [(b["start"], b["statements"]) for b in body["buckets"]] == [("2025-03-01", 1), ("2025-04-01", 1)]
    article = client.get(f"/api/articles/{archive['april']}").json()
    assert article["title"] == "Albers lenkt ein" and article["quotes"][0]["speaker"] == "Anna Albers"
    assert article["quotes"][0]["stance"]["label"] == "conciliatory"


def test_api_submit_and_follow_the_job(client: TestClient, svc: QuoteService) -> None:
    r = client.post("/api/articles", json={"text": ARTICLE, "title": "Hafen", "outlet": "Nordblatt"})
    assert r.status_code == 202, r.text
    job = r.json()
    assert job["state"] == "queued" and job["article_id"] and r.headers["location"] == f"/api/jobs/{job['job_id']}"
    assert client.get(f"/api/jobs/{job['job_id']}").json()["state"] == "queued"
    assert client.get("/api/jobs/nonsense").status_code in (400, 404)
    bad = client.post("/api/articles", json={"text": ARTICLE, "published": "gestern"})
    assert bad.status_code == 400 and bad.json()["field"] == "published"
    # a cross-site form cannot post JSON: other content types are refused and nothing is queued
    plain = client.post(
        "/api/articles", content=json.dumps({"text": ARTICLE + " "}), headers={"content-type": "text/plain"}
    )
    assert plain.status_code == 400
    assert svc.queue.count == 1


# --- exports ----------------------------------------------------------------------------------------
def test_export_csv_and_jsonl_of_the_filtered_view(client: TestClient) -> None:
    r = client.get("/speakers/Albers/export.csv?stance=hawkish")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"].startswith('attachment; filename="zitat-Anna-Albers.csv"')
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 1 and rows[0]["stance_label"] == "hawkish" and rows[0]["count"] == "2"
    assert rows[0]["first_outlet"] == "Morgenpost" and rows[0]["first_url"] == "https://example.org/albers-droht"
    lines = client.get("/speakers/Albers/export.jsonl").text.splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["speaker"] == "Anna Albers" and {"text", "stance", "count", "first_seen", "articles"} <= set(first)
    assert client.get("/speakers/Albers/export.csv?stance=neutral").text.strip() == ",".join(CSV_COLUMNS)


def test_export_errors_are_pages(client: TestClient) -> None:
    bad = client.get("/speakers/Albers/export.csv?from=gestern")
    assert bad.status_code == 400 and "„von“" in _message(bad.text)
    assert client.get("/speakers/Niemand/export.jsonl").status_code == 404


def test_settings_from_the_environment(monkeypatch) -> None:
    from zitat.web.settings import split_address

    monkeypatch.setenv("ZITAT_WEB_ADDRESS", "0.0.0.0:9000")
    monkeypatch.setenv("ZITAT_WEB_TOKEN", "t0ken")
    monkeypatch.setenv("ZITAT_WEB_SECRET", "shared")
    settings = WebSettings.from_settings()
    assert settings.host_port == ("0.0.0.0", 9000) and settings.token == "t0ken"
    assert settings.sign("csrf", "x") == WebSettings.from_settings().sign("csrf", "x")  # a shared secret
    assert WebSettings.from_settings("127.0.0.1:1").address == "127.0.0.1:1"  # --address wins
    monkeypatch.delenv("ZITAT_WEB_SECRET")
    assert WebSettings.from_settings().sign("csrf", "x") != WebSettings.from_settings().sign("csrf", "x")
    assert split_address("[::1]:8080") == ("::1", 8080)
    for bad in ("localhost", ":80", "host:", "host:99999", "host:http"):
        with pytest.raises(ValueError):
            split_address(bad)


def test_export_cells_never_start_a_formula(svc: QuoteService, client: TestClient) -> None:
    store_article(
        svc,
        '„=HYPERLINK("http://x") ist kein guter Plan für uns alle“, sagte Paul Roth.',
        [("Paul Roth", None, '=HYPERLINK("http://x") ist kein guter Plan für uns alle', "neutral", 0.0, "")],
    )
    rows = list(csv.DictReader(io.StringIO(client.get("/speakers/Roth/export.csv").text)))
    assert rows[0]["text"].startswith("'=")


def test_search_goes_to_the_speaker_or_lists_matches(client: TestClient) -> None:
    r = client.get("/search?q=Außenministerin Albers", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/speakers/Anna%20Albers"
    words = client.get("/search?q=Verhandlungen")
    assert words.status_code == 200 and "Wir sind jederzeit zu Verhandlungen bereit" in words.text
    assert client.get("/search?q=", follow_redirects=False).headers["location"] == "/"


# --- the command ------------------------------------------------------------------------------------
def _started(proc) -> str:
    from zitat_processes import wait_for

    found: list[str] = []

    def listening() -> bool:
        m = re.search(r"listening on (http://127\.0\.0\.1:\d+)/", proc.text())
        if m:
            found.append(m.group(1))
        return bool(m)

    wait_for(listening, 60, "zitat web to listen", proc)
    return found[0]


def _get(url: str) -> tuple[int, dict]:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def test_zitat_web_serves_the_configured_redis(redis_server, tmp_path) -> None:  # noqa: F811
    from zitat_processes import ZitatProcess, zitat_env

    from zitat.web import healthcheck

    proc = ZitatProcess(["web", "--address", "127.0.0.1:0"], zitat_env(redis_server.url), tmp_path / "web.log")
    try:
        base = _started(proc)
        assert _get(f"{base}/healthz") == (200, {"status": "ok", "store": "ok"})
        assert healthcheck.main([f"{base}/healthz"]) == 0
    finally:
        assert proc.stop(30) == 0, proc.tail()
    assert healthcheck.main([f"{base}/healthz", "--timeout", "1"]) == 1


def test_zitat_web_on_the_embedded_redis(tmp_path) -> None:
    import psutil
    from zitat_processes import ZitatProcess, zitat_env

    def ours() -> set[int]:  # redis-server processes keeping their data in this test's folder
        pids = set()
        for p in psutil.process_iter(["name"]):
            try:
                if p.info["name"] == "redis-server" and str(tmp_path) in p.cwd():
                    pids.add(p.pid)
            except psutil.Error:
                pass
        return pids

    env = zitat_env(None, ZITAT_DATA_DIR=str(tmp_path / "data"))
    proc = ZitatProcess(["web", "--address", "127.0.0.1:0"], env, tmp_path / "web.log")
    try:
        base = _started(proc)
        status, body = _get(f"{base}/healthz")  # connects now: starts the embedded Redis
        assert status == 200, body
        assert ours()
    finally:
        assert proc.stop(30) == 0, proc.tail()
    assert not ours(), "the embedded Redis outlived zitat web"


def test_zitat_web_refuses_a_bad_address() -> None:
    import subprocess
    import sys

    from zitat_processes import REPO, zitat_env

    done = subprocess.run(
        [sys.executable, "-m", "zitat", "web", "--address", "localhost"],
        cwd=REPO,
        env=zitat_env(None),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "expected HOST:PORT" in done.stderr and "Traceback" not in done.stderr


def test_listening_socket_is_tcp_so_nagle_is_off() -> None:
    import socket

    from zitat.commands.web import listen

    sock = listen("127.0.0.1", 0)
    try:
        # asyncio sets TCP_NODELAY on accepted sockets only when the listening one says IPPROTO_TCP;
        # with Nagle on, each kept-alive response waits ~40 ms for the client's delayed ACK
        assert sock.proto == socket.IPPROTO_TCP
    finally:
        sock.close()
