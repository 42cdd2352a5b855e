"""Whatever the web produced, through the library, gRPC and the CLI: a clear error or a correct result,
never a traceback, a hang or a dead server.

Everything is real: the session's Stanza extractor, a real gRPC server on loopback, `zitat extract` in
a subprocess. Documents are German news sentences wrapped in what scraped input really looks like.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import grpc
import pytest
from test_grpc_support import SCHOLZ, SCHOLZ_QUOTE, SCHOLZ_SPEAKER, channel, serving

from extractor.parsing import MAX_PARSE_WORDS
from foundation import defaults
from foundation.errors import InvalidDocument
from zitat.v1 import zitat_pb2 as pb
from zitat.v1 import zitat_pb2_grpc as pb_grpc

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parent.parent
LIMIT = defaults.MAX_DOCUMENT_BYTES

FIVE_MB = ("Die Verhandlungen in Brüssel dauern an. " * 130_000)[:5_000_000]
#: Just below the limit and cheap to parse: one sentence padded with blank lines.
JUST_BELOW = SCHOLZ + "\n" * (LIMIT - 1 - len(SCHOLZ.encode()))
HTML = (
    '<!DOCTYPE html><html><head><title>Nachrichten</title><script>var t = "„Nein“, sagte X";</script>'
    '</head><body><p class="lead">&bdquo;Wir werden nicht nachgeben&ldquo;, sagte Bundeskanzler '
    '<a href="/scholz">Olaf Scholz</a> am Montag.</p><!-- Anzeige -->'
    "<p>Au&szlig;enministerin Annalena Baerbock sagte, man sei zu Gespr&auml;chen bereit.</p></body></html>"
)
#: 1,000 opening marks that never close, one per stray fragment, then the Scholz sentence.
UNBALANCED = "".join(f"Absatz {i} „zitiert " for i in range(1000)) + "\n" + SCHOLZ
NO_BREAK = "„Wir werden nicht nachgeben“,\u00a0sagte Bundeskanzler Olaf\u202fScholz\u200b am Montag.\ufeff"
ZERO_WIDTH_NAME = "„Wir werden nicht nachgeben“, sagte\u200b Bundes\u00adkanzler Olaf\u200bScholz am Montag."
CYRILLIC = "Der russische Außenminister Сергей Лавров sagte, man sei zu Gesprächen bereit."

INVALID = {  # name: (document, words the error must contain)
    "empty": ("", "empty"),
    "whitespace only": (" \n\t \r\n", "empty"),
    "no-break and zero-width spaces only": ("\u00a0\u202f\u200b\u200d\ufeff", "empty"),
    "5 MB": (FIVE_MB, f"limit is {LIMIT} bytes"),
    "binary": ("PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "binary"),
}


def check_offsets(doc: str, quotes) -> None:
    for q in quotes:
        assert 0 <= q.start < q.end <= len(doc) and doc[q.start : q.end] == q.text
        for span in (q.cue, q.speaker_mention):
            if span is not None:
                assert doc[span.start : span.end] == span.text


def scholz(quotes):
    found = [q for q in quotes if q.text == SCHOLZ_QUOTE]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


# --- the library -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", INVALID)
def test_unusable_documents_are_a_clear_invalid_document(extractor, name):
    doc, words = INVALID[name]
    started = time.monotonic()
    with pytest.raises(InvalidDocument, match=words):
        extractor.extract(doc)
    assert time.monotonic() - started < 2  # refused before any parsing


def test_a_document_just_below_the_limit_is_processed(extractor):
    assert len(JUST_BELOW.encode()) == LIMIT - 1
    started = time.monotonic()
    q = scholz(extractor.extract(JUST_BELOW))
    assert q.speaker == SCHOLZ_SPEAKER and time.monotonic() - started < 20


def test_html_quotes_are_found_with_offsets_into_the_html(extractor):
    quotes = extractor.extract(HTML)
    check_offsets(HTML, quotes)
    q = scholz(quotes)
    assert q.speaker == SCHOLZ_SPEAKER and q.cue.text == "sagte" and q.kind == "direct"
    assert HTML[q.start - len("&bdquo;") : q.start] == "&bdquo;"
    (baerbock,) = [q for q in quotes if "bereit" in q.text]
    assert baerbock.text == "man sei zu Gespr&auml;chen bereit"  # the input as given, entity included
    assert baerbock.speaker == "Annalena Baerbock"
    assert not any("Nein" in q.text or "var" in q.text for q in quotes)  # script content is no article


def test_a_thousand_unbalanced_quotation_marks(extractor):
    assert UNBALANCED.count("„") == 1001 and UNBALANCED.count("“") == 1
    started = time.monotonic()
    quotes = extractor.extract(UNBALANCED)
    assert time.monotonic() - started < 30
    check_offsets(UNBALANCED, quotes)
    assert scholz(quotes).speaker == SCHOLZ_SPEAKER


def test_stray_opening_marks_before_a_quotation_in_the_same_paragraph(extractor):
    doc = "„" * 1000 + " " + SCHOLZ
    assert scholz(extractor.extract(doc)).speaker == SCHOLZ_SPEAKER


def test_a_50000_character_sentence_is_cut_into_bounded_sentences(extractor):
    items = ", ".join(["die Energiepartnerschaften", "die Wiederaufbauprogramme", "die Sicherheitsgarantien"] * 2000)
    doc = ("Bundeskanzler Olaf Scholz sagte am Montag in Berlin, die Regierung werde " + items)[:49_990]
    doc = doc[: doc.rindex(",")] + " prüfen."
    assert len(doc) > 49_900 and doc.count(".") == 1
    started = time.monotonic()
    quotes = extractor.extract(doc)
    assert time.monotonic() - started < 60
    check_offsets(doc, quotes)
    (q,) = quotes  # the report is the first piece (MAX_PARSE_WORDS words): the rest is a list, no speech
    assert q.speaker == SCHOLZ_SPEAKER and q.text.startswith("die Regierung werde")
    assert 50 < len(q.text.split()) <= MAX_PARSE_WORDS


def test_a_50000_character_word_is_data_and_costs_nothing(extractor):
    doc = "Anhang: " + "a1b2c3d4e5" * 5000 + "\n" + SCHOLZ  # the tokenizer alone took 45 s on this
    started = time.monotonic()
    quotes = extractor.extract(doc)
    assert time.monotonic() - started < 5
    check_offsets(doc, quotes)
    assert scholz(quotes).speaker == SCHOLZ_SPEAKER


@pytest.mark.parametrize("doc", [NO_BREAK, ZERO_WIDTH_NAME], ids=["no-break spaces", "zero-width characters"])
def test_no_break_and_zero_width_characters(extractor, doc):
    quotes = extractor.extract(doc)
    check_offsets(doc, quotes)
    q = scholz(quotes)
    assert q.speaker == SCHOLZ_SPEAKER and q.cue.text == "sagte"
    assert doc[q.speaker_mention.start : q.speaker_mention.end] == q.speaker_mention.text


def test_a_cyrillic_name_with_its_role(extractor):
    quotes = extractor.extract(CYRILLIC)
    check_offsets(CYRILLIC, quotes)
    (q,) = quotes
    assert q.text == "man sei zu Gesprächen bereit" and q.speaker == "Сергей Лавров"


@pytest.mark.parametrize(
    "doc, name",
    [
        ("„Wir verhandeln nicht“, sagte Außenminister Сергей Лавров am Montag.", "Сергей Лавров"),
        ("„Wir verhandeln nicht“, sagte der Sprecher محمد عبد الله am Montag.", "محمد عبد الله"),
    ],
    ids=["cyrillic after the cue", "arabic"],
)
def test_names_in_other_scripts_are_speakers(extractor, doc, name):
    (q,) = extractor.extract(doc)
    assert q.speaker == name


def test_names_in_other_scripts_never_break_offsets(extractor):
    for doc in (
        "„Wir verhandeln nicht“, sagte Außenminister Сергей Лавров am Montag.",
        "„Wir verhandeln nicht“, sagte der Sprecher محمد عبد الله am Montag.",
        "محمد عبد الله sagte am Montag, die Lage sei ernst.",
    ):
        quotes = extractor.extract(doc)
        check_offsets(doc, quotes)
        assert quotes, doc


# --- gRPC ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def stub(extractor):
    with serving(extractor) as (address, _), channel(address) as ch:
        yield pb_grpc.ExtractorStub(ch)


def still_serving(stub) -> None:
    assert SCHOLZ_QUOTE in [q.text for q in stub.Extract(pb.ExtractRequest(text=SCHOLZ), timeout=60).quotes]


@pytest.mark.parametrize("name", INVALID)
def test_grpc_bad_documents_are_invalid_argument_and_the_server_carries_on(stub, name):
    doc, words = INVALID[name]
    with pytest.raises(grpc.RpcError) as info:
        stub.Extract(pb.ExtractRequest(text=doc), timeout=30)
    assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert words in info.value.details()
    still_serving(stub)


def test_grpc_a_document_above_the_transport_limit_is_refused_and_the_server_carries_on(stub):
    doc = "ä" * (defaults.GRPC_MAX_MESSAGE_BYTES // 2 + 1)
    with pytest.raises(grpc.RpcError) as info:
        stub.Extract(pb.ExtractRequest(text=doc), timeout=30)
    assert info.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    still_serving(stub)


@pytest.mark.parametrize(
    "doc",
    [HTML, UNBALANCED, NO_BREAK, ZERO_WIDTH_NAME, CYRILLIC, JUST_BELOW],
    ids=["html", "unbalanced", "no-break", "zero-width", "cyrillic", "just below the limit"],
)
def test_grpc_odd_but_valid_documents_get_correct_offsets(stub, doc):
    response = stub.Extract(pb.ExtractRequest(text=doc), timeout=60)
    assert response.quotes
    for q in response.quotes:
        assert doc[q.start : q.end] == q.text
        for name in ("cue", "speaker_mention"):
            if q.HasField(name):
                span = getattr(q, name)
                assert doc[span.start : span.end] == span.text
    still_serving(stub)


# --- the CLI ---------------------------------------------------------------------------------------


def test_cli_names_every_bad_file_and_processes_the_others(tmp_path):
    files = {
        "a_invalid_utf8.txt": b"Der Minister sagte: " + b"\xc3\x28 kaputt",
        "b_image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        "c_nul.txt": b"Text\x00mit NUL",
        "d_five_mb.txt": FIVE_MB.encode(),
        "e_zero_width.txt": "\u200b\u200d\ufeff\n".encode(),
        "f_html.txt": HTML.encode(),
        "g_just_below.txt": JUST_BELOW.encode(),
        "h_plain.txt": (SCHOLZ + "\n").encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    out = subprocess.run(
        [sys.executable, "-m", "zitat", "extract", str(tmp_path), "--format", "jsonl"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        env={**os.environ, "ZITAT_THREADS": "1"},
    )
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    errors = {
        line.split(": ")[1].rsplit("/", 1)[-1]: line
        for line in out.stderr.splitlines()
        if line.startswith("zitat extract: ")
    }
    assert "not valid UTF-8 (byte 0xc3 at offset 20)" in errors["a_invalid_utf8.txt"]
    assert "not valid UTF-8" in errors["b_image.txt"]
    assert "binary data" in errors["c_nul.txt"]
    assert f"the limit is {LIMIT} bytes" in errors["d_five_mb.txt"]
    assert "empty" in errors["e_zero_width.txt"]
    assert set(errors) == {"a_invalid_utf8.txt", "b_image.txt", "c_nul.txt", "d_five_mb.txt", "e_zero_width.txt"}
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    by_doc = {}
    for row in rows:
        by_doc.setdefault(row["doc"], []).append(row)
    assert set(by_doc) == {"f_html", "g_just_below", "h_plain"}
    for name, doc_rows in by_doc.items():
        text = (tmp_path / f"{name}.txt").read_text(encoding="utf-8")
        assert any(r["text"] == SCHOLZ_QUOTE and r["speaker"] == SCHOLZ_SPEAKER for r in doc_rows), name
        assert all(text[r["start"] : r["end"]] == r["text"] for r in doc_rows)
