"""Which sentences are parsed: the speech screen decides from tokens alone, and errs only towards
parsing too much — the fast mode finds exactly the quotes the full parse finds."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from extractor.api import Extractor
from extractor.parsing import paragraph_numbers
from extractor.selection import PARSE, TAG

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def parser(extractor):
    return extractor.parser


def tiers(parser, text: str) -> list[str]:
    sents = parser.tokenize(text)
    chosen = parser.screen.select(text, sents, paragraph_numbers(text, sents))
    return [chosen.get(i, "none") for i in range(len(sents))]


def test_a_sentence_with_a_speech_verb_is_parsed(parser):
    assert tiers(parser, "Die Regierung erklärte am Montag, man sei zu Gesprächen bereit.") == [PARSE]


def test_a_sentence_without_speech_is_left_as_tokens(parser):
    assert tiers(parser, "Die USA haben derzeit etwa 5200 Soldaten im Irak stationiert.") == ["none"]


def test_irregular_forms_are_known_from_the_lemmatizer_dictionary(parser):
    assert tiers(parser, "In Regierungskreisen hieß es, die Lage sei ernst.") == [PARSE]


def test_forms_are_recognised_by_their_stem(parser):
    assert tiers(parser, "Washington behauptet, die Drohne sei über internationalen Gewässern gewesen.") == [PARSE]
    assert tiers(parser, "Der Minister hatte die Partner aufgefordert, mehr zu tun.") == [PARSE]


def test_a_particle_verb_is_a_cue_only_with_its_particle(parser):
    assert tiers(parser, "Das Ministerium gab am Abend bekannt, dass die Truppen abziehen.") == [PARSE]
    assert tiers(parser, "Im Irak gibt es derzeit etwa 5200 amerikanische Soldaten.") == ["none"]


def test_attribution_words_are_parsed(parser):
    assert tiers(parser, "Laut dem Pentagon wurden zwei Drohnen abgeschossen.") == [PARSE]
    assert tiers(parser, "Die Lage ist ernst, so der Minister.") == [PARSE]


def test_konjunktiv_after_a_report_is_tagged_to_continue_it(parser):
    text = "Der Sprecher sagte, man beobachte die Lage genau. Eine Eskalation sei nicht im Interesse der Region."
    assert tiers(parser, text) == [PARSE, TAG]


def test_konjunktiv_far_from_any_report_is_not_tagged(parser):
    text = (
        "Die Truppen wurden verlegt. Die Lage blieb ruhig. Am Abend fiel Regen. Es wurde kalt. "
        "Eine Eskalation sei nicht im Interesse der Region."
    )
    assert tiers(parser, text)[-1] == "none"


def test_a_sentence_introducing_a_person_is_tagged_for_the_speaker_index(parser):
    text = "Der amtierende US-Verteidigungsminister Mark Esper reiste nach Brüssel."
    assert tiers(parser, text) == [TAG]


def test_a_quotation_after_a_colon_lead_is_tagged(parser):
    text = "Der Minister sagte:\n„Wir werden unsere Verbündeten niemals im Stich lassen.“"
    assert tiers(parser, text) == [PARSE, TAG]


def test_a_quotation_inside_a_quoted_passage_needs_no_parse(parser):
    text = "„Russland ist der Aggressor. Das ist eine Tatsache.“ Das sagte sie am Montag."
    assert tiers(parser, text) == ["none", "none", PARSE]


def test_unparsed_sentences_keep_their_boundaries_but_no_words(parser):
    doc = parser.parse("Die Truppen wurden verlegt. „Wir handeln“, sagte er.")
    first, second = doc.sentences
    assert doc.text[first.start : first.end] == "Die Truppen wurden verlegt."
    assert first.words == [] and not first.parsed
    assert second.parsed and any(w.deprel == "nsubj" for w in second.words)


@pytest.mark.slow
def test_fast_mode_finds_the_same_quotes_as_the_full_parse_on_the_seeds(extractor):
    full = Extractor(replace(extractor.config, full_parse=True))
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    assert extractor.extract_many(texts) == full.extract_many(texts)
    assert full.model_version == extractor.model_version + "+full-parse"


def test_strong_verb_forms_the_dictionary_lacks_are_parsed(parser):
    # „gesprochen“ (sprechen), „gewiesen“ (weisen … zurück): the stem vowel changes
    assert tiers(parser, "Der Minister hatte zuvor von einem großen Erfolg gesprochen.") == [PARSE]
    assert tiers(parser, "Die Vorwürfe wurden vom Ministerium am Abend zurückgewiesen.") == [PARSE]


def test_attribution_compounds_are_parsed(parser):
    assert tiers(parser, "Nach Polizeiangaben wurden zwei Menschen verletzt.") == [PARSE]


def test_a_word_the_dictionary_knows_as_no_cue_is_not_a_cue(parser):
    assert not parser.screen.is_cue("ausschließlich")


def test_a_colon_lead_and_reportative_sollen_are_tagged(parser):
    assert tiers(parser, "Selenskyj: Ohne Druck wird es keinen Frieden geben.")[0] == TAG
    assert tiers(parser, "Der Verdächtige soll das Geld genommen haben.") == [TAG]
