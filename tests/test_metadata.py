"""worker.metadata: publication times, filter bounds, explicit fields and what HTML heads say."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from foundation.errors import InvalidDocument
from worker.metadata import (
    MAX_FIELD_CHARS,
    MAX_HTML_SCAN_CHARS,
    MAX_URL_CHARS,
    meta_from_html,
    meta_from_mapping,
    parse_bound,
    parse_published,
)
from worker.types import ArticleMeta


def ts(*args, tz=UTC) -> float:
    return datetime(*args, tzinfo=tz).timestamp()


# --- publication times ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "given, text, stamp",
    [
        ("2025-03-04", "2025-03-04", ts(2025, 3, 4)),
        ("2025-03-04T10:15:00+01:00", "2025-03-04T10:15:00+01:00", ts(2025, 3, 4, 9, 15)),
        ("2025-03-04T10:15:00Z", "2025-03-04T10:15:00+00:00", ts(2025, 3, 4, 10, 15)),
        ("2025-03-04t10:15z", "2025-03-04T10:15:00+00:00", ts(2025, 3, 4, 10, 15)),
        ("2025-03-04T10:15", "2025-03-04T10:15:00", ts(2025, 3, 4, 10, 15)),  # naive: no zone in the text, UTC
        ("2025-03-04 10:15:30", "2025-03-04T10:15:30", ts(2025, 3, 4, 10, 15, 30)),
        ("2025-03-04T10:15:00.250+0100", "2025-03-04T10:15:00.250000+01:00", ts(2025, 3, 4, 9, 15) + 0.25),
        ("2025-03-04T10:15:00,5-05:30", "2025-03-04T10:15:00.500000-05:30", ts(2025, 3, 4, 15, 45) + 0.5),
        ("2025-03-04T10:15:00+02", "2025-03-04T10:15:00+02:00", ts(2025, 3, 4, 8, 15)),
        ("  2024-02-29  ", "2024-02-29", ts(2024, 2, 29)),
    ],
)
def test_published_forms_keep_their_zone_and_give_the_instant(given: str, text: str, stamp: float) -> None:
    assert parse_published(given) == (text, stamp)


def test_empty_published_is_unknown() -> None:
    assert parse_published("") == ("", None) and parse_published("   ") == ("", None)


@pytest.mark.parametrize(
    "bad",
    [
        "gestern",
        "04.03.2025",
        "2025-02-30",
        "2025-03-04T25:00",
        "2025-W10-2",
        "20250304",
        "2025-03",
        "2025",
        "2025-03-04T10:15+25:00",
        "0000-01-01",
        "2025-03-04T10:15:00 Uhr",
        "2025-03-04T10:15:00+01:00\x00",
    ],
)
def test_anything_else_is_refused_with_the_expected_form(bad: str) -> None:
    with pytest.raises(InvalidDocument) as e:
        parse_published(bad)
    assert e.value.field == "published"
    assert "2025-03-04T10:15:00+01:00" in str(e.value) and "ISO 8601" in str(e.value)


def test_published_must_be_text() -> None:
    with pytest.raises(InvalidDocument, match="published must be .* got int"):
        parse_published(20250304)  # type: ignore[arg-type]


# --- filter bounds ----------------------------------------------------------------------------------
def test_bounds_cover_whole_periods() -> None:
    assert parse_bound("2025-03", end=False) == ts(2025, 3, 1)
    assert parse_bound("2025-03", end=True) == pytest.approx(ts(2025, 4, 1) - 1e-6, abs=1e-6)
    assert ts(2025, 3, 31, 23, 59, 59) < parse_bound("2025-03", end=True) < ts(2025, 4, 1)
    assert parse_bound("2024-02", end=True) < ts(2024, 3, 1) < parse_bound("2024-03-01", end=True)
    assert parse_bound("2025-03-04", end=False) == ts(2025, 3, 4)
    assert ts(2025, 3, 4, 23, 59, 59) < parse_bound("2025-03-04", end=True) < ts(2025, 3, 5)
    assert parse_bound("2025", end=False) == ts(2025, 1, 1)
    assert ts(2025, 12, 31, 23, 59, 59) < parse_bound("2025", end=True) < ts(2026, 1, 1)


def test_a_time_bound_is_that_instant_either_way() -> None:
    for end in (False, True):
        assert parse_bound("2025-03-04T10:15:00+01:00", end) == ts(2025, 3, 4, 9, 15)
        assert parse_bound("2025-03-04T10:15", end) == ts(2025, 3, 4, 10, 15)


def test_empty_bound_is_open_and_a_bad_one_names_its_side() -> None:
    assert parse_bound("", end=False) == float("-inf") and parse_bound(" ", end=True) == float("inf")
    for end, field in ((False, "published_from"), (True, "published_to")):
        with pytest.raises(InvalidDocument, match="2025-03-04") as e:
            parse_bound("März 2025", end)
        assert e.value.field == field
    with pytest.raises(InvalidDocument):
        parse_bound("2025-13", end=True)


# --- explicit metadata ------------------------------------------------------------------------------
def test_mapping_fields_are_stripped_and_checked() -> None:
    meta = meta_from_mapping(
        {
            "title": "  Kanzlerin warnt vor\n neuen  Zöllen ",
            "url": "https://zeitung.example/politik/zoelle?id=7",
            "outlet": "Beispiel-Zeitung",
            "published": "2025-03-04T07:30:00+01:00",
            "author": "Erika Muster",
            "language": "de-AT",
            "path": "a.html",
            "text": "ignored here",
            "name": "a",
            "ressort": "Politik",
        }
    )
    assert meta == ArticleMeta(
        title="Kanzlerin warnt vor neuen Zöllen",
        url="https://zeitung.example/politik/zoelle?id=7",
        outlet="Beispiel-Zeitung",
        published="2025-03-04T07:30:00+01:00",
        author="Erika Muster",
        language="de-AT",
        published_ts=ts(2025, 3, 4, 6, 30),
    )
    assert meta_from_mapping({}) == ArticleMeta()
    assert meta_from_mapping({"title": None, "url": ""}) == ArticleMeta()


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript://zeitung.example/%0Aalert(1)",
        "data:text/html,<b>x</b>",
        "ftp://zeitung.example/a",
        "//zeitung.example/a",
        "/politik/a.html",
        "https://",
        "https:///pfad",
        "http://zeitung.example:port/",
        "https://zeitung.example/a b",
        "https://zeitung.example/\u200b",
        "zeitung.example",
        "http://[::1",
    ],
)
def test_urls_that_a_page_must_not_link_are_refused(url: str) -> None:
    with pytest.raises(InvalidDocument, match="http:// or https://") as e:
        meta_from_mapping({"url": url})
    assert e.value.field == "url"


def test_http_urls_with_a_host_pass_as_given() -> None:
    for url in (
        "http://zeitung.example",
        "HTTPS://Zeitung.Example:8443/a?b=c#d",
        "https://[2001:db8::1]/x",
        "https://zeitung.example/" + "a" * (MAX_URL_CHARS - 24),
    ):
        assert meta_from_mapping({"url": url}).url == url


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"title": 7}, "title", "title must be text, got int"),
        ({"outlet": ["Blatt"]}, "outlet", "outlet must be text, got list"),
        ({"author": "Erika\x00Muster"}, "author", "control characters"),
        ({"title": "x" * (MAX_FIELD_CHARS + 1)}, "title", f"the limit is {MAX_FIELD_CHARS}"),
        ({"url": "https://zeitung.example/" + "a" * MAX_URL_CHARS}, "url", f"the limit is {MAX_URL_CHARS}"),
        ({"language": "Deutsch!"}, "language", "language code"),
        ({"language": "de_DE"}, "language", "language code"),
        ({"language": "de-" + "x" * 14}, "language", "at most 16"),
        ({"published": "4. März 2025"}, "published", "ISO 8601"),
    ],
)
def test_bad_fields_name_themselves(data: dict, field: str, message: str) -> None:
    with pytest.raises(InvalidDocument, match=message) as e:
        meta_from_mapping(data)
    assert e.value.field == field


def test_mapping_must_be_a_mapping() -> None:
    with pytest.raises(InvalidDocument, match="must be an object"):
        meta_from_mapping(["title", "x"])  # type: ignore[arg-type]


def test_explicit_fields_win_over_html() -> None:
    html = meta_from_html(
        '<html lang="de"><head><meta property="og:title" content="Titel der Seite">'
        '<meta property="article:published_time" content="2025-03-01T12:00:00Z"></head>'
    )
    given = meta_from_mapping({"title": "Titel aus dem Manifest", "outlet": "Agentur"})
    merged = given.merged(html)
    assert (merged.title, merged.outlet, merged.language) == ("Titel aus dem Manifest", "Agentur", "de")
    assert (merged.published, merged.published_ts) == ("2025-03-01T12:00:00+00:00", ts(2025, 3, 1, 12))


# --- HTML -------------------------------------------------------------------------------------------
PAGE = """<!DOCTYPE html>
<html lang="de_DE">
<head>
  <meta charset="utf-8">
  <title>Gr&uuml;ne fordern &bdquo;Klarheit&ldquo; beim Haushalt
     | Morgenblatt</title>
  <meta property="og:title" content="Gr&uuml;ne fordern &#8222;Klarheit&#8220; &amp; Tempo">
  <meta property="og:site_name" content="Morgenblatt">
  <meta property="og:url" content="https://morgenblatt.example/og-adresse">
  <link rel="stylesheet alternate canonical" href="https://morgenblatt.example/politik/haushalt-123.html">
  <meta property="article:published_time" content="2025-03-04T06:45:00+01:00">
  <meta property="article:author" content="https://morgenblatt.example/autoren/muster">
  <meta name="author" content="Max Muster">
</head>
<body><article><time datetime="2020-01-01">alt</time><p>„Wir brauchen Klarheit“, sagte die Sprecherin.</p>
</article></body></html>"""


def test_html_head_gives_every_field_with_entities_decoded() -> None:
    assert meta_from_html(PAGE) == ArticleMeta(
        title="Grüne fordern „Klarheit“ & Tempo",
        url="https://morgenblatt.example/politik/haushalt-123.html",
        outlet="Morgenblatt",
        published="2025-03-04T06:45:00+01:00",
        author="Max Muster",
        language="de-DE",
        published_ts=ts(2025, 3, 4, 5, 45),
    )


def test_title_tag_og_url_and_article_author_are_fallbacks() -> None:
    page = (
        "<html><head><title>Streit um die Rente &ndash;\n Koalition uneins</title>"
        '<meta property="og:url" content="https://abendpost.example/rente">'
        '<meta property="article:author" content="Jana Beispiel"></head><body></body></html>'
    )
    meta = meta_from_html(page)
    assert (meta.title, meta.url, meta.author) == (
        "Streit um die Rente – Koalition uneins",
        "https://abendpost.example/rente",
        "Jana Beispiel",
    )


def test_publication_from_meta_date_or_the_first_articles_time() -> None:
    assert meta_from_html('<head><meta name="date" content="2025-02-14"></head>').published == "2025-02-14"
    page = (
        '<html><head><meta name="date" content="letzte Woche"></head><body><nav><time datetime="2019-05-05">'
        '</time></nav><article><h1>Wahl</h1><time datetime="2025-02-23T18:00:00+01:00">23. Februar</time>'
        '</article><article><time datetime="2025-01-01"></time></article></body></html>'
    )
    meta = meta_from_html(page)
    assert (meta.published, meta.published_ts) == ("2025-02-23T18:00:00+01:00", ts(2025, 2, 23, 17))
    later = '<html><head></head><body><article>ohne Zeit</article><article><time datetime="2025-01-01">'
    assert meta_from_html(later).published == ""  # only the first article's own time counts


def test_bad_values_in_html_are_dropped_not_fatal() -> None:
    page = (
        '<html lang="Deutsch (Schweiz)"><head><title>Gut</title>'
        '<link rel="canonical" href="javascript:alert(document.cookie)">'
        '<meta property="og:url" content="/nur/ein/pfad">'
        '<meta property="article:published_time" content="Dienstag früh">'
        f'<meta name="author" content="{"A" * (MAX_FIELD_CHARS + 500)}"></head>'
    )
    meta = meta_from_html(page)
    assert (meta.title, meta.url, meta.published, meta.published_ts, meta.language) == ("Gut", "", "", None, "")
    assert len(meta.author) == MAX_FIELD_CHARS


@pytest.mark.parametrize(
    "broken",
    [
        "<title>Eine Überschrift ohne Ende",
        "<html><head><meta property='og:title' content='Halb",
        "<<<>>><!-- <title>im Kommentar</title>",
        '<![CDATA[ <meta content=x> </ <a href="',
        "<html><head><title>a</title></head></html></html><body><article><time datetime='2025-03-04'>",
        '<meta property=og:title content="&#xFFFFFF; &#0; &unknown; &amp">',
        "</head></head><head><title>zweimal</title>",
        "<svg><title>Grafik</title></svg>",
        "<" * 5000,
        "\x00<title>\x00Null\x00</title>",
    ],
)
def test_broken_html_never_raises(broken: str) -> None:
    meta = meta_from_html(broken)
    assert isinstance(meta, ArticleMeta)
    assert all("\x00" not in getattr(meta, f) for f in ("title", "outlet", "author"))


def test_unterminated_title_is_kept_as_far_as_it_went() -> None:
    assert meta_from_html("<title>Eine Überschrift ohne Ende").title == "Eine Überschrift ohne Ende"


def test_plain_text_gives_empty_metadata() -> None:
    assert meta_from_html("„Wir bleiben hart“, sagte der Minister am Dienstag in Berlin.") == ArticleMeta()
    assert meta_from_html("Der Wert liegt bei < 2 Prozent, sagte sie.") == ArticleMeta()
    assert meta_from_html("") == ArticleMeta()


def test_only_the_head_and_the_first_256_kib_are_read() -> None:
    after_head = (
        '<html><head><title>Kopf</title><meta property="article:published_time" content="2025-03-04">'
        '</head><body><meta property="og:site_name" content="im Körper"></body>'
    )
    assert meta_from_html(after_head).outlet == ""
    late = "<html><head>" + "<!-- Füllung -->" * (MAX_HTML_SCAN_CHARS // 16) + "<title>Zu spät</title></head>"
    assert meta_from_html(late).title == ""
