"""extractor.markup: what the parser reads of scraped HTML and data — same length, offsets kept.

The extractor-level behaviour (quotes in HTML found, offsets into the HTML) is in test_bad_input.py;
these are the masking rules themselves, without a model.
"""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.markup import MAX_DATA_RUN, mask
from extractor.types import Quote, Span

PAGE = (
    '<p class="lead">&bdquo;Wir werden nicht nachgeben&ldquo;, sagte <a href="/scholz">Olaf Scholz</a>.</p>'
    '<!-- Werbung --><script>var q = "„Nein“, sagte X";</script>'
    "<p>Au&szlig;enministerin Sch<b>ö</b>nbohm sagte&nbsp;&quot;Nein&quot;.</p>"
)


def test_tags_comments_and_scripts_vanish_references_are_decoded_and_offsets_stay():
    m = mask(PAGE)
    assert len(m.text) == len(PAGE)
    words = m.text.split()
    assert words[:5] == ["„Wir", "werden", "nicht", "nachgeben“,", "sagte"]
    assert "Außenministerin" in words and "Schönbohm" in words and '"Nein".' in words
    assert not any(c in m.text for c in "<>") and "var" not in m.text and "Werbung" not in m.text
    # Paragraphs stay paragraphs: the block-level tags became line breaks.
    assert m.text.count("\n") == 4
    # Text that markup did not touch sits where it was.
    for word in ("nachgeben", "Olaf Scholz", "sagte"):
        assert m.text.index(word) == PAGE.index(word)


def test_restore_maps_spans_back_to_the_html_as_given():
    m = mask(PAGE)
    i, j = m.text.index("Außenministerin"), m.text.index("Schönbohm") + len("Schönbohm")
    found = Quote(
        text="Nein",
        start=m.text.index("Nein"),
        end=m.text.index("Nein") + 4,
        kind="direct",
        cue=Span("sagte", m.text.index("sagte", i), m.text.index("sagte", i) + 5),
        speaker="Schönbohm",
        speaker_mention=Span(m.text[i:j], i, j),
        speaker_role="Außenministerin",
        confidence=0.9,
    )
    (q,) = m.restore([found])
    assert PAGE[q.start : q.end] == q.text == "Nein"
    assert PAGE[q.cue.start : q.cue.end] == q.cue.text == "sagte"
    assert q.speaker_mention.text == "Au&szlig;enministerin Sch<b>ö</b>nbohm"
    assert PAGE[q.speaker_mention.start : q.speaker_mention.end] == q.speaker_mention.text
    assert (q.speaker, q.speaker_role) == ("Schönbohm", "Außenministerin")  # names stay readable


def test_invisible_characters_and_no_break_spaces_read_as_what_they_mean():
    text = "\ufeffBundes\u00adkanzler Olaf\u200bScholz sagte\u00a0am Montag"
    m = mask(text)
    assert m.text.split() == ["Bundeskanzler", "Olaf", "Scholz", "sagte", "am", "Montag"]
    assert m.text.index("Olaf") == text.index("Olaf")


def test_plain_german_text_is_passed_through_as_is():
    text = "„Die Zahl liegt bei < 2 Prozent & sinkt“, sagte Nagel. AT&T; sei kein Thema, so der Sprecher."
    m = mask(text)
    assert m.text is text and m.restore([]) == []


def test_data_runs_are_blanked_but_rows_of_quotation_marks_are_not():
    blob = "iVBORw0KGgo" * 100  # base64 of an image pasted into an article
    text = f"Vorher. {blob} „Nein“, sagte sie. {'„' * 1000} Ende. {'x' * MAX_DATA_RUN} bleibt."
    m = mask(text)
    assert m.text == text.replace(blob, " " * len(blob))


def test_masking_a_document_at_the_size_limit_is_fast():
    text = ("<p>Der Minister sagte, man sei &bdquo;bereit&ldquo;.</p>\n" * 40_000)[: 2 * 1024 * 1024 // 2]
    started = time.monotonic()
    assert len(mask(text).text) == len(text)
    assert time.monotonic() - started < 5


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<br/>",
                "<b>",
                "</b>",
                "<a href='x'>",
                "&amp;",
                "&auml;",
                "&bdquo;",
                "&ldquo;",
                "&nbsp;",
                "&#8222;",
                "&#x201C;",
                "&bogus;",
                "<!-- c -->",
                "Wort",
                "Scholz",
                " ",
                "\n",
                "\u00ad",
                "\u200b",
                "\u00a0",
                "\ufeff",
                "\u200d",
                ",",
                "„",
                "“",
                "<",
                ">",
                "&",
                "x" * 250,
            ]
        ),
        max_size=40,
    )
)
def test_any_markup_keeps_length_and_maps_every_span_into_the_input(pieces):
    text = "".join(pieces)
    m = mask(text)
    assert len(m.text) == len(text)
    for start, end in ((s, e) for s in range(len(text)) for e in range(s + 1, min(len(text), s + 12) + 1)):
        if m.text[start].isspace() or m.text[end - 1].isspace():
            continue  # spans found by the extractor never start or end on a space
        (q,) = m.restore([Quote(m.text[start:end], start, end, "direct", None, None, None, None, 1.0)])
        assert 0 <= q.start < q.end <= len(text) and text[q.start : q.end] == q.text
