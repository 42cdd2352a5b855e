"""The bundled German pipeline parses news text: every sentence gets a tree, contractions expand,
and the Konjunktiv of reported speech is recognised."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.quotes.konjunktiv import is_konjunktiv_i

pytestmark = pytest.mark.slow
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def parser(extractor):
    """The full-parse mode: these tests are about the parse of every sentence."""
    from dataclasses import replace

    from extractor.parsing import Parser

    return Parser(replace(extractor.config, full_parse=True))


def test_every_seed_sentence_gets_a_tree(parser):
    for path in sorted(SEEDS.glob("*.txt")):
        doc = parser.parse(path.read_text(encoding="utf-8"))
        assert doc.sentences, path.name
        for s in doc.sentences:
            roots = [w for w in s.words if w.head == 0]
            assert len(roots) == 1, (path.name, doc.text[s.start : s.end])
            assert all(0 <= w.head <= len(s.words) for w in s.words)


def test_im_is_expanded_to_in_dem(parser):
    doc = parser.parse("Der Minister sprach im Bundestag über die Lage.")
    words = [w.text for w in doc.sentences[0].words]
    assert "in" in words and "dem" in words and "im" not in words
    w_in = next(w for w in doc.sentences[0].words if w.text == "in")
    assert doc.text[w_in.start : w_in.end] == "im"  # both words point at the surface token


def test_habe_in_reported_speech_is_konjunktiv(parser):
    doc = parser.parse("Pompeo habe die irakische Regierung aufgefordert, die Milizen zu kontrollieren.")
    s = doc.sentences[0]
    habe = next(w for w in s.words if w.text == "habe")
    assert is_konjunktiv_i(habe, s)


def test_indicative_is_not_konjunktiv(parser):
    doc = parser.parse("Pompeo hat die Regierung aufgefordert. Ich habe das gelesen.")
    for s in doc.sentences:
        for w in s.words:
            assert not is_konjunktiv_i(w, s), w.text


def test_sentences_are_split_where_a_reader_splits(parser):
    text = (
        "„Die Lage ist ernst.“ Das sagte Dr. Müller am 19. Februar in Berlin, z.B. vor Reportern. "
        "„Wir handeln“, sagte er am 1.2.2026.\nUpdate\nDer nächste Absatz beginnt hier."
    )
    sents = [text[s.start : s.end] for s in parser.parse(text).sentences]
    assert sents == [
        "„Die Lage ist ernst.“",
        "Das sagte Dr. Müller am 19. Februar in Berlin, z.B. vor Reportern.",
        "„Wir handeln“, sagte er am 1.2.2026.",
        "Update",
        "Der nächste Absatz beginnt hier.",
    ]


def test_a_word_the_lemma_dictionary_lacks_gets_simplemmas_lemma_cased_by_its_tag():
    from extractor.parsing import lemma_of

    assert lemma_of("sagte", "VERB", "sagen") == "sagen"  # the dictionary's entry stands
    assert lemma_of("bekräftigten", "VERB", "bekräftigten") == "bekräftigen"  # unknown: simplemma
    assert lemma_of("Verteidigungsministerinnen", "NOUN", "Verteidigungsministerinnen") == "Verteidigungsministerin"
    assert lemma_of("3,5", "NUM", "3,5") == "3,5" and lemma_of("Kiew", "PROPN", None) == "Kiew"
