"""Property: on any German-like text with any quotation marks and cue words, the real extractor raises
nothing and every span it returns points into the text.

Texts are built from pieces of German news sentences — names, pronouns, speech verbs, „laut“ and
„zufolge“, Konjunktiv forms, colons, line breaks — and every kind of quotation mark, balanced or not,
so that the quote finders meet the shapes they were written for and the broken ones around them.
CI runs 2,000 derandomised examples (the same ones every run); ZITAT_FUZZ_EXAMPLES=20000 runs more.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow
EXAMPLES = int(os.environ.get("ZITAT_FUZZ_EXAMPLES", "2000"))

NAMES = [
    "Olaf Scholz",
    "Scholz",
    "Annalena Baerbock",
    "Mike Pompeo",
    "Jen Psaki",
    "Emmanuel Macron",
    "Ursula von der Leyen",
    "Сергей Лавров",
    "der Sprecher",
    "die Ministerin",
    "ein Sprecher der Regierung",
    "Reuters",
    "die Zeitung „Le Monde“",
    "Washington",
    "Moskau",
]
PRONOUNS = ["er", "sie", "Er", "Sie", "man", "wir", "Wir", "ich"]
CUES = [
    "sagte",
    "erklärte",
    "betonte",
    "sagte am Montag",
    "warnte",
    "kündigte an",
    "forderte",
    "meinte",
    "behauptet",
    "hieß es",
    "berichtete",
    "zitierte ihn",
]
SOURCES = ["laut", "Laut", "zufolge", "nach Angaben von", "so", "wie"]
KONJUNKTIV = ["sei", "habe", "werde", "könne", "müsse", "wolle", "gebe", "wären", "hätten"]
WORDS = [
    "die",
    "Lage",
    "ernst",
    "Gespräche",
    "Regierung",
    "Krieg",
    "keinen",
    "nicht",
    "bereit",
    "und",
    "dass",
    "ob",
    "Verhandlungen",
    "am",
    "Montag",
    "in",
    "Berlin",
    "Nato",
    "Truppen",
    "abziehen",
    "zu",
    "Sanktionen",
    "werden",
    "wir",
    "nachgeben",
    "Frieden",
    "sofort",
    "heute",
    "2024",
    "US-Präsident",
]
MARKS = ["„", "“", "»", "«", '"', "‚", "‘", "”", "’", "›", "‹"]
PUNCT = [",", ".", ":", "!", "?", ";", " –", "\n", "\n\n", "(", ")"]

piece = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(PRONOUNS),
    st.sampled_from(CUES),
    st.sampled_from(SOURCES),
    st.sampled_from(KONJUNKTIV),
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(MARKS),
    st.sampled_from(PUNCT),
)
#: A whole well-formed quote now and then, so that the finders' main paths run, not only the broken ones.
sentence = st.builds(
    lambda q, c, n: f"„{q}“, {c} {n}.",
    st.sampled_from(["Wir verhandeln", "Nein", "Die Lage ist ernst. Wir handeln"]),
    st.sampled_from(CUES),
    st.sampled_from(NAMES),
)
reported = st.builds(
    lambda n, c, w, k: f"{n} {c}, {w} {k} bereit.",
    st.sampled_from(NAMES),
    st.sampled_from(CUES),
    st.sampled_from(["man", "die Regierung", "er"]),
    st.sampled_from(KONJUNKTIV),
)


def _join(parts: list[str]) -> str:
    out = ""
    for p in parts:
        glue = "" if not out or p in MARKS or p in PUNCT or out[-1] in "„»‚›(\n" else " "
        out += glue + p
    return out


texts = (
    st.lists(st.one_of(piece, piece, piece, sentence, reported), min_size=1, max_size=24)
    .map(_join)
    .filter(lambda t: t.strip())
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
@given(text=texts)
def test_every_span_points_into_the_text(extractor, text):
    quotes = extractor.extract(text)
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text), q
        assert text[q.start : q.end] == q.text, q
        assert q.kind in ("direct", "indirect", "mixed") and 0.0 <= q.confidence <= 1.0
        for span in (q.cue, q.speaker_mention):
            if span is not None:
                assert 0 <= span.start < span.end <= len(text), span
                assert text[span.start : span.end] == span.text, span
